import type { Vector } from "@arena/objectives";
import type { Rng, UniformSource } from "@arena/rng";
import * as z from "zod";

/**
 * How a particle picks its next velocity: the classic update, one random factor per dimension, or SPSO
 * 2011's rotation-invariant one, a random point in a hypersphere around the centre of gravity of x, p
 * and l (see {@link hypersphereMove}).
 */
export const VelocityUpdate = z
  .enum(["per-dimension", "hypersphere"])
  .describe("velocity update: per-dimension (classic) or hypersphere (SPSO 2011's rotation-invariant one)");
export type VelocityUpdate = z.input<typeof VelocityUpdate>;

/**
 * The swarm's buffers a move reads and writes: positions `x`, velocities `v` and personal bests `p`
 * (`populationSize × dim`, row-major), and the per-dimension velocity limit `vmax` (+Infinity where
 * velocities are not limited).
 */
export interface SwarmBuffers {
  readonly dim: number;
  readonly x: Vector;
  readonly v: Vector;
  readonly p: Vector;
  readonly vmax: Float64Array;
}

/** The acceleration coefficients of one move: inertia `w`, cognitive `c1`, social `c2`. */
export interface MoveCoefficients {
  w: number;
  c1: number;
  c2: number;
}

/**
 * SPSO 2011's initial velocity of a particle at `x`: v_d uniform in [initLower_d − x_d, initUpper_d − x_d)
 * (so that x + v stays in the initialisation range), then limited to ±vmax_d. Draws `dim` uniforms.
 */
export function initialVelocity(
  x: Vector,
  v: Vector,
  initLower: Float64Array,
  initUpper: Float64Array,
  vmax: Float64Array,
  rng: UniformSource,
): void {
  for (let d = 0; d < x.length; d++) {
    const lo = initLower[d] - x[d];
    const vd = lo + (initUpper[d] - x[d] - lo) * rng.float();
    v[d] = Math.max(-vmax[d], Math.min(vmax[d], vd));
  }
}

/**
 * The classic move of the particle whose row starts at `base` (its best informant's personal best at
 * `lBase`), Kennedy & Eberhart 1995 in the inertia form of Shi & Eberhart 1998:
 *
 *   v_d ← w v_d + c1 r1 (p_d − x_d) + c2 r2 (l_d − x_d),  r1, r2 ~ U[0, 1) per dimension;  x ← x + v
 *
 * with |v_d| limited to vmax_d before the step. Draws 2·dim uniforms (r1 then r2, dimension by dimension).
 */
export function perDimensionMove(
  s: SwarmBuffers,
  base: number,
  lBase: number,
  { w, c1, c2 }: MoveCoefficients,
  rng: UniformSource,
): void {
  const { x, v, p, vmax, dim } = s;
  for (let d = 0; d < dim; d++) {
    const xd = x[base + d];
    let vd = w * v[base + d] + c1 * rng.float() * (p[base + d] - xd) + c2 * rng.float() * (p[lBase + d] - xd);
    if (vd > vmax[d]) vd = vmax[d];
    else if (vd < -vmax[d]) vd = -vmax[d];
    v[base + d] = vd;
    x[base + d] = xd + vd;
  }
}

/**
 * SPSO 2011's move of the particle whose row starts at `base` (its best informant's personal best at
 * `lBase`; `ownBest` when that is the particle itself), which does not depend on the coordinate system:
 * with p′ = x + c1 (p − x) and l′ = x + c2 (l − x), the centre of gravity G = (x + p′ + l′) / 3 (or
 * (x + p′) / 2 when the particle is its own best informant), a point x″ of the ball B(G, ‖G − x‖) drawn
 * by {@link sampleInBall}, then v ← w v + x″ − x, the velocity limit, and x ← x + v. `centre` and
 * `direction` are scratch rows of length dim.
 */
export function hypersphereMove(
  s: SwarmBuffers,
  base: number,
  lBase: number,
  ownBest: boolean,
  { w, c1, c2 }: MoveCoefficients,
  rng: Rng,
  centre: Float64Array,
  direction: Float64Array,
): void {
  const { x, v, p, vmax, dim } = s;
  const g = centre;
  const u = direction;
  let r2 = 0;
  for (let d = 0; d < dim; d++) {
    const xd = x[base + d];
    const pd = xd + c1 * (p[base + d] - xd);
    g[d] = ownBest ? (xd + pd) / 2 : (xd + pd + (xd + c2 * (p[lBase + d] - xd))) / 3;
    r2 += (g[d] - xd) ** 2;
  }
  sampleInBall(g, Math.sqrt(r2), rng, u);
  for (let d = 0; d < dim; d++) {
    const xd = x[base + d];
    let vd = w * v[base + d] + u[d] - xd;
    if (vd > vmax[d]) vd = vmax[d];
    else if (vd < -vmax[d]) vd = -vmax[d];
    v[base + d] = vd;
    x[base + d] = xd + vd;
  }
}

/**
 * How {@link sampleInBall} spreads its points: `"radius"`, uniform along the radius (so denser near the
 * centre: SPSO 2011's default, `distrib = 0` in Clerc's reference code), or `"volume"`, uniform in the
 * ball (its `distrib = -1`, which Clerc notes "works quite badly" in the swarm, as we also measured).
 */
export type BallDistribution = "radius" | "volume";

/**
 * A random point of the ball of centre `centre` and radius `radius`, into `out` (same length): a
 * direction from a standard normal vector (uniform on the sphere by its spherical symmetry; Muller
 * 1959) and a distance r = radius·U, or radius·U^(1/dim) for `"volume"`. A zero radius gives the centre.
 */
export function sampleInBall(
  centre: Float64Array,
  radius: number,
  rng: Rng,
  out: Float64Array,
  distribution: BallDistribution = "radius",
): Float64Array {
  const dim = centre.length;
  let norm2 = 0;
  for (let d = 0; d < dim; d++) {
    const z = rng.normal(0, 1);
    out[d] = z;
    norm2 += z * z;
  }
  const u = rng.float();
  const r = radius * (distribution === "volume" ? u ** (1 / dim) : u);
  const scale = norm2 > 0 ? r / Math.sqrt(norm2) : 0;
  for (let d = 0; d < dim; d++) out[d] = centre[d] + scale * out[d];
  return out;
}
