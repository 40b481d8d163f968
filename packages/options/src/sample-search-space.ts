import type { Rng } from "@arena/rng";
import { HALTON_MAX_DIMS, haltonPoints } from "./halton.ts";
import type { SearchRange, SearchSpace, SearchValue } from "./search-range.ts";

/** How the points of a search are placed: a scrambled Halton design, or independent uniform draws. */
export type SearchSampler = "quasirandom" | "random";

/** Significant digits kept of a drawn real value, so that configs read as 0.0316 rather than 0.031622… */
const DIGITS = 3;

/** `x` to {@link DIGITS} significant digits, kept inside [low, high]. */
function rounded(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Number(x.toPrecision(DIGITS))));
}

/** The value at position u ∈ [0, 1) of a range. */
export function valueAt(range: SearchRange, u: number): SearchValue {
  if ("values" in range)
    return range.values[Math.min(range.values.length - 1, Math.floor(u * range.values.length))];
  const { low, high, scale, integer } = range;
  // Integers: [low, high + 1) cut into unit cells, so each integer is equally likely (on a log scale, in
  // proportion to its cell's log-width).
  const top = integer ? high + 1 : high;
  const x =
    scale === "log" ? Math.exp(Math.log(low) + u * (Math.log(top) - Math.log(low))) : low + u * (top - low);
  return integer ? Math.min(high, Math.max(low, Math.floor(x))) : rounded(x, low, high);
}

/**
 * `trials` points of a search space, each a map from option path to value (apply one to a config with
 * `withParameters`). `"quasirandom"` spreads the points evenly (scrambled Halton, see `haltonPoints`):
 * with few trials it covers every range far better than independent draws, the reason AlgoPerf tunes
 * with it; `"random"` draws each coordinate uniformly and independently. Reals are rounded to three
 * significant digits. The same `rng` state gives the same points.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { sampleSearchSpace } from "@arena/options";
 * const space = { lr: { low: 1e-4, high: 1, scale: "log", integer: false } } as const;
 * const trials = sampleSearchSpace(space, 4, { sampler: "quasirandom", rng: new Rng(7) });
 * console.log(trials); // [ { lr: 0.01 }, { lr: 0.001 }, { lr: 0.1 }, { lr: 0.000316 } ]
 * ```
 */
export function sampleSearchSpace(
  space: SearchSpace,
  trials: number,
  opts: { sampler: SearchSampler; rng: Rng },
): Record<string, SearchValue>[] {
  const paths = Object.keys(space);
  if (!Number.isInteger(trials) || trials < 0)
    throw new RangeError(`sampleSearchSpace: trials must be an integer >= 0, got ${trials}`);
  if (paths.length === 0) return Array.from({ length: trials }, () => ({}));
  if (paths.length > HALTON_MAX_DIMS)
    throw new RangeError(
      `sampleSearchSpace: at most ${HALTON_MAX_DIMS} hyperparameters, got ${paths.length}`,
    );
  const points =
    opts.sampler === "quasirandom"
      ? haltonPoints(trials, paths.length, opts.rng)
      : Array.from({ length: trials }, () => paths.map(() => opts.rng.float()));
  return points.map((u) => Object.fromEntries(paths.map((p, d) => [p, valueAt(space[p], u[d])])));
}
