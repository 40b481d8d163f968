import { quantileSorted } from "@arena/stats";

/** The probabilities of the `fitness_quantiles` diagnostic: min, quartiles, max. */
export const FITNESS_QUANTILE_PROBABILITIES = [0, 0.25, 0.5, 0.75, 1] as const;

/**
 * The min, lower quartile, median, upper quartile and max of the finite values of `fitness` (type-7
 * quantiles, `quantileSorted` of @arena/stats, which defines them), empty when none is finite, and
 * how many values were not finite. `scratch` (at least as long as `fitness`) is overwritten.
 *
 * The finite values, sorted, are what `quantileSorted` requires (a non-empty ascending sample without
 * NaN, p in [0, 1]), so it cannot throw here. It gives the values of the learner's former inline
 * a + t·(b − a) in all but edge cases, where it is the safer definition: when b − a overflows (scores
 * beyond about 9e307) it weighs the ends instead of returning ±Infinity or NaN; it keeps a result
 * rounded outside [a, b] inside; and it returns a itself when t = 0 or a = b, so a −0 stays −0 (JSON
 * writes both zeros as 0).
 */
export function fitnessQuantiles(
  fitness: Float64Array,
  scratch: Float64Array,
): { quantiles: number[]; nonfinite: number } {
  let k = 0;
  for (const f of fitness) if (Number.isFinite(f)) scratch[k++] = f;
  const sorted = scratch.subarray(0, k).sort();
  const quantiles = k === 0 ? [] : FITNESS_QUANTILE_PROBABILITIES.map((p) => quantileSorted(sorted, p));
  return { quantiles, nonfinite: fitness.length - k };
}
