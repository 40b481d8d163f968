import type { Series } from "./step-interpolation.ts";

/** `n` log-spaced points from `lo` to `hi` (both > 0), ends exact. */
export function logGrid(lo: number, hi: number, n: number): number[] {
  if (!(lo > 0) || !(hi >= lo)) throw new RangeError(`logGrid: need 0 < lo <= hi, got lo ${lo}, hi ${hi}`);
  if (n < 2 || lo === hi) return lo === hi ? [lo] : [lo, hi];
  const a = Math.log(lo);
  const b = Math.log(hi);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.exp(a + ((b - a) * i) / (n - 1)));
  out[0] = lo;
  out[n - 1] = hi;
  return out;
}

/** `n` evenly spaced points from `lo` to `hi`, ends exact. */
export function linearGrid(lo: number, hi: number, n: number): number[] {
  if (!(hi >= lo)) throw new RangeError(`linearGrid: need lo <= hi, got lo ${lo}, hi ${hi}`);
  if (n < 2 || lo === hi) return lo === hi ? [lo] : [lo, hi];
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(lo + ((hi - lo) * i) / (n - 1));
  out[n - 1] = hi;
  return out;
}

/** Default number of grid points: fine enough for smooth bands, cheap for thousands of runs. */
export const GRID_POINTS = 64;

/**
 * The common grid for a set of seeds' curves: from the smallest x any seed has (the smallest
 * positive x on a log grid, since log axes cannot show 0) to the largest x any seed reaches.
 * Returns an empty grid when no seed has a usable x.
 */
export function commonGrid(series: Series[], options: { log: boolean; points?: number }): number[] {
  const points = options.points ?? GRID_POINTS;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    for (let i = 0; i < s.x.length; i++) {
      const v = s.x[i];
      if (!Number.isFinite(v) || (options.log && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi >= lo)) return [];
  return options.log ? logGrid(lo, hi, points) : linearGrid(lo, hi, points);
}
