import type { Box, Vector } from "@arena/objectives";
import type { UniformSource } from "@arena/rng";
import * as z from "zod";

/** What happens to a particle that leaves the box. */
export const BoundaryHandling = z
  .enum(["clamp", "reflect", "reinit"])
  .describe(
    "what happens to a particle that leaves the box: clamp with v ← −0.5 v (SPSO 2011), reflect with v ← −v, or reinit the coordinate with v = 0",
  );
export type BoundaryHandling = z.input<typeof BoundaryHandling>;

/**
 * Boundary handling, applied to one particle after its move: `x` (position) and `v` (velocity) are its
 * rows, `lower`/`upper` the box (unbounded dimensions are never touched). Positions come out inside the
 * box exactly. None allocates.
 */

/**
 * Clamp to the violated bound and reverse half the velocity, v ← −0.5 v: the confinement of SPSO 2011
 * (Clerc 2011, §2.4), which keeps a particle near the border without letting it stick there.
 */
export function clampBoundary(x: Vector, v: Vector, lower: Float64Array, upper: Float64Array): void {
  for (let d = 0; d < x.length; d++) {
    if (x[d] < lower[d]) {
      x[d] = lower[d];
      v[d] = -0.5 * v[d];
    } else if (x[d] > upper[d]) {
      x[d] = upper[d];
      v[d] = -0.5 * v[d];
    }
  }
}

/**
 * Reflect off the violated bound as off a mirror (folded as often as the overshoot needs) and reverse
 * the velocity, v ← −v (Helwig, Branke & Mostaghim 2013 survey this and the other strategies here).
 */
export function reflectBoundary(x: Vector, v: Vector, lower: Float64Array, upper: Float64Array): void {
  for (let d = 0; d < x.length; d++) {
    const lo = lower[d];
    const hi = upper[d];
    const xd = x[d];
    if (xd >= lo && xd <= hi) continue;
    let y: number;
    if (!Number.isFinite(hi)) y = 2 * lo - xd;
    else if (!Number.isFinite(lo)) y = 2 * hi - xd;
    else {
      // Fold the overshoot into one period 2W of the mirrored line.
      const w = hi - lo;
      let t = (xd - lo) % (2 * w);
      if (t < 0) t += 2 * w;
      y = t <= w ? lo + t : lo + 2 * w - t;
    }
    x[d] = y;
    // Float rounding of the fold can land an ulp outside.
    if (x[d] < lo) x[d] = lo;
    else if (x[d] > hi) x[d] = hi;
    v[d] = -v[d];
  }
}

/**
 * Random re-initialisation: a coordinate that left the box is redrawn uniformly in the initialisation
 * range [initLower, initUpper] (inside the box) and its velocity set to 0.
 */
export function reinitBoundary(
  x: Vector,
  v: Vector,
  lower: Float64Array,
  upper: Float64Array,
  initLower: Float64Array,
  initUpper: Float64Array,
  rng: UniformSource,
): void {
  for (let d = 0; d < x.length; d++) {
    if (x[d] < lower[d] || x[d] > upper[d]) {
      x[d] = initLower[d] + (initUpper[d] - initLower[d]) * rng.float();
      v[d] = 0;
    }
  }
}

/** Applies the boundary handling `kind` to one particle's position and velocity rows, in `box`. */
export function applyBoundary(
  kind: BoundaryHandling,
  x: Vector,
  v: Vector,
  box: Box,
  rng: UniformSource,
): void {
  switch (kind) {
    case "clamp":
      clampBoundary(x, v, box.lower, box.upper);
      break;
    case "reflect":
      reflectBoundary(x, v, box.lower, box.upper);
      break;
    case "reinit":
      reinitBoundary(x, v, box.lower, box.upper, box.initLower, box.initUpper, rng);
      break;
  }
}
