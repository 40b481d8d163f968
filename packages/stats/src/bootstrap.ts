import { parseOptions } from "@arena/options";
import type * as z from "zod";
import { badArgument, checkSample } from "./checks.ts";
import { bootstrapOptions } from "./options.ts";
import { quantileSorted } from "./quantile.ts";

/** Options of {@link bootstrapCi}: `rng` (required), `resamples` (default 10 000), `level` (default 0.95). */
export type BootstrapOptions = z.input<typeof bootstrapOptions>;

/** A bootstrap confidence interval. */
export interface ConfidenceInterval {
  /** The statistic on the original sample. */
  estimate: number;
  lo: number;
  hi: number;
  level: number;
  resamples: number;
}

/**
 * A statistic of a sample. It receives a scratch buffer that it may reorder (e.g. sort in place): the
 * bootstrap refills the buffer before every call, so no resample allocates.
 */
export type Statistic = (sample: Float64Array) => number;

/**
 * Percentile bootstrap confidence interval of any statistic (Efron & Tibshirani 1993, *An
 * Introduction to the Bootstrap*, ch. 13): draw B resamples of size n with replacement, compute the
 * statistic on each, and take the (1 − level)/2 and (1 + level)/2 type-7 quantiles of those B values.
 *
 * The percentile interval is simple and transformation-invariant; for small n it tends to be a little
 * too narrow. Resampling indices come from `rng`, so the interval is reproducible from the seed.
 *
 * @example
 * ```ts
 * import { bootstrapCi, mean } from "@arena/stats";
 * import { Rng } from "@arena/rng";
 * const ci = bootstrapCi([0.91, 0.93, 0.9, 0.94, 0.92], (s) => mean(s), { rng: new Rng(1), resamples: 2000 });
 * console.log(ci.lo, ci.estimate, ci.hi);
 * ```
 */
export function bootstrapCi(
  xs: ArrayLike<number>,
  statistic: Statistic,
  options: BootstrapOptions,
): ConfidenceInterval {
  return bootstrap("bootstrapCi", xs, statistic, options);
}

function bootstrap(
  owner: string,
  xs: ArrayLike<number>,
  statistic: Statistic,
  options: BootstrapOptions,
): ConfidenceInterval {
  const { rng, resamples, level } = parseOptions(owner, bootstrapOptions, options ?? {});
  checkSample(owner, "sample", xs);
  const n = xs.length;
  const original = Float64Array.from(xs);
  const buffer = new Float64Array(n);
  buffer.set(original);
  const estimate = statistic(buffer);
  const values = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) buffer[i] = original[Math.floor(rng.float() * n)];
    const v = statistic(buffer);
    if (Number.isNaN(v)) badArgument(owner, "statistic", `expected a number, not NaN, on resample ${b}`, v);
    values[b] = v;
  }
  values.sort();
  const alpha = 1 - level;
  return {
    estimate,
    lo: quantileSorted(values, alpha / 2),
    hi: quantileSorted(values, 1 - alpha / 2),
    level,
    resamples,
  };
}

/** Median of a scratch buffer, sorting it in place (no allocation). */
function medianInPlace(sample: Float64Array): number {
  sample.sort();
  return quantileSorted(sample, 0.5);
}

/** Mean of a buffer. */
function meanOf(sample: Float64Array): number {
  let s = 0;
  for (let i = 0; i < sample.length; i++) s += sample[i];
  return s / sample.length;
}

/**
 * Percentile bootstrap CI of the median; 10 000 resamples and 95% unless told otherwise.
 *
 * @example
 * ```ts
 * import { medianCi } from "@arena/stats";
 * import { Rng } from "@arena/rng";
 * medianCi([0.91, 0.93, 0.9, 0.94, 0.92, 0.95, 0.89], { rng: new Rng(7) }); // { estimate: 0.92, lo, hi, … }
 * ```
 */
export function medianCi(xs: ArrayLike<number>, options: BootstrapOptions): ConfidenceInterval {
  return bootstrap("medianCi", xs, medianInPlace, options);
}

/** Percentile bootstrap CI of the mean; 10 000 resamples and 95% unless told otherwise. */
export function meanCi(xs: ArrayLike<number>, options: BootstrapOptions): ConfidenceInterval {
  return bootstrap("meanCi", xs, meanOf, options);
}
