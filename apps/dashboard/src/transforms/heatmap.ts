import type { RunRecord } from "@arena/results";
import { quantileSorted } from "@arena/stats";
import type { XAxis } from "./axes.ts";
import { stepInterpolate } from "./step-interpolation.ts";

/** Gradient norm through time × training progress, median over seeds. */
export interface ThroughTimeHeatmap {
  /** Training progress (grid points where at least one seed has a value). */
  x: number[];
  /** Time steps 0 … T−1. */
  t: number[];
  /** `z[t][k]`: median ‖∂L/∂h_t‖ over seeds at grid point k; null where no seed has a finite value. */
  z: (number | null)[][];
  /** Checkpoint entries that were NaN or ±Infinity (exploded) and so left out. */
  nonFinite: number;
  /** Runs that recorded gradient norms through time. */
  runs: number;
}

/**
 * For recurrent runs: each time step's gradient norm is a curve over training; every seed's curve is
 * interpolated step-wise onto `grid` (last value carried forward, nothing past the run's end) and the
 * median over seeds taken per (time step, grid point), where at least `minSeeds` seeds have a value
 * (else the cell is null). Non-finite norms (an explosion) are left out and counted. Returns null
 * when no run recorded `gradNormsThroughTime`.
 */
export function throughTimeHeatmap(
  runs: RunRecord[],
  x: XAxis,
  grid: ArrayLike<number>,
  minSeeds = 1,
): ThroughTimeHeatmap | null {
  const withData = runs.filter((r) => r.trace.some((c) => c.gradNormsThroughTime !== undefined));
  if (withData.length === 0) return null;
  let steps = 0;
  for (const r of withData)
    for (const c of r.trace) steps = Math.max(steps, c.gradNormsThroughTime?.length ?? 0);
  let nonFinite = 0;
  // columns[t][run] = that run's curve for time step t, on the grid
  const columns: Float64Array[][] = [];
  for (let t = 0; t < steps; t++) {
    const perRun: Float64Array[] = [];
    for (const r of withData) {
      const xs: number[] = [];
      const ys: number[] = [];
      for (const c of r.trace) {
        const v = c.gradNormsThroughTime?.[t];
        if (v === undefined) continue;
        if (!Number.isFinite(v)) {
          nonFinite++;
          continue;
        }
        xs.push(c[x]);
        ys.push(v);
      }
      perRun.push(stepInterpolate({ x: xs, y: ys }, grid));
    }
    columns.push(perRun);
  }
  const keep: number[] = [];
  const z: (number | null)[][] = columns.map(() => []);
  const values: number[] = [];
  for (let k = 0; k < grid.length; k++) {
    const row: (number | null)[] = [];
    let any = false;
    for (let t = 0; t < steps; t++) {
      values.length = 0;
      for (const col of columns[t]) if (!Number.isNaN(col[k])) values.push(col[k]);
      values.sort((a, b) => a - b);
      const m = values.length > 0 && values.length >= minSeeds ? quantileSorted(values, 0.5) : null;
      if (m !== null) any = true;
      row.push(m);
    }
    if (!any) continue;
    keep.push(grid[k]);
    for (let t = 0; t < steps; t++) z[t].push(row[t]);
  }
  return { x: keep, t: Array.from({ length: steps }, (_, i) => i), z, nonFinite, runs: withData.length };
}
