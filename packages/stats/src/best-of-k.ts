/** The distribution of the best of k trials drawn with replacement from n, summarised. */
export interface BestOfK {
  k: number;
  /** Expected best of k: the exact bootstrap mean (±∞ when a trial scored ±∞ and can be all k draws). */
  mean: number;
  /** Median and quartiles of the best of k (always finite when any trial is). */
  median: number;
  q1: number;
  q3: number;
}

/**
 * The best of `k` trials of a hyperparameter search, when k trials are drawn with replacement from the
 * `scores` observed (Dodge et al. 2019, "Show your work": expected validation performance against the
 * number of trials; Schmidt, Schneider & Hennig 2021 use the same curve to compare tuning budgets). The
 * bootstrap's distribution is computed exactly rather than by resampling: ordered from worst to best,
 * the i-th of n scores is the best of k draws with probability (i/n)^k − ((i−1)/n)^k. Scores may be
 * ±∞ (a diverged trial scores the worst value); the mean is then infinite while such trials can fill
 * all k draws, and the median and quartiles say what a user can expect.
 *
 * @example
 * ```ts
 * import { bestOfK } from "@arena/stats";
 * const acc = [0.2, 0.5, 0.9, 0.7];
 * console.log(bestOfK(acc, 1, true).mean); // 0.575, the mean
 * console.log(bestOfK(acc, 4, true).median); // 0.9
 * ```
 */
export function bestOfK(scores: readonly number[], k: number, higherIsBetter: boolean): BestOfK {
  if (scores.length === 0) throw new RangeError("bestOfK: expected at least one score");
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`bestOfK: k must be an integer >= 1, got ${k}`);
  if (scores.some(Number.isNaN))
    throw new RangeError("bestOfK: a score is NaN; give diverged trials the worst value");
  const n = scores.length;
  // Worst first.
  const s = [...scores].sort((a, b) => (higherIsBetter ? a - b : b - a));
  const cdf = (i: number) => (i / n) ** k;
  let mean = 0;
  for (let i = 1; i <= n; i++) {
    const p = cdf(i) - cdf(i - 1);
    if (p > 0) mean += p * s[i - 1];
  }
  /** The q-quantile of the best of k, in the order of quality (q = 0.75: the upper quartile of quality). */
  const quantile = (q: number) => {
    for (let i = 1; i <= n; i++) if (cdf(i) >= q) return s[i - 1];
    return s[n - 1];
  };
  return { k, mean, median: quantile(0.5), q1: quantile(0.25), q3: quantile(0.75) };
}

/** {@link bestOfK} for k = 1 … n (the number of scores): the whole tuning-budget curve. */
export function bestOfKCurve(scores: readonly number[], higherIsBetter: boolean): BestOfK[] {
  return Array.from({ length: scores.length }, (_, i) => bestOfK(scores, i + 1, higherIsBetter));
}
