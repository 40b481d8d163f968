import { type Box, clampToBox, type Vector } from "@arena/objectives";
import type { Rng } from "@arena/rng";
import { type Distribution, sampleDirection } from "./distribution.ts";

/** Draws per sample before giving up on resampling and clipping instead. */
export const MAX_RESAMPLES = 100;

/**
 * Box handling by resampling: a sample x = m + σ y that leaves the box is redrawn, up to
 * {@link MAX_RESAMPLES} times, and then clipped onto the box. Resampling keeps every evaluated point
 * feasible without a penalty whose scale would have to be guessed (the objective's scale is unknown
 * here); the mean is a convex combination of feasible points, so it stays inside the box and a sample
 * lands inside with fair probability. The update then works with y = (x − m)/σ of the point actually
 * evaluated, so what is learned is always consistent with what was measured. On an unbounded box
 * nothing is ever redrawn, and the draws are those of plain CMA-ES.
 */
export function sampleCandidate(
  d: Distribution,
  rng: Rng,
  box: Box,
  z: Float64Array,
  y: Float64Array,
  x: Vector,
): void {
  const { n, mean, sigma } = d;
  const { lower, upper } = box;
  for (let attempt = 0; ; attempt++) {
    sampleDirection(d, rng, z, y);
    let inside = true;
    for (let i = 0; i < n; i++) {
      const v = mean[i] + sigma * y[i];
      x[i] = v;
      if (!(v >= lower[i] && v <= upper[i])) inside = false;
    }
    if (inside) return;
    if (attempt + 1 >= MAX_RESAMPLES) break;
  }
  clampToBox(x, lower, upper);
}
