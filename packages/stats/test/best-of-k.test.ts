import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bestOfK, bestOfKCurve } from "../src/index.ts";
import { mulberry32 } from "./mulberry32.ts";

/** The same statistics by brute force: many bootstrap resamples of k trials, the best of each. */
function resampled(scores: number[], k: number, higher: boolean, resamples = 40_000) {
  const rng = mulberry32(19);
  const best: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let m = higher ? -Infinity : Infinity;
    for (let j = 0; j < k; j++) {
      const v = scores[Math.floor(rng.float() * scores.length)];
      m = higher ? Math.max(m, v) : Math.min(m, v);
    }
    best.push(m);
  }
  return { mean: best.reduce((a, b) => a + b, 0) / resamples, best };
}

/** The empirical q-quantile in the order of quality (worst first): the first value whose CDF reaches q. */
function qualityQuantile(xs: number[], q: number, higher: boolean): number {
  const s = [...xs].sort((a, b) => (higher ? a - b : b - a));
  return s[Math.ceil(q * s.length) - 1];
}

describe("bestOfK", () => {
  it("is the mean at k = 1 and tends to the best score as k grows", () => {
    const acc = [0.2, 0.5, 0.9, 0.7];
    expect(bestOfK(acc, 1, true).mean).toBeCloseTo(0.575, 12);
    expect(bestOfK(acc, 200, true).mean).toBeCloseTo(0.9, 9);
    expect(bestOfK([3, 1, 2], 200, false).mean).toBeCloseTo(1, 9);
  });

  it("matches a brute-force bootstrap: mean, median and quartiles", () => {
    // Seven scores: no CDF value (i/7)^k sits exactly on a quartile, where resampling would flip a coin.
    const scores = [0.1, 0.35, 0.35, 0.6, 0.62, 0.8, 0.95];
    for (const k of [1, 2, 3, 5]) {
      for (const higher of [true, false]) {
        const exact = bestOfK(scores, k, higher);
        const { mean, best } = resampled(scores, k, higher);
        expect(exact.mean).toBeCloseTo(mean, 2);
        expect(exact.median).toBe(qualityQuantile(best, 0.5, higher));
        expect(exact.q1).toBe(qualityQuantile(best, 0.25, higher));
        expect(exact.q3).toBe(qualityQuantile(best, 0.75, higher));
      }
    }
  });

  it("keeps a diverged trial (−∞) out of the median once it is unlikely to fill every draw", () => {
    const scores = [-Infinity, 0.5, 0.6, 0.7];
    expect(bestOfK(scores, 1, true).mean).toBe(-Infinity);
    expect(bestOfK(scores, 1, true).median).toBe(0.5);
    expect(bestOfK(scores, 8, true).median).toBe(0.7);
  });

  it("never gets worse with more trials", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (xs, higher) => {
          const curve = bestOfKCurve(xs, higher);
          for (let i = 1; i < curve.length; i++) {
            const better = (a: number, b: number) => (higher ? a >= b - 1e-12 : a <= b + 1e-12);
            expect(better(curve[i].mean, curve[i - 1].mean)).toBe(true);
            expect(better(curve[i].median, curve[i - 1].median)).toBe(true);
          }
        },
      ),
    );
  });

  it("refuses no scores, a bad k and NaN", () => {
    expect(() => bestOfK([], 1, true)).toThrow(/at least one/);
    expect(() => bestOfK([1], 0, true)).toThrow(/k must be/);
    expect(() => bestOfK([Number.NaN], 1, true)).toThrow(/NaN/);
  });
});
