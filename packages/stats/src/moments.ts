import { parseOptions } from "@arena/options";
import type * as z from "zod";
import { checkFiniteSample, fail } from "./checks.ts";
import { dispersionOptions } from "./options.ts";

/** The arithmetic mean of a non-empty sample of finite numbers. */
export function mean(xs: ArrayLike<number>): number {
  checkFiniteSample("mean", "sample", xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/**
 * Options of {@link variance} and {@link standardDeviation}: `ddof`, delta degrees of freedom (default 1,
 * the sample variance as R's `var`; 0 the population variance as numpy's default).
 */
export type DispersionOptions = z.input<typeof dispersionOptions>;

/** The variance Σ(x − mean)² / (n − ddof), computed in two passes for accuracy. */
export function variance(xs: ArrayLike<number>, options?: DispersionOptions): number {
  return varianceOf("variance", xs, options);
}

function varianceOf(owner: string, xs: ArrayLike<number>, options: DispersionOptions | undefined): number {
  const { ddof } = parseOptions(owner, dispersionOptions, options ?? {});
  checkFiniteSample(owner, "sample", xs);
  const n = xs.length;
  if (n - ddof <= 0) fail(owner, "sample", `expected more than ddof = ${ddof} values (got ${n})`);
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
  return Math.sqrt(varianceOf("standardDeviation", xs, options));
}
