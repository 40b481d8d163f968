import { describe, expect, it } from "vitest";
import { bootstrapCi, DEFAULT_RESAMPLES, mean, meanCi, medianCi } from "../src/index.ts";
import { mulberry32, normalDraw } from "./mulberry32.ts";

/**
 * A "uniform source" that walks through every index tuple of length n in lexicographic order, so that
 * n^n resamples are exactly the full bootstrap distribution (no Monte Carlo error).
 */
function enumeratingSource(n: number): { float(): number } {
  let call = 0;
  return {
    float(): number {
      const resample = Math.floor(call / n);
      const position = call % n;
      call++;
      // digit `position` (most significant first) of `resample` in base n
      const digit = Math.floor(resample / n ** (n - 1 - position)) % n;
      return (digit + 0.5) / n;
    },
  };
}

describe("bootstrapCi: percentile method", () => {
  it("equals the exact bootstrap distribution's quantiles when every resample is enumerated", () => {
    // Sample 1, 2, 3: of the 27 equally likely resamples, 7 have median 1, 13 median 2, 7 median 3
    // (hand: median 1 needs ≥ two 1s: 3·2 + 1 = 7). Type-7 quantiles of that sorted list of 27:
    // p = 0.25 → h = 6.5 → (1 + 2)/2 = 1.5; p = 0.75 → h = 19.5 → (2 + 3)/2 = 2.5.
    const ci = medianCi([1, 2, 3], { rng: enumeratingSource(3), resamples: 27, level: 0.5 });
    expect(ci).toEqual({ estimate: 2, lo: 1.5, hi: 2.5, level: 0.5, resamples: 27 });
  });

  it("is reproducible from the seed and defaults to 10 000 resamples at 95%", () => {
    const xs = [0.91, 0.93, 0.9, 0.94, 0.92, 0.95, 0.89, 0.97];
    const a = medianCi(xs, { rng: mulberry32(42) });
    const b = medianCi(xs, { rng: mulberry32(42) });
    expect(a).toEqual(b);
    expect(a.resamples).toBe(DEFAULT_RESAMPLES);
    expect(DEFAULT_RESAMPLES).toBe(10_000);
    expect(a.level).toBe(0.95);
    expect(a.lo).toBeLessThanOrEqual(a.estimate);
    expect(a.hi).toBeGreaterThanOrEqual(a.estimate);
    // The median CI of 8 values lands on a few discrete values; the mean CI shows the seed matters.
    expect(meanCi(xs, { rng: mulberry32(43) })).not.toEqual(meanCi(xs, { rng: mulberry32(42) }));
    expect(meanCi(xs, { rng: mulberry32(42) })).toEqual(meanCi(xs, { rng: mulberry32(42) }));
  });

  it("covers the true mean about 95% of the time for normal samples (n = 30)", () => {
    const src = mulberry32(2024);
    let covered = 0;
    const reps = 200;
    for (let r = 0; r < reps; r++) {
      const xs = Array.from({ length: 30 }, () => 10 + 2 * normalDraw(src));
      const ci = meanCi(xs, { rng: src, resamples: 1000 });
      if (ci.lo <= 10 && 10 <= ci.hi) covered++;
    }
    // The percentile interval under-covers slightly at n = 30 (≈ 0.93–0.94); binomial sd ≈ 0.016.
    expect(covered / reps).toBeGreaterThan(0.88);
    expect(covered / reps).toBeLessThan(0.99);
  });

  it("the mean CI is close to the normal-theory interval mean ± 1.96·s/√n for a large sample", () => {
    const src = mulberry32(9);
    const xs = Array.from({ length: 400 }, () => normalDraw(src));
    const m = mean(xs);
    let ss = 0;
    for (const v of xs) ss += (v - m) ** 2;
    const se = Math.sqrt(ss / (xs.length - 1) / xs.length);
    const ci = bootstrapCi(xs, (s) => mean(s), { rng: src, resamples: 4000 });
    expect(ci.estimate).toBeCloseTo(m, 14);
    expect(Math.abs(ci.lo - (m - 1.96 * se))).toBeLessThan(0.15 * se);
    expect(Math.abs(ci.hi - (m + 1.96 * se))).toBeLessThan(0.15 * se);
  });

  it("rejects bad options by name", () => {
    const rng = mulberry32(1);
    expect(() => medianCi([1, 2], { rng, resamples: 0 })).toThrow(
      "medianCi: resamples: Too small: expected number to be >=1 (got 0)",
    );
    expect(() => medianCi([1, 2], { rng, level: 1 })).toThrow(
      "medianCi: level: Too big: expected number to be <1 (got 1)",
    );
    // @ts-expect-error: unknown option on purpose
    expect(() => medianCi([1, 2], { rng, samples: 10 })).toThrow(
      'medianCi: unknown key "samples"; known keys: rng, resamples, level',
    );
    // @ts-expect-error: missing rng on purpose
    expect(() => medianCi([1, 2], {})).toThrow(
      "medianCi: rng: expected a uniform source with a float() method, e.g. an Rng",
    );
    expect(() => bootstrapCi([1, 2], () => Number.NaN, { rng })).toThrow(
      "bootstrapCi: statistic: expected a number, not NaN, on resample 0 (got NaN)",
    );
  });
});
