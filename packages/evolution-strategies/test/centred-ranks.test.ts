import { describe, expect, it } from "vitest";
import { centredRanks } from "../src/index.ts";

describe("centredRanks", () => {
  it("maps ranks linearly onto [-0.5, 0.5], lowest fitness at -0.5 (hand-computed)", () => {
    // Sorted: 1 (i=1), 1.5 (i=3), 3 (i=0), 4 (i=2), 9 (i=4); ranks 0..4 → r/4 − 0.5.
    const out = new Float64Array(5);
    centredRanks(new Float64Array([3, 1, 4, 1.5, 9]), new Int32Array(5), out);
    expect(Array.from(out)).toEqual([0, -0.5, 0.25, -0.25, 0.5]);
  });

  it("depends on the order only, sums to zero, breaks ties by index and ranks +Infinity last", () => {
    const a = centredRanks(new Float64Array([10, -3, 7, 2]), new Int32Array(4), new Float64Array(4));
    const b = centredRanks(new Float64Array([1e9, -1e9, 5, 4]), new Int32Array(4), new Float64Array(4));
    expect(a).toEqual(b);
    expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 15);
    const ties = centredRanks(new Float64Array([2, 2, 2]), new Int32Array(3), new Float64Array(3));
    expect(Array.from(ties)).toEqual([-0.5, 0, 0.5]);
    const inf = centredRanks(
      new Float64Array([Number.POSITIVE_INFINITY, 0, 1]),
      new Int32Array(3),
      new Float64Array(3),
    );
    expect(Array.from(inf)).toEqual([0.5, -0.5, 0]);
  });

  it("gives 0 to a lone candidate and rejects scratch of the wrong length", () => {
    expect(Array.from(centredRanks(new Float64Array([4]), new Int32Array(1), new Float64Array(1)))).toEqual([
      0,
    ]);
    expect(() => centredRanks(new Float64Array(3), new Int32Array(2), new Float64Array(3))).toThrow(
      /centredRanks: order and out must have one entry per fitness value \(3\)/,
    );
  });
});
