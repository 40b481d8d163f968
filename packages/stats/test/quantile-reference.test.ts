import fc from "fast-check";
import { expect, describe as group, it } from "vitest";
import { describe, iqr, median, quantile, quantiles } from "../src/index.ts";

group("quantile: type 7 against reference values", () => {
  it("matches R's quantile(1:4, c(0, .25, .5, .75, 1))", () => {
    // Hand-computed with h = (n − 1)p: 1, 1.75, 2.5, 3.25, 4 (R's default type 7 gives the same).
    expect(quantiles([4, 1, 3, 2], [0, 0.25, 0.5, 0.75, 1])).toEqual([1, 1.75, 2.5, 3.25, 4]);
  });

  it("interpolates between order statistics (hand-computed)", () => {
    // sorted 1 3 5 7 9; p = 0.1: h = 0.4 → 1 + 0.4·2 = 1.8; p = 0.9: h = 3.6 → 7 + 0.6·2 = 8.2
    expect(quantile([7, 1, 3, 9, 5], 0.1)).toBeCloseTo(1.8, 14);
    expect(quantile([7, 1, 3, 9, 5], 0.9)).toBeCloseTo(8.2, 14);
    // numpy.percentile(range(1, 11), 33) = 3.97: h = 9·0.33 = 2.97 → 3 + 0.97·1
    expect(quantile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.33)).toBeCloseTo(3.97, 14);
  });

  it("median and IQR match R's median() and IQR()", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // R: IQR(1:10) = 7.75 − 3.25 = 4.5
    expect(iqr([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(4.5);
  });

  it("handles infinities as order statistics (runs that never reach a target)", () => {
    expect(median([10, 20, Number.POSITIVE_INFINITY])).toBe(20);
    expect(median([10, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY])).toBe(Number.POSITIVE_INFINITY);
    expect(quantile([1, 2, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY], 0.5)).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it("does not overflow between huge values of opposite sign", () => {
    expect(quantile([-Number.MAX_VALUE, Number.MAX_VALUE], 0.5)).toBe(0);
    expect(quantile([-Number.MAX_VALUE, Number.MAX_VALUE], 0.25)).toBeCloseTo(-Number.MAX_VALUE / 2, -300);
  });

  it("rejects empty samples, NaN and p outside [0, 1], naming the value", () => {
    expect(() => quantile([], 0.5)).toThrow("quantile: sample: expected at least one value (got [])");
    expect(() => median([1, Number.NaN])).toThrow(
      "median: sample[1]: expected a number other than NaN (got NaN)",
    );
    expect(() => quantile([1, 2], 1.5)).toThrow("quantile: p: expected a probability in [0, 1] (got 1.5)");
    expect(() => quantiles([1, 2], [0.5, -0.1])).toThrow(
      "quantiles: ps[1]: expected a probability in [0, 1] (got -0.1)",
    );
  });

  it("describe() summarises the classic example 2,4,4,4,5,5,7,9", () => {
    // mean 5 (hand); R: sd(c(2,4,4,4,5,5,7,9)) = sqrt(32/7) = 2.138090; quantile(.., c(.25,.75)) = 4, 5.5
    const d = describe([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(d).toMatchObject({ n: 8, min: 2, q1: 4, median: 4.5, q3: 5.5, max: 9, iqr: 1.5, mean: 5 });
    expect(d.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(describe([3]).sd).toBeNaN();
  });
});

group("quantile: properties", () => {
  const sample = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
    minLength: 1,
    maxLength: 40,
  });
  const prob = fc.double({ min: 0, max: 1, noNaN: true });

  it("is monotone in p", () => {
    fc.assert(
      fc.property(sample, prob, prob, (xs, p, q) => {
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        expect(quantile(xs, lo)).toBeLessThanOrEqual(quantile(xs, hi));
      }),
    );
  });

  it("stays within [min, max] and hits them at p = 0 and 1", () => {
    fc.assert(
      fc.property(sample, prob, (xs, p) => {
        const v = quantile(xs, p);
        const lo = Math.min(...xs);
        const hi = Math.max(...xs);
        expect(v).toBeGreaterThanOrEqual(lo);
        expect(v).toBeLessThanOrEqual(hi);
        // === rather than toBe: −0 and +0 are the same minimum.
        expect(quantile(xs, 0) === lo).toBe(true);
        expect(quantile(xs, 1) === hi).toBe(true);
      }),
    );
  });

  it("does not depend on the order of the sample", () => {
    fc.assert(
      fc.property(sample, prob, (xs, p) => {
        const reversed = [...xs].reverse();
        expect(quantile(reversed, p)).toBe(quantile(xs, p));
      }),
    );
  });

  it("median equals the middle order statistic for odd n", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 21 })
          .filter((a) => a.length % 2 === 1),
        (xs) => {
          const sorted = [...xs].sort((a, b) => a - b);
          expect(median(xs)).toBe(sorted[(xs.length - 1) / 2]);
        },
      ),
    );
  });
});
