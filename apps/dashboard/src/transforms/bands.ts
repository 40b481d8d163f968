import { quantileSorted } from "@arena/stats";
import { type Series, stepInterpolate } from "./step-interpolation.ts";

/** Median and inter-quartile band of several seeds' curves on a common grid. */
export interface Band {
  x: number[];
  median: number[];
  q1: number[];
  q3: number[];
  /** Number of seeds with a value at each grid point. */
  n: number[];
}

/**
 * Median and quartiles (type 7) over seeds at each grid point, after interpolating every seed's curve
 * step-wise onto the grid (see {@link stepInterpolate}: last value carried forward, nothing past a
 * run's end). Grid points where fewer than `minSeeds` seeds have a value (default 1) are dropped, so
 * the band never invents data; the views ask for at least half of a learner's seeds, so that the
 * last few grid points, which only the seeds that ran a little longer reach, do not draw a median of
 * one seed. Non-finite y values must be removed by the caller (see `finiteSeries`).
 *
 * @example
 * ```ts
 * const band = seedBand([{ x: [1, 2], y: [4, 2] }, { x: [1, 3], y: [6, 3] }], [1, 2, 3]);
 * // band.median = [5, 4, 3], band.n = [2, 2, 1]
 * ```
 */
export function seedBand(series: Series[], grid: ArrayLike<number>, minSeeds = 1): Band {
  const columns = series.map((s) => stepInterpolate(s, grid));
  const band: Band = { x: [], median: [], q1: [], q3: [], n: [] };
  const values: number[] = [];
  for (let k = 0; k < grid.length; k++) {
    values.length = 0;
    for (const c of columns) if (!Number.isNaN(c[k])) values.push(c[k]);
    if (values.length === 0 || values.length < minSeeds) continue;
    values.sort((a, b) => a - b);
    band.x.push(grid[k]);
    band.q1.push(quantileSorted(values, 0.25));
    band.median.push(quantileSorted(values, 0.5));
    band.q3.push(quantileSorted(values, 0.75));
    band.n.push(values.length);
  }
  return band;
}

/** At least half of the seeds (rounded up), and at least one: where the views draw a median. */
export function majority(seeds: number): number {
  return Math.max(1, Math.ceil(seeds / 2));
}

/**
 * The (x, y) pairs of a curve where both are finite: a diverged run's
 * NaN/Infinity loss is left out, so its curve ends at its last finite checkpoint.
 */
export function finiteSeries(xs: ArrayLike<number>, ys: ArrayLike<number>): Series {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) {
      x.push(xs[i]);
      y.push(ys[i]);
    }
  }
  return { x, y };
}
