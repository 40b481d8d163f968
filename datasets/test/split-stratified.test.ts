import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  classCounts,
  createDataset,
  randomSplit,
  type SplitIndices,
  splitDataset,
  stratifiedSplit,
  stratifiedSubsample,
} from "../src/index.ts";

const labelsArb = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 300 });
const fractionsArb = fc
  .record({
    validation: fc.double({ min: 0, max: 0.45, noNaN: true }),
    test: fc.double({ min: 0, max: 0.45, noNaN: true }),
  })
  .filter((f) => f.validation + f.test < 0.95);

function checkPartition(idx: SplitIndices, n: number): void {
  const all = [...idx.train, ...idx.validation, ...idx.test].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i)); // disjoint and covering
}

describe("stratifiedSplit", () => {
  it("is disjoint, covers every sample, and keeps each class within ±1 of its share", () => {
    fc.assert(
      fc.property(labelsArb, fractionsArb, fc.integer(), (labels, f, seed) => {
        const idx = stratifiedSplit(labels, f, new Rng(seed));
        checkPartition(idx, labels.length);
        const k = Math.max(...labels) + 1;
        const total = classCounts(labels, k);
        const shares = [1 - f.validation - f.test, f.validation, f.test];
        [idx.train, idx.validation, idx.test].forEach((part, s) => {
          const got = classCounts(
            Array.from(part, (i) => labels[i]),
            k,
          );
          for (let c = 0; c < k; c++) expect(Math.abs(got[c] - total[c] * shares[s])).toBeLessThan(1 + 1e-9);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("is identical for the same seed and differs for another", () => {
    const labels = Array.from({ length: 200 }, (_, i) => i % 4);
    const f = { validation: 0.2, test: 0.2 };
    const a = stratifiedSplit(labels, f, new Rng(5));
    const b = stratifiedSplit(labels, f, new Rng(5));
    const c = stratifiedSplit(labels, f, new Rng(6));
    expect(b).toEqual(a);
    expect(c.train).not.toEqual(a.train);
  });

  it("keeps split totals close to their shares across classes (6/2/2 per class of 10)", () => {
    const labels = Array.from({ length: 400 }, (_, i) => Math.floor(i / 10));
    const idx = stratifiedSplit(labels, { validation: 0.2, test: 0.2 }, new Rng(1));
    expect([idx.train.length, idx.validation.length, idx.test.length]).toEqual([240, 80, 80]);
    for (const part of [idx.train, idx.validation, idx.test]) {
      const per = classCounts(
        Array.from(part, (i) => labels[i]),
        40,
      );
      expect(new Set(per).size).toBe(1);
    }
  });

  it("rejects bad fractions and labels", () => {
    expect(() => stratifiedSplit([0, 1], { validation: 0.6, test: 0.5 }, new Rng(1))).toThrow(
      "stratifiedSplit: test: expected validation + test < 1, leaving samples to train on (got 0.6 + 0.5)",
    );
    expect(() => stratifiedSplit([0, 1], { validation: -0.1, test: 0 }, new Rng(1))).toThrow(
      "stratifiedSplit: validation: Too small: expected number to be >=0 (got -0.1)",
    );
    expect(() => stratifiedSplit([0, 1.5], { validation: 0.1, test: 0 }, new Rng(1))).toThrow(/label 1.5/);
  });

  it("randomSplit partitions n samples with sizes within one of their shares", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fractionsArb, fc.integer(), (n, f, seed) => {
        const idx = randomSplit(n, f, new Rng(seed));
        checkPartition(idx, n);
        expect(Math.abs(idx.validation.length - n * f.validation)).toBeLessThan(1 + 1e-9);
        expect(Math.abs(idx.test.length - n * f.test)).toBeLessThan(1 + 1e-9);
      }),
    );
  });

  it("splitDataset copies the chosen rows", () => {
    const ds = createDataset(new Float32Array([0, 1, 2, 3, 4]), [1], new Float32Array([0, 1, 0, 1, 0]), [1]);
    const s = splitDataset(ds, {
      train: Int32Array.of(4, 0),
      validation: Int32Array.of(1),
      test: Int32Array.of(2, 3),
    });
    expect(Array.from(s.train.x)).toEqual([4, 0]);
    expect(Array.from(s.test.y)).toEqual([0, 1]);
    s.train.x[0] = 99;
    expect(ds.x[4]).toBe(4);
  });
});

describe("stratifiedSubsample", () => {
  it("takes exactly k distinct rows, each class within ±1 of its share", () => {
    fc.assert(
      fc.property(labelsArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer(), (labels, q, seed) => {
        const k = Math.max(1, Math.round(q * labels.length));
        const pick = stratifiedSubsample(labels, k, new Rng(seed));
        expect(pick.length).toBe(k);
        expect(new Set(pick).size).toBe(k);
        const nc = Math.max(...labels) + 1;
        const total = classCounts(labels, nc);
        const got = classCounts(
          Array.from(pick, (i) => labels[i]),
          nc,
        );
        for (let c = 0; c < nc; c++)
          expect(Math.abs(got[c] - (k * total[c]) / labels.length)).toBeLessThan(1);
      }),
    );
  });

  it("rejects a size larger than the data", () => {
    expect(() => stratifiedSubsample([0, 1], 3, new Rng(1))).toThrow(
      /size must be an integer in \[1, 2\], got 3/,
    );
  });
});
