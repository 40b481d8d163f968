import {
  AskTellOptimizer,
  AskTellOptions,
  type AskTellState,
  type Box,
  type BoxJson,
  BoxOptions,
  boxFromJson,
  boxToJson,
  checkPopulationRows,
  clampToBox,
  floatsFromJson,
  floatsToJson,
  type JsonFloat,
  newVector,
  PopulationRows,
  type Precision,
  rankOrder,
  resolveBox,
  sampleInBox,
  statePrecision,
  type Vector,
  type WithPrecision,
} from "@arena/objectives";
import { parseOptions } from "@arena/options";
import * as z from "zod";
import {
  arithmeticCrossover,
  blxAlphaCrossover,
  onePointCrossover,
  sbxCrossover,
  twoPointCrossover,
  uniformCrossover,
} from "./crossover.ts";
import { gaussianMutation, polynomialMutation, uniformResetMutation } from "./mutation.ts";
import {
  checkPopulationLimits,
  GeneticOperatorOptions,
  type ResolvedCrossover,
  type ResolvedMutation,
  type ResolvedSelection,
} from "./operator-specs.ts";
import {
  linearRankSelection,
  rouletteSelection,
  tournamentSelection,
  truncationSelection,
} from "./selection.ts";

/** Options of {@link GeneticAlgorithm}; every default is listed with its source in the README. */
export const GeneticAlgorithmOptions = z
  .strictObject({
    ...AskTellOptions.shape,
    populationSize: z
      .number()
      .int()
      .min(2)
      .default(100)
      .describe("individuals per generation, the rows of every ask()"),
    ...GeneticOperatorOptions.shape,
    ...BoxOptions.shape,
    initialPopulation: PopulationRows.optional().describe(
      "the first individuals of the first generation (rows of dim numbers inside the box; default: all uniform in the init range)",
    ),
  })
  .superRefine((o, ctx) => {
    if (ctx.issues.length > 0) return;
    checkPopulationLimits(o, o.populationSize, ctx);
    if (o.initialPopulation !== undefined)
      checkPopulationRows(o.initialPopulation, o, ctx, "initialPopulation");
  });
/** The options as the constructor takes them; `precision` (default float64) sets the array `ask()` returns. */
export type GeneticAlgorithmOptions<P extends Precision = "float64"> = WithPrecision<
  z.input<typeof GeneticAlgorithmOptions>,
  P
>;

/** The options a run actually used, as plain JSON (part of `state()`). */
export interface GeneticAlgorithmSettings extends BoxJson {
  populationSize: number;
  elitism: number;
  selection: ResolvedSelection;
  crossover: ResolvedCrossover;
  crossoverRate: number;
  mutation: ResolvedMutation;
  mutationRate: number;
}

/** Plain-JSON state of a {@link GeneticAlgorithm}. */
export interface GeneticAlgorithmState<P extends Precision = Precision> extends AskTellState<P> {
  readonly options: GeneticAlgorithmSettings;
  /** The current population (the rows of the next or pending `ask()`). */
  readonly population: JsonFloat[];
}

const OWNER = "GeneticAlgorithm";

/**
 * A generational real-coded genetic algorithm, ask/tell. Each generation: rank the told population,
 * copy the `elitism` best unchanged into the next one, then fill the rest with children: select two
 * parents, cross them with probability `crossoverRate` (else copy them), mutate each child with
 * probability `mutationRate`, and clamp it into the box. Elites sit in the first rows of `ask()` and
 * are evaluated again, which keeps every generation the same size and keeps elitism honest when the
 * objective is noisy (a minibatch loss, say); it costs `elitism` evaluations per generation.
 *
 * The first generation is uniform in the initialisation range; `initialPopulation` replaces its first
 * rows (a learner starting from known weights, say). The uniform rows are drawn all the same, so the
 * stream and every later draw are those of a run without the option: the two differ by their start only.
 *
 * Candidates are Float64Arrays unless `precision: "float32"` is given (then every child is rounded to
 * float32 as it is stored, and the box bounds inward to float32). `rng` is an Rng or a seed.
 *
 * Defaults: population 100, elitism 1, tournament of 3 (DEAP), SBX η = 15 with rate 0.9 and polynomial
 * mutation η = 20 at 1/dim per gene (the real-coded settings of Deb's NSGA-II code and pymoo).
 *
 * @example
 * ```ts
 * import { minimize } from "@arena/objectives";
 * import { GeneticAlgorithm } from "@arena/genetic";
 * const ga = new GeneticAlgorithm({ dim: 4, lower: -5, upper: 5, rng: 1 });
 * const f = { dim: 4, evaluate: (x: Float64Array) => x.reduce((s, v) => s + (v - 1) ** 2, 0) };
 * const r = minimize(ga, f, { maxEvaluations: 20_000 });
 * console.log(r.f, r.x);
 * ```
 */
