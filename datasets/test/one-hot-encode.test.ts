import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { argmaxRows, classLabels, createDataset, oneHot } from "../src/index.ts";

describe("oneHot / argmaxRows / classLabels", () => {
  it("one-hot rows have a single 1 at the label, and argmax inverts them", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.nat(k - 1)))),
        ([k, labels]) => {
          const y = oneHot(labels, k);
          expect(y.length).toBe(labels.length * k);
          for (let i = 0; i < labels.length; i++) {
            expect(y.subarray(i * k, (i + 1) * k).reduce((a, b) => a + b, 0)).toBe(1);
            expect(y[i * k + labels[i]]).toBe(1);
          }
          expect(Array.from(argmaxRows(y, k))).toEqual(labels);
        },
      ),
    );
  });

  it("rejects labels outside 0..k-1", () => {
    expect(() => oneHot([0, 3], 3)).toThrow("oneHot: label 3 at row 1 is not an integer in 0..2");
  });

  it("classLabels reads one-hot rows and single sigmoid targets", () => {
    const oh = createDataset(new Float32Array(3), [1], oneHot([2, 0, 1], 3), [3]);
    expect(Array.from(classLabels(oh))).toEqual([2, 0, 1]);
    const bin = createDataset(new Float32Array(3), [1], new Float32Array([1, 0, 1]), [1]);
    expect(Array.from(classLabels(bin))).toEqual([1, 0, 1]);
    const seq = createDataset(new Float32Array(4), [2, 1], new Float32Array(4), [2, 1]);
    expect(() => classLabels(seq)).toThrow(/not a per-sample class/);
  });

  it("createDataset checks that shapes and lengths agree", () => {
    expect(() => createDataset(new Float32Array(5), [2], new Float32Array(2), [1])).toThrow(
      /not a multiple of prod\(xShape\) = 2/,
    );
    expect(() => createDataset(new Float32Array(4), [2], new Float32Array(3), [1])).toThrow(
      /expected n × prod\(yShape\) = 2 × 1 = 2/,
    );
  });
});
