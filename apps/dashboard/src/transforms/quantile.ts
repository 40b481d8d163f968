/**
 * The p-quantile of an ascending sample by linear interpolation between order statistics
 * (Hyndman & Fan 1996, definition 7: R's default, numpy's "linear"; the same as `@arena/stats` and
 * the harness's report). Returns NaN for an empty sample.
 *
 * @example
 * ```ts
 * quantileSorted([1, 2, 3, 4], 0.25); // 1.75
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo];
  if (lo >= n - 1) return a;
  const b = sorted[lo + 1];
  const frac = h - lo;
  if (frac === 0 || a === b) return a;
  return a + frac * (b - a);
}

/** Sorts a copy numerically (Array.prototype.sort without a comparator sorts as strings). */
export function sortedNumbers(xs: Iterable<number>): number[] {
  return Array.from(xs).sort((a, b) => a - b);
}

/** Median, first and third quartile of a sample (NaN when empty). */
export function quartiles(xs: Iterable<number>): { q1: number; median: number; q3: number } {
  const s = sortedNumbers(xs);
  return { q1: quantileSorted(s, 0.25), median: quantileSorted(s, 0.5), q3: quantileSorted(s, 0.75) };
}
