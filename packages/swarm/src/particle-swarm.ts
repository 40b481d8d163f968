import {
  AskTellOptimizer,
  type Box,
  boxFromJson,
  boxToJson,
  floatFromJson,
  floatsFromJson,
  floatsToJson,
  floatToJson,
  newVector,
  type Precision,
  resolveBox,
  sampleInBox,
  statePrecision,
  type Vector,
  type VectorOf,
} from "@arena/objectives";
import { parseOptions } from "@arena/options";
import { applyBoundary, type BoundaryHandling } from "./boundary.ts";
import { coefficientsAt, type ResolvedCoefficients } from "./coefficients.ts";
import {
  ParticleSwarmOptions,
  type ParticleSwarmSettings,
  type ParticleSwarmState,
} from "./particle-swarm-options.ts";
import {
  drawRandomLinks,
  globalInformantBest,
  type ResolvedTopology,
  randomInformantBest,
  ringInformantBest,
} from "./topology.ts";
import {
  hypersphereMove,
  initialVelocity,
  type MoveCoefficients,
  perDimensionMove,
  type SwarmBuffers,
  type VelocityUpdate,
} from "./velocity.ts";

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
 * and clamping with v ← −0.5 v. The rules live one idea per file: the moves and the initial velocity
 * in `velocity.ts`, who informs whom in `topology.ts`, the walls in `boundary.ts`, w, c1 and c2 in
 * `coefficients.ts`.
 *
 * `initialPopulation` places the first particles itself (a learner starting from known weights, say):
 * row i is particle i's position and personal best (value +Infinity until told), its velocity is row i
 * of `initialVelocities` when given, used as is, else SPSO 2011's rule from that position. The uniform
 * positions are drawn all the same and replaced, so the stream, the links and every later draw are
 * those of a swarm without the option: the two differ by their start only.
 *
 * With `velocityUpdate: "hypersphere"` the move is SPSO 2011's own, which does not depend on the
 * coordinate system: with p′ = x + c1 (p − x) and l′ = x + c2 (l − x), the centre of gravity
 * G = (x + p′ + l′) / 3 (or (x + p′) / 2 when the particle is its own best informant), a point x″ drawn
 * in the ball of centre G and radius ‖G − x‖ (random direction, distance uniform along the radius, as
 * in Clerc's reference code), then v ← w v + x″ − x and x ← x + v. The
 * per-dimension form, the default, is the one of SPSO 2006/2007 and most PSO literature; it searches
 * along the axes, so it does better on separable functions and worse once they are rotated.
 *
 * Positions, velocities and personal bests are Float64Arrays unless `precision: "float32"` is given
 * (then each is rounded to float32 as it is stored, and the box bounds inward to float32). `rng` is an
 * Rng or a seed.
 *
 * @example
 * ```ts
 * import { minimize } from "@arena/objectives";
 * import { ParticleSwarm } from "@arena/swarm";
 * const pso = new ParticleSwarm({ dim: 4, lower: -5, upper: 5, rng: 1 });
 * const f = { dim: 4, evaluate: (x: Float64Array) => x.reduce((s, v) => s + (v - 1) ** 2, 0) };
 * const r = minimize(pso, f, { maxEvaluations: 10_000 });
 * console.log(r.f, r.x);
 * ```
 */
export class ParticleSwarm<P extends Precision = "float64"> extends AskTellOptimizer<P> {
  readonly settings: Readonly<ParticleSwarmSettings>;
  private readonly box: Box;
  private readonly topology: ResolvedTopology;
  private readonly coefficients: ResolvedCoefficients;
  private readonly boundary: BoundaryHandling;
  /** Per-dimension velocity limit (+Infinity when not limited). */
  private readonly vmax: Float64Array;
  private readonly x: Vector;
  private readonly v: Vector;
  private readonly p: Vector;
  private readonly pF: Float64Array;
  private swarmBestF = Number.POSITIVE_INFINITY;
  private readonly links: Int32Array;
  private readonly informantBest: Int32Array;
  private readonly xRows: Vector[];
  private readonly vRows: Vector[];
  /** x, v, p and vmax for the velocity rules. */
  private readonly buffers: SwarmBuffers;
  private readonly coef = new Float64Array(3);
  /** The coefficients of the current move (filled from `coef`, to allocate nothing per move). */
  private readonly moveCoef: MoveCoefficients = { w: 0, c1: 0, c2: 0 };
  private readonly velocityUpdate: VelocityUpdate;
  /** Hypersphere update: the centre of gravity G and a random direction, one particle at a time. */
  private readonly centre: Float64Array;
  private readonly direction: Float64Array;

  constructor(options: ParticleSwarmOptions<P>) {
    const o = parseOptions(OWNER, ParticleSwarmOptions, options);
    const n = o.populationSize;
    const precision = o.precision as P;
    super(OWNER, o.dim, n, o.rng, precision);
    const dim = this.dim;
    this.box = resolveBox(
      OWNER,
      dim,
      { lower: o.lower, upper: o.upper, initLower: o.initLower, initUpper: o.initUpper },
      precision,
    );
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
    this.x = newVector(precision, n * dim);
    this.v = newVector(precision, n * dim);
    this.p = newVector(precision, n * dim);
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
    this.buffers = { dim, x: this.x, v: this.v, p: this.p, vmax: this.vmax };
    this.initialise(o.initialPopulation ?? [], o.initialVelocities);
    if (k > 0) drawRandomLinks(n, k, this.rng, this.links);
  }

  /**
   * SPSO 2011 initialisation: x uniform in the init range, v by {@link initialVelocity}; the first
   * `seeds.length` particles then start at their seed row (with its velocity row when given) instead,
   * after the same draws. Personal bests start at the positions.
   */
  private initialise(
    seeds: readonly ArrayLike<number>[],
    velocities: readonly ArrayLike<number>[] | undefined,
  ) {
    const { initLower, initUpper } = this.box;
    for (let i = 0; i < this.populationSize; i++) {
      const x = this.xRows[i];
      const v = this.vRows[i];
      sampleInBox(x, initLower, initUpper, this.rng);
      if (i < seeds.length) x.set(seeds[i]);
      initialVelocity(x, v, initLower, initUpper, this.vmax, this.rng);
      if (velocities !== undefined && i < velocities.length) v.set(velocities[i]);
    }
    this.p.set(this.x);
  }

  protected candidates(): Vector {
    return this.x;
  }

  protected advance(): void {
    const { fitness, pF, p, dim, informantBest: lbest, rng } = this;
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
    const c = this.moveCoef;
    c.w = this.coef[0];
    c.c1 = this.coef[1];
    c.c2 = this.coef[2];
    const sphere = this.velocityUpdate === "hypersphere";
    for (let i = 0; i < n; i++) {
      const base = i * dim;
      const lBase = lbest[i] * dim;
      if (sphere)
        hypersphereMove(this.buffers, base, lBase, lbest[i] === i, c, rng, this.centre, this.direction);
      else perDimensionMove(this.buffers, base, lBase, c, rng);
      applyBoundary(this.boundary, this.xRows[i], this.vRows[i], this.box, rng);
    }
  }

  personalBestValues(): Float64Array {
    return this.pF.slice();
  }

  /** The current velocities (`populationSize × dim`, a copy, in the swarm's precision). */
  velocities(): VectorOf<P> {
    return this.v.slice() as VectorOf<P>;
  }

  state(): ParticleSwarmState<P> {
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

  /**
   * Resumes a swarm saved by `state()` (also after a JSON round trip) exactly where it stopped, in the
   * precision it was saved in; with `precision`, throws unless the state has that one.
   */
  static fromState<P extends Precision = Precision>(
    state: ParticleSwarmState<P>,
    precision?: P,
  ): ParticleSwarm<P> {
    const owner = `${OWNER}.fromState`;
    const o = state?.options;
    if (o === null || typeof o !== "object") throw new TypeError(`${owner}: state.options is missing`);
    const pso = new ParticleSwarm<P>({
      dim: state.dim,
      populationSize: o.populationSize,
      topology: o.topology,
      coefficients: o.coefficients,
      maxVelocity: o.maxVelocity ?? undefined,
      boundary: o.boundary,
      // States saved before the option existed used the per-dimension update.
      velocityUpdate: o.velocityUpdate ?? "per-dimension",
      ...boxFromJson(owner, o, state.dim),
      precision: statePrecision(owner, state, precision) as P,
      // Throwaway stream for the constructor's draws; restoreBaseState installs the saved one.
      rng: "fromState",
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