export class GeneticAlgorithm<P extends Precision = "float64"> extends AskTellOptimizer<P> {
  readonly settings: Readonly<GeneticAlgorithmSettings>;
  private readonly box: Box;
  private readonly elitism: number;
  private readonly selection: ResolvedSelection;
  private readonly crossover: ResolvedCrossover;
  private readonly crossoverRate: number;
  private readonly mutation: ResolvedMutation;
  private readonly mutationRate: number;
  /** Mutation scale per dimension: σ · span for Gaussian, span for polynomial. */
  private readonly mutationScale: Float64Array;
  /** Where uniform reset draws: the bounds where finite, else the initialisation range. */
  private readonly resetLower: Float64Array;
  private readonly resetUpper: Float64Array;
  // Two population buffers: the current one (asked) and the next one (bred into), swapped per generation.
  private current: Vector;
  private next: Vector;
  private currentRows: Vector[];
  private nextRows: Vector[];
  /** A child row for the odd one out when the children to breed are odd in number. */
  private readonly spareRow: Vector;
  private readonly order: Int32Array;
  private readonly parents: Int32Array;
  private readonly cumulative: Float64Array;

  constructor(options: GeneticAlgorithmOptions<P>) {
    const o = parseOptions(OWNER, GeneticAlgorithmOptions, options);
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
    this.elitism = o.elitism;
    this.selection = o.selection;
    this.crossover = o.crossover;
    this.crossoverRate = o.crossoverRate;
    this.mutation = { ...o.mutation, geneRate: o.mutation.geneRate ?? 1 / dim };
    this.mutationRate = o.mutationRate;
    this.settings = {
      populationSize: n,
      elitism: this.elitism,
      selection: this.selection,
      crossover: this.crossover,
      crossoverRate: this.crossoverRate,
      mutation: this.mutation,
      mutationRate: this.mutationRate,
      ...boxToJson(this.box),
    };

    const { lower, upper, initLower, initUpper, span } = this.box;
    this.mutationScale = new Float64Array(dim);
    this.resetLower = new Float64Array(dim);
    this.resetUpper = new Float64Array(dim);
    for (let d = 0; d < dim; d++) {
      this.mutationScale[d] = this.mutation.kind === "gaussian" ? this.mutation.sigma * span[d] : span[d];
      const bounded = Number.isFinite(lower[d]) && Number.isFinite(upper[d]);
      this.resetLower[d] = bounded ? lower[d] : initLower[d];
      this.resetUpper[d] = bounded ? upper[d] : initUpper[d];
    }

    this.current = newVector(precision, n * dim);
    this.next = newVector(precision, n * dim);
    this.currentRows = rowsOf(this.current, n, dim);
    this.nextRows = rowsOf(this.next, n, dim);
    this.spareRow = newVector(precision, dim);
    this.order = new Int32Array(n);
    const children = n - this.elitism;
    this.parents = new Int32Array(children + (children % 2));
    this.cumulative = new Float64Array(n);
    for (const row of this.currentRows) sampleInBox(row, initLower, initUpper, this.rng);
    const seeds = o.initialPopulation ?? [];
    for (let i = 0; i < seeds.length; i++) this.currentRows[i].set(seeds[i]);
  }

  protected candidates(): Vector {
    return this.current;
  }

