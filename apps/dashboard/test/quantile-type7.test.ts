import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedBand } from "../src/transforms/bands.ts";

/** The band of seeds that each hold one constant value over the grid [0, 1]: its quartiles at x = 0. */
function quartilesOf(values: number[]): { q1: number; median: number; q3: number } {
  const band = seedBand(
    values.map((v) => ({ x: [0, 1], y: [v, v] })),
    [0],
  );
  return { q1: band.q1[0], median: band.median[0], q3: band.q3[0] };
}

// The bands' quartiles are @arena/stats' quantileSorted: here, that the dashboard draws type-7 values.
describe("the bands' quartiles (Hyndman & Fan type 7, @arena/stats)", () => {
  it("match R's quantile(type = 7) on hand-checked samples", () => {
    // R: quantile(1:4, c(.25, .5, .75)) = 1.75 2.5 3.25
    expect(quartilesOf([1, 2, 3, 4])).toEqual({ q1: 1.75, median: 2.5, q3: 3.25 });
    // R: quantile(c(1, 3, 10), c(.25, .5, .75)) = 2 3 6.5
    expect(quartilesOf([1, 3, 10])).toEqual({ q1: 2, median: 3, q3: 6.5 });
    expect(quartilesOf([7])).toEqual({ q1: 7, median: 7, q3: 7 });
  });

  it("draw no point (no NaN) where no seed has a value", () => {
    const band = seedBand([{ x: [5, 6], y: [1, 2] }], [1]);
    expect(band).toEqual({ x: [], median: [], q1: [], q3: [], n: [] });
  });

  it("sort numerically, not as strings", () => {
    expect(quartilesOf([10, 9, 100, 2])).toEqual({ q1: 7.25, median: 9.5, q3: 32.5 });
  });

  it("stay within the data and grow from q1 to q3", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (xs) => {
          const { q1, median, q3 } = quartilesOf(xs);
          const lo = Math.min(...xs);
          const hi = Math.max(...xs);
          return lo <= q1 && q1 <= median && median <= q3 && q3 <= hi;
        },
      ),
    );
  });
});
