import {
  AskTellOptimizer,
  AskTellOptions,
  type AskTellState,
  type Box,
  type BoxJson,
  BoxOptions,
  boxFromJson,
  boxToJson,
  floatFromJson,
  floatsFromJson,
  floatsToJson,
  floatToJson,
  type JsonFloat,
  resolveBox,
  sampleInBox,
} from "@arena/objectives";
import { parseOptions } from "@arena/options";
import { Rng } from "@arena/rng";
import * as z from "zod";
import { clampBoundary, reflectBoundary, reinitBoundary } from "./boundary.ts";
import { CoefficientsSpec, coefficientsAt, type ResolvedCoefficients } from "./coefficients.ts";
import { drawRandomLinks, globalInformantBest, randomInformantBest, ringInformantBest } from "./topology.ts";

/** Who informs whom, by `kind`. */
export const TopologySpec = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("global").describe("every particle is informed by the whole swarm") }),
    z.strictObject({
      kind: z.literal("ring").describe("ring lbest (Kennedy 1999)"),
      radius: z
        .number()
        .int()
        .min(1)
        .default(1)
        .describe("neighbours on each side (n/2 or more is the global best)"),
    }),
    z.strictObject({
      kind: z.literal("adaptive-random").describe("SPSO 2011's adaptive random topology"),
      informants: z
        .number()
        .int()
        .min(1)
        .default(3)
        .describe("K: the random others each particle informs, re-drawn after a move without improvement"),
    }),
  ])
  .describe("who informs whom, by kind: global, ring or adaptive-random");
export type TopologySpec = z.input<typeof TopologySpec>;
export type ResolvedTopology = z.output<typeof TopologySpec>;

/** What happens to a particle that leaves the box. */
export const BoundaryHandling = z
  .enum(["clamp", "reflect", "reinit"])
  .describe(
    "what happens to a particle that leaves the box: clamp with v ← −0.5 v (SPSO 2011), reflect with v ← −v, or reinit the coordinate with v = 0",
  );
export type BoundaryHandling = z.input<typeof BoundaryHandling>;

/**
 * How a particle picks its next velocity: the classic update, one random factor per dimension, or SPSO
 * 2011's rotation-invariant one, a random point in a hypersphere around the centre of gravity of x, p
 * and l (see {@link ParticleSwarm}).
 */
export const VelocityUpdate = z
  .enum(["per-dimension", "hypersphere"])
  .describe("velocity update: per-dimension (classic) or hypersphere (SPSO 2011's rotation-invariant one)");
export type VelocityUpdate = z.input<typeof VelocityUpdate>;

/** How the swarm moves: everything but the dimension, the swarm size, the box and the stream. */
export const SwarmBehaviorOptions = z.strictObject({
  topology: TopologySpec.prefault({ kind: "adaptive-random" }),
  coefficients: CoefficientsSpec.prefault({ kind: "inertia" }),
  maxVelocity: z
    .number()
    .positive()
    .optional()
    .describe(
      "velocity limit per dimension as a fraction of its span, |v_d| <= maxVelocity · span_d (default: none)",
    ),
  boundary: BoundaryHandling.default("clamp"),
  velocityUpdate: VelocityUpdate.default("per-dimension"),
});
export type SwarmBehaviorOptions = z.input<typeof SwarmBehaviorOptions>;

/** Options of {@link ParticleSwarm}. */
export const ParticleSwarmOptions = z.strictObject({
  ...AskTellOptions.shape,
  populationSize: z
    .number()
    .int()
    .min(2)
    .default(40)
    .describe("swarm size, the rows of every ask() (40, as SPSO 2011's reference code)"),
  ...SwarmBehaviorOptions.shape,
  ...BoxOptions.shape,
});
export type ParticleSwarmOptions = z.input<typeof ParticleSwarmOptions>;

/** The options a run actually used, as plain JSON (part of `state()`). */
export interface ParticleSwarmSettings extends BoxJson {
  populationSize: number;
  topology: ResolvedTopology;
  coefficients: ResolvedCoefficients;
  /** null when velocities are not limited. */
  maxVelocity: number | null;
  boundary: BoundaryHandling;
  velocityUpdate: VelocityUpdate;
}