  protected advance(): void {
    const { fitness, order, parents, rng, elitism } = this;
    const n = this.populationSize;
    rankOrder(fitness, order);
    this.selectParents();
    const cur = this.currentRows;
    const nxt = this.nextRows;
    for (let e = 0; e < elitism; e++) nxt[e].set(cur[order[e]]);
    for (let k = 0; k < parents.length; k += 2) {
      const p1 = cur[parents[k]];
      const p2 = cur[parents[k + 1]];
      const c1 = nxt[elitism + k];
      const c2 = elitism + k + 1 < n ? nxt[elitism + k + 1] : this.spareRow;
      if (rng.float() < this.crossoverRate) this.cross(p1, p2, c1, c2);
      else {
        c1.set(p1);
        c2.set(p2);
      }
      this.finishChild(c1);
      if (c2 !== this.spareRow) this.finishChild(c2);
    }
    const t = this.current;
    this.current = this.next;
    this.next = t;
    const tr = this.currentRows;
    this.currentRows = this.nextRows;
    this.nextRows = tr;
  }

  private selectParents(): void {
    const { fitness, order, parents, rng, selection: s } = this;
    switch (s.kind) {
      case "tournament":
        tournamentSelection(fitness, s.size, rng, parents);
        break;
      case "rank":
        linearRankSelection(order, s.pressure, rng, parents, this.cumulative);
        break;
      case "roulette":
        rouletteSelection(fitness, rng, parents, this.cumulative);
        break;
      case "truncation":
        truncationSelection(order, s.fraction, rng, parents);
        break;
    }
  }

  private cross(p1: Vector, p2: Vector, c1: Vector, c2: Vector): void {
    const { rng, crossover: c } = this;
    switch (c.kind) {
      case "uniform":
        uniformCrossover(p1, p2, c1, c2, rng, c.swapProbability);
        break;
      case "one-point":
        onePointCrossover(p1, p2, c1, c2, rng);
        break;
      case "two-point":
        twoPointCrossover(p1, p2, c1, c2, rng);
        break;
      case "arithmetic":
        arithmeticCrossover(p1, p2, c1, c2, rng);
        break;
      case "blx":
        blxAlphaCrossover(p1, p2, c1, c2, rng, c.alpha);
        break;
      case "sbx":
        sbxCrossover(p1, p2, c1, c2, rng, c.eta);
        break;
    }
  }

  /** Mutates the child with probability `mutationRate`, then clamps it into the box. */
  private finishChild(child: Vector): void {
    const { rng, mutation: m } = this;
    if (rng.float() < this.mutationRate) {
      switch (m.kind) {
        case "gaussian":
          gaussianMutation(child, this.mutationScale, m.geneRate, rng);
          break;
        case "polynomial":
          polynomialMutation(child, this.mutationScale, m.eta, m.geneRate, rng);
          break;
        case "uniform-reset":
          uniformResetMutation(child, this.resetLower, this.resetUpper, m.geneRate, rng);
          break;
      }
    }
    clampToBox(child, this.box.lower, this.box.upper);
  }

  state(): GeneticAlgorithmState<P> {
    return {
      ...this.baseState(),
      options: structuredClone(this.settings) as GeneticAlgorithmSettings,
      population: floatsToJson(this.current),
    };
  }

  /**
   * Resumes a GA saved by `state()` (also after a JSON round trip) exactly where it stopped, in the
   * precision it was saved in; with `precision`, throws unless the state has that one.
   */
  static fromState<P extends Precision = Precision>(
    state: GeneticAlgorithmState<P>,
    precision?: P,
  ): GeneticAlgorithm<P> {
    const owner = `${OWNER}.fromState`;
    const o = state?.options;
    if (o === null || typeof o !== "object") throw new TypeError(`${owner}: state.options is missing`);
    const ga = new GeneticAlgorithm<P>({
      dim: state.dim,
      populationSize: o.populationSize,
      elitism: o.elitism,
      selection: o.selection,
      crossover: o.crossover,
      crossoverRate: o.crossoverRate,
      mutation: o.mutation,
      mutationRate: o.mutationRate,
      ...boxFromJson(owner, o, state.dim),
      precision: statePrecision(owner, state, precision) as P,
      // Throwaway stream for the constructor's draws; restoreBaseState installs the saved one.
      rng: "fromState",
    });
    ga.restoreBaseState(state);
    floatsFromJson(owner, "population", state.population, ga.current.length, ga.current);
    return ga;
  }
}

function rowsOf(xs: Vector, n: number, dim: number): Vector[] {
  const rows: Vector[] = [];
  for (let i = 0; i < n; i++) rows.push(xs.subarray(i * dim, (i + 1) * dim));
  return rows;
}
