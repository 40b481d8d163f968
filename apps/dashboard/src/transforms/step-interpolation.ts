/** A curve sampled at increasing x (checkpoints of one run). */
export interface Series {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/**
 * Evaluates a step-wise curve on a grid: at each grid point g, the y of the last sample with x ≤ g
 * (the last value carried forward). Before the first sample and after the last there is no value
 * (NaN): a run that ended early is not extrapolated past its end. `x` must be non-decreasing; with
 * several samples at the same x the last one wins (the latest checkpoint of that cost).
 *
 * @example
 * ```ts
 * stepInterpolate({ x: [1, 10], y: [5, 2] }, [0.5, 1, 5, 10, 20]); // [NaN, 5, 5, 2, NaN]
 * ```
 */
export function stepInterpolate(series: Series, grid: ArrayLike<number>): Float64Array {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  const { x, y } = series;
  const n = x.length;
  if (n === 0) return out;
  const last = x[n - 1];
  let i = -1; // index of the last sample with x ≤ g; grid points are visited in ascending order
  for (let k = 0; k < grid.length; k++) {
    const g = grid[k];
    if (g > last) break;
    while (i + 1 < n && x[i + 1] <= g) i++;
    if (i >= 0) out[k] = y[i];
  }
  return out;
}