/** Plain-JSON state of a {@link ParticleSwarm}. */
export interface ParticleSwarmState extends AskTellState {
  readonly options: ParticleSwarmSettings;
  readonly positions: JsonFloat[];
  readonly velocities: JsonFloat[];
  readonly personalBest: JsonFloat[];
  readonly personalBestF: JsonFloat[];
  /** Best personal best after the last move (to detect an iteration without improvement). */
  readonly swarmBestF: JsonFloat;
  /** Adaptive random topology links (empty for the others). */
  readonly links: number[];
}

const OWNER = "ParticleSwarm";

/**
 * Particle swarm optimisation, ask/tell. Each particle i has a position x (the rows of `ask()`), a
 * velocity v, its personal best p, and the best personal best l among its informants. After each `tell`
 * every particle moves with the classic per-dimension update (Kennedy & Eberhart 1995; inertia form of
 * Shi & Eberhart 1998):
 *
 *   v_d ← w v_d + c1 r1 (p_d − x_d) + c2 r2 (l_d − x_d),  r1, r2 ~ U[0, 1) per dimension;  x ← x + v
 *
 * then optionally |v_d| is limited and the particle is brought back into the box. Defaults follow
 * Standard PSO 2011 (Clerc 2011; Zambrano-Bigiarini, Clerc & Rojas 2013): 40 particles, w = 1/(2 ln 2),
 * c1 = c2 = 1/2 + ln 2, adaptive random topology with K = 3 (re-drawn after an iteration that did not
 * improve the swarm's best), initial x uniform in the box and v_d uniform in [lo_d − x_d, hi_d − x_d),
 * and clamping with v ← −0.5 v.
 *
 * With `velocityUpdate: "hypersphere"` the move is SPSO 2011's own, which does not depend on the
 * coordinate system: with p′ = x + c1 (p − x) and l′ = x + c2 (l − x), the centre of gravity
 * G = (x + p′ + l′) / 3 (or (x + p′) / 2 when the particle is its own best informant), a point x″ drawn
 * in the ball of centre G and radius ‖G − x‖ (random direction, distance uniform along the radius, as
 * in Clerc's reference code), then v ← w v + x″ − x and x ← x + v. The
 * per-dimension form, the default, is the one of SPSO 2006/2007 and most PSO literature; it searches
 * along the axes, so it does better on separable functions and worse once they are rotated.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { minimize } from "@arena/objectives";
 * import { ParticleSwarm } from "@arena/swarm";
 * const pso = new ParticleSwarm({ dim: 4, lower: -5, upper: 5, rng: new Rng(1) });
 * const f = { dim: 4, evaluate: (x: Float32Array) => x.reduce((s, v) => s + (v - 1) ** 2, 0) };
 * const r = minimize(pso, f, { maxEvaluations: 10_000 });
 * console.log(r.f, r.x);
 * ```
 */
export class ParticleSwarm extends AskTellOptimizer {
  readonly settings: Readonly<ParticleSwarmSettings>;
  private readonly box: Box;
  private readonly topology: ResolvedTopology;
  private readonly coefficients: ResolvedCoefficients;
  private readonly boundary: BoundaryHandling;
  /** Per-dimension velocity limit (+Infinity when not limited). */
  private readonly vmax: Float64Array;
  private readonly x: Float32Array;
  private readonly v: Float32Array;
  private readonly p: Float32Array;
  private readonly pF: Float64Array;
  private swarmBestF = Number.POSITIVE_INFINITY;
  private readonly links: Int32Array;
  private readonly informantBest: Int32Array;
  private readonly xRows: Float32Array[];
  private readonly vRows: Float32Array[];
  private readonly coef = new Float64Array(3);
  private readonly velocityUpdate: VelocityUpdate;
  /** Hypersphere update: the centre of gravity G and a random direction, one particle at a time. */
  private readonly centre: Float64Array;
  private readonly direction: Float64Array;

