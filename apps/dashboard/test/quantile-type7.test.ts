import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantileSorted, quartiles } from "../src/transforms/quantile.ts";

describe("quantileSorted (Hyndman & Fan type 7)", () => {
  it("matches R's quantile(type = 7) on hand-checked samples", () => {
    // R: quantile(1:4, c(.25, .5, .75)) = 1.75 2.5 3.25
    expect([0.25, 0.5, 0.75].map((p) => quantileSorted([1, 2, 3, 4], p))).toEqual([1.75, 2.5, 3.25]);
    // R: quantile(c(1, 3, 10), c(.25, .5, .75)) = 2 3 6.5
    expect([0.25, 0.5, 0.75].map((p) => quantileSorted([1, 3, 10], p))).toEqual([2, 3, 6.5]);
    expect(quantileSorted([7], 0.25)).toBe(7);
    expect(quantileSorted([1, 2], 0)).toBe(1);
    expect(quantileSorted([1, 2], 1)).toBe(2);
  });

  it("is NaN for an empty sample", () => {
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it("sorts numerically, not as strings", () => {
    expect(quartiles([10, 9, 100, 2])).toEqual({ q1: 7.25, median: 9.5, q3: 32.5 });
  });

  it("stays within the data and grows with p", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, p, q) => {
          const s = [...xs].sort((a, b) => a - b);
          const [lo, hi] = p < q ? [p, q] : [q, p];
          const a = quantileSorted(s, lo);
          const b = quantileSorted(s, hi);
          return a >= s[0] && b <= s[s.length - 1] && a <= b + 1e-9 * Math.max(1, Math.abs(b));
        },
      ),
    );
  });
});
