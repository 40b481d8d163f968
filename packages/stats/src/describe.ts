import { checkSample } from "./checks.ts";
import { quantileSorted, sortedCopy } from "./quantile.ts";

/** The usual summary of one sample. */
export interface Description {
  n: number;
  min: number;
  /** First quartile (type 7). */
  q1: number;
  median: number;
  /** Third quartile (type 7). */
  q3: number;
  max: number;
  iqr: number;
  mean: number;
  /** Sample standard deviation (n − 1); NaN for a single value, as R's `sd`. */
  sd: number;
}

/**
 * Five-number summary plus mean and standard deviation, sorting the sample once. Infinite values are
 * allowed: the order statistics stay meaningful, while the mean and sd become non-finite.
 *
 * @example
 * ```ts
 * import { describe } from "@arena/stats";
 * describe([2, 4, 4, 4, 5, 5, 7, 9]); // { n: 8, median: 4.5, mean: 5, sd: 2.138…, … }
 * ```
 */
export function describe(xs: ArrayLike<number>): Description {
  checkSample("describe", "sample", xs);
  const sorted = sortedCopy(xs);
  const n = sorted.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += sorted[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = sorted[i] - mean;
    ss += d * d;
  }
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  return {
    n,
    min: sorted[0],
    q1,
    median: quantileSorted(sorted, 0.5),
    q3,
    max: sorted[n - 1],
    iqr: q3 - q1,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN,
  };
}