  constructor(options: ParticleSwarmOptions) {
    const o = parseOptions(OWNER, ParticleSwarmOptions, options);
    const n = o.populationSize;
    super(OWNER, o.dim, n, o.rng);
    const dim = this.dim;
    this.box = resolveBox(OWNER, dim, {
      lower: o.lower,
      upper: o.upper,
      initLower: o.initLower,
      initUpper: o.initUpper,
    });
    this.topology = o.topology;
    this.coefficients = o.coefficients;
    const maxVelocity = o.maxVelocity ?? null;
    const { boundary, velocityUpdate } = o;
    this.boundary = boundary;
    this.velocityUpdate = velocityUpdate;
    this.centre = new Float64Array(velocityUpdate === "hypersphere" ? dim : 0);
    this.direction = new Float64Array(velocityUpdate === "hypersphere" ? dim : 0);
    this.settings = {
      populationSize: n,
      topology: this.topology,
      coefficients: this.coefficients,
      maxVelocity,
      boundary,
      velocityUpdate,
      ...boxToJson(this.box),
    };

    this.vmax = new Float64Array(dim).fill(Number.POSITIVE_INFINITY);
    if (maxVelocity !== null) for (let d = 0; d < dim; d++) this.vmax[d] = maxVelocity * this.box.span[d];
    this.x = new Float32Array(n * dim);
    this.v = new Float32Array(n * dim);
    this.p = new Float32Array(n * dim);
    this.pF = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    const k = this.topology.kind === "adaptive-random" ? this.topology.informants : 0;
    this.links = new Int32Array(n * k);
    this.informantBest = new Int32Array(n);
    this.xRows = [];
    this.vRows = [];
    for (let i = 0; i < n; i++) {
      this.xRows.push(this.x.subarray(i * dim, (i + 1) * dim));
      this.vRows.push(this.v.subarray(i * dim, (i + 1) * dim));
    }

    // SPSO 2011 initialisation: x uniform in the range, v_d uniform in [lo_d − x_d, hi_d − x_d).
    const { initLower, initUpper } = this.box;
    for (let i = 0; i < n; i++) {
      const x = this.xRows[i];
      const v = this.vRows[i];
      sampleInBox(x, initLower, initUpper, this.rng);
      for (let d = 0; d < dim; d++) {
        const lo = initLower[d] - x[d];
        const vd = lo + (initUpper[d] - x[d] - lo) * this.rng.float();
        v[d] = Math.max(-this.vmax[d], Math.min(this.vmax[d], vd));
      }
    }
    this.p.set(this.x);
    if (k > 0) drawRandomLinks(n, k, this.rng, this.links);
  }

  protected candidates(): Float32Array {
    return this.x;
  }

  protected advance(): void {
    const { fitness, pF, p, x, v, dim, informantBest: lbest, rng, vmax } = this;
    const n = this.populationSize;
    // Personal bests.
    for (let i = 0; i < n; i++) {
      if (fitness[i] < pF[i]) {
        pF[i] = fitness[i];
        p.set(this.xRows[i], i * dim);
      }
    }
    let swarmBest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) if (pF[i] < swarmBest) swarmBest = pF[i];
    const improved = swarmBest < this.swarmBestF;
    this.swarmBestF = swarmBest;

    // Informants.
    const t = this.topology;
    if (t.kind === "global") globalInformantBest(pF, lbest);
    else if (t.kind === "ring") ringInformantBest(pF, t.radius, lbest);
    else {
      if (!improved) drawRandomLinks(n, t.informants, rng, this.links);
      randomInformantBest(pF, this.links, t.informants, lbest);
    }

