import { checkFiniteSample, checkOptionKeys } from "./checks.ts";

/** The arithmetic mean of a non-empty sample of finite numbers. */
export function mean(xs: ArrayLike<number>): number {
  checkFiniteSample("mean", "sample", xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Options of {@link variance} and {@link standardDeviation}. */
export interface DispersionOptions {
  /**
   * Delta degrees of freedom: the sum of squares is divided by n − ddof. Default 1, the unbiased
   * sample variance (R's `var`/`sd`); 0 gives the population variance (numpy's default).
   */
  ddof?: number;
}

/** The variance Σ(x − mean)² / (n − ddof), computed in two passes for accuracy. */
export function variance(xs: ArrayLike<number>, options?: DispersionOptions): number {
  checkOptionKeys("variance", options, ["ddof"]);
  checkFiniteSample("variance", "sample", xs);
  const ddof = options?.ddof ?? 1;
  if (!Number.isInteger(ddof) || ddof < 0) {
    throw new RangeError(`variance: ddof must be an integer >= 0, got ${ddof}`);
  }
  const n = xs.length;
  if (n - ddof <= 0) {
    throw new RangeError(`variance: needs more than ddof = ${ddof} values, got ${n}`);
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  const m = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - m;
    ss += d * d;
  }
  return ss / (n - ddof);
}

/** The standard deviation √variance; by default the sample standard deviation (n − 1), as R's `sd`. */
export function standardDeviation(xs: ArrayLike<number>, options?: DispersionOptions): number {
  checkOptionKeys("standardDeviation", options, ["ddof"]);
  return Math.sqrt(variance(xs, options));
}
