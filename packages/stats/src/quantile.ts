import { checkProbability, checkSample } from "./checks.ts";

/**
 * Quantile of an ascending sorted sample, by linear interpolation between order statistics
 * (Hyndman & Fan 1996, definition 7: R's default `quantile(type = 7)`, numpy's `method="linear"`).
 * With n values, the p-quantile sits at position h = (n − 1)·p (0-based) and interpolates between
 * x[⌊h⌋] and x[⌊h⌋ + 1].
 *
 * No checks: the caller guarantees a non-empty ascending sample without NaN and p in [0, 1]. This is
 * the allocation-free core that the bootstrap calls thousands of times.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo];
  if (lo >= n - 1) return a;
  const b = sorted[lo + 1];
  const frac = h - lo;
  if (frac === 0 || a === b) return a;
  let v = a + frac * (b - a);
  // b − a overflows for values near ±MAX_VALUE (or is infinite): weight the ends instead.
  if (!Number.isFinite(b - a)) v = (1 - frac) * a + frac * b;
  // Rounding may step just outside [a, b]; clamping keeps the result monotone in p and within the data.
  return Math.min(Math.max(v, a), b);
}

/** An ascending Float64Array copy of `xs` (a numeric sort, unlike Array.prototype.sort's default). */
export function sortedCopy(xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs).sort();
}

/**
 * The p-quantile of a sample (Hyndman & Fan type 7, as R's default and numpy's linear method).
 * Infinite values are allowed (e.g. "never reached the target"); NaN is rejected.
 *
 * @example
 * ```ts
 * import { quantile } from "@arena/stats";
 * quantile([1, 2, 3, 4], 0.25); // 1.75, as R's quantile(1:4, 0.25)
 * ```
 */
export function quantile(xs: ArrayLike<number>, p: number): number {
  checkSample("quantile", "sample", xs);
  checkProbability("quantile", "p", p);
  return quantileSorted(sortedCopy(xs), p);
}

/** Several quantiles of one sample, sorting it once. */
export function quantiles(xs: ArrayLike<number>, ps: ArrayLike<number>): number[] {
  checkSample("quantiles", "sample", xs);
  for (let i = 0; i < ps.length; i++) checkProbability("quantiles", `ps[${i}]`, ps[i]);
  const sorted = sortedCopy(xs);
  const out: number[] = [];
  for (let i = 0; i < ps.length; i++) out.push(quantileSorted(sorted, ps[i]));
  return out;
}

/** The median: the 0.5-quantile (the mean of the two middle values for an even count). */
export function median(xs: ArrayLike<number>): number {
  checkSample("median", "sample", xs);
  return quantileSorted(sortedCopy(xs), 0.5);
}

/** The inter-quartile range Q3 − Q1, with type-7 quartiles (R's `IQR()`). */
export function iqr(xs: ArrayLike<number>): number {
  checkSample("iqr", "sample", xs);
  const sorted = sortedCopy(xs);
  return quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
}