    // Move.
    coefficientsAt(this.coefficients, this.generation, this.coef);
    const w = this.coef[0];
    const c1 = this.coef[1];
    const c2 = this.coef[2];
    const { lower, upper, initLower, initUpper } = this.box;
    const sphere = this.velocityUpdate === "hypersphere";
    for (let i = 0; i < n; i++) {
      const base = i * dim;
      const lBase = lbest[i] * dim;
      if (sphere) this.hypersphereMove(base, lBase, lbest[i] === i, w, c1, c2);
      else {
        for (let d = 0; d < dim; d++) {
          const xd = x[base + d];
          let vd =
            w * v[base + d] + c1 * rng.float() * (p[base + d] - xd) + c2 * rng.float() * (p[lBase + d] - xd);
          if (vd > vmax[d]) vd = vmax[d];
          else if (vd < -vmax[d]) vd = -vmax[d];
          v[base + d] = vd;
          x[base + d] = xd + vd;
        }
      }
      switch (this.boundary) {
        case "clamp":
          clampBoundary(this.xRows[i], this.vRows[i], lower, upper);
          break;
        case "reflect":
          reflectBoundary(this.xRows[i], this.vRows[i], lower, upper);
          break;
        case "reinit":
          reinitBoundary(this.xRows[i], this.vRows[i], lower, upper, initLower, initUpper, rng);
          break;
      }
    }
  }

  /**
   * SPSO 2011's move of the particle at `base` (its best informant's personal best at `lBase`): the
   * centre of gravity G of x, p′ and l′, a random point of the ball B(G, ‖G − x‖), the velocity towards
   * it plus inertia, then the velocity limit and the step.
   */
  private hypersphereMove(base: number, lBase: number, ownBest: boolean, w: number, c1: number, c2: number) {
    const { x, v, p, dim, rng, vmax, centre: g, direction: u } = this;
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

  /** Each particle's personal best value (a copy), +Infinity where nothing finite was seen. */
  personalBestValues(): Float64Array {
    return this.pF.slice();
  }

  /** The current velocities (`populationSize × dim`, a copy). */
  velocities(): Float32Array {
    return this.v.slice();
  }

  state(): ParticleSwarmState {
    return {
      ...this.baseState(),
      options: structuredClone(this.settings) as ParticleSwarmSettings,
      positions: floatsToJson(this.x),
      velocities: floatsToJson(this.v),
      personalBest: floatsToJson(this.p),
      personalBestF: floatsToJson(this.pF),
      swarmBestF: floatToJson(this.swarmBestF),
      links: Array.from(this.links),
    };
  }

  /** Resumes a swarm saved by `state()` (also after a JSON round trip) exactly where it stopped. */
  static fromState(state: ParticleSwarmState): ParticleSwarm {
    const owner = `${OWNER}.fromState`;
    const o = state?.options;
    if (o === null || typeof o !== "object") throw new TypeError(`${owner}: state.options is missing`);
    const pso = new ParticleSwarm({
      dim: state.dim,
      populationSize: o.populationSize,
      topology: o.topology,
      coefficients: o.coefficients,
      maxVelocity: o.maxVelocity ?? undefined,
      boundary: o.boundary,
      // States saved before the option existed used the per-dimension update.
      velocityUpdate: o.velocityUpdate ?? "per-dimension",
      ...boxFromJson(owner, o, state.dim),
      // Throwaway stream for the constructor's draws; restoreBaseState installs the saved one.
      rng: new Rng("fromState"),
    });
    pso.restoreBaseState(state);
    const len = pso.x.length;
    floatsFromJson(owner, "positions", state.positions, len, pso.x);
    floatsFromJson(owner, "velocities", state.velocities, len, pso.v);
    floatsFromJson(owner, "personalBest", state.personalBest, len, pso.p);
    floatsFromJson(owner, "personalBestF", state.personalBestF, pso.populationSize, pso.pF);
    pso.swarmBestF = floatFromJson(owner, "swarmBestF", state.swarmBestF);
    const links = state.links;
    if (!Array.isArray(links) || links.length !== pso.links.length) {
      throw new TypeError(`${owner}: state.links must be an array of ${pso.links.length} particle indices`);
    }
    for (let m = 0; m < links.length; m++) {
      const j = links[m];
      if (!Number.isInteger(j) || j < 0 || j >= pso.populationSize) {
        throw new TypeError(`${owner}: state.links[${m}] is ${String(j)}, expected a particle index`);
      }
      pso.links[m] = j;
    }
    return pso;
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
