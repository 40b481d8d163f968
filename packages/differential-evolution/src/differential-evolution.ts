import {
  AskTellOptimizer,
  type Box,
  boxFromJson,
  boxToJson,
  floatsFromJson,
  floatsToJson,
  newVector,
  type Precision,
  resolveBox,
  sampleInBox,
  statePrecision,
  type Vector,
  type VectorOf,
} from "@arena/objectives";
import { parseOptions } from "@arena/options";
import { binomialCrossover } from "./binomial-crossover.ts";
import { resampleOutside } from "./bounds-repair.ts";
import {
  DifferentialEvolutionOptions,
  type DifferentialEvolutionSettings,
  type DifferentialEvolutionState,
} from "./differential-evolution-options.ts";
import { pickDistinct } from "./pick-indices.ts";

const OWNER = "DifferentialEvolution";

/**
 * Classic differential evolution (Storn & Price 1997), ask/tell, with **deferred updating**: the first
 * `ask()` returns the initial population (uniform in the init range); every later `ask()` returns the
 * whole trial population, one trial u_i per target x_i, built from the population as it was before the
 * generation; `tell` then keeps u_i in place of x_i when f(u_i) <= f(x_i). This is scipy's
 * `updating="deferred"`; Storn & Price's original replaces each target at once (immediate updating),
 * which an ask/tell interface over whole populations cannot do.
 *
 * Trial i, in draw order (one `Rng` stream; the step test recomputes it):
 * - indices by rejection with `rng.int(0, NP)`: r1, r2, r3 distinct and ≠ i (rand/1) or r1, r2 (best/1);
 * - mutant v = x_r1 + F (x_r2 − x_r3) (rand/1) or v = x_best + F (x_r1 − x_r2) (best/1; x_best is the
 *   best of the current population, ties to the lowest index);
 * - binomial crossover: j_rand = `rng.int(0, dim)`, then one `rng.float()` per coordinate;
 * - bounds: each trial coordinate outside the box is redrawn uniformly in it, one `rng.float()` each
 *   (scipy's rule; see `resampleOutside`).
 *
 * Defaults: NP = 10·dim, F = 0.5, CR = 0.9, rand/1/bin. Unlike scipy there is no Latin hypercube start,
 * no dithering of F and no final polish by L-BFGS-B.
 *
 * @example
 * ```ts
 * import { minimize, sphere } from "@arena/objectives";
 * import { DifferentialEvolution } from "@arena/differential-evolution";
 * const f = sphere(5);
 * const de = new DifferentialEvolution({ dim: 5, lower: f.lower, upper: f.upper, rng: 1 });
 * console.log(minimize(de, f, { maxEvaluations: 20_000 }).f < 1e-8); // true
 * ```
 */
export class DifferentialEvolution<P extends Precision = "float64"> extends AskTellOptimizer<P> {
  readonly settings: Readonly<DifferentialEvolutionSettings>;
  private readonly box: Box;
  private readonly population: Vector;
  private readonly populationF: Float64Array;
  private readonly trials: Vector;
  /** One trial in float64 while it is built (mutant, crossover, repair), then stored in `trials`. */
  private readonly work: Float64Array;
  /** The target index followed by the drawn indices. */
  private readonly picks = new Int32Array(4);

  constructor(options: DifferentialEvolutionOptions<P>) {
    const o = parseOptions(OWNER, DifferentialEvolutionOptions, options);
    const n = o.populationSize ?? Math.max(4, 10 * o.dim);
    const precision = o.precision as P;
    super(OWNER, o.dim, n, o.rng, precision);
    const box = { lower: o.lower, upper: o.upper, initLower: o.initLower, initUpper: o.initUpper };
    this.box = resolveBox(OWNER, this.dim, box, precision);
    this.settings = { populationSize: n, strategy: o.strategy, F: o.F, CR: o.CR, ...boxToJson(this.box) };
    this.population = newVector(precision, n * this.dim);
    this.populationF = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.trials = newVector(precision, n * this.dim);
    this.work = new Float64Array(this.dim);
    const { initLower, initUpper } = this.box;
    for (let i = 0; i < n; i++) {
      sampleInBox(this.trials.subarray(i * this.dim, (i + 1) * this.dim), initLower, initUpper, this.rng);
    }
  }

  protected candidates(): Vector {
    return this.trials;
  }

  protected advance(): void {
    const { fitness, population, populationF, trials } = this;
    const n = this.populationSize;
    const dim = this.dim;
    // Generation 0 told the initial population; afterwards, one-to-one selection (ties go to the trial,
    // as in Storn & Price, so a population on a plateau keeps moving).
    for (let i = 0; i < n; i++) {
      if (this.generation === 1 || fitness[i] <= populationF[i]) {
        populationF[i] = fitness[i];
        population.set(trials.subarray(i * dim, (i + 1) * dim), i * dim);
      }
    }
    this.makeTrials();
  }

  /** Builds the whole next trial population from the population as it stands (deferred updating). */
  private makeTrials(): void {
    const { population, populationF, trials, work, picks, rng, dim } = this;
    const n = this.populationSize;
    const { F, CR, strategy } = this.settings;
    let best = 0;
    for (let i = 1; i < n; i++) if (populationF[i] < populationF[best]) best = i;
    const rand = strategy === "rand/1/bin";
    for (let i = 0; i < n; i++) {
      picks[0] = i;
      pickDistinct(rng, n, picks, rand ? 3 : 2);
      const a = (rand ? picks[1] : best) * dim;
      const b = (rand ? picks[2] : picks[1]) * dim;
      const c = (rand ? picks[3] : picks[2]) * dim;
      for (let d = 0; d < dim; d++) work[d] = population[a + d] + F * (population[b + d] - population[c + d]);
      binomialCrossover(work, population, i * dim, dim, CR, rng);
      resampleOutside(work, this.box, rng);
      trials.set(work, i * dim);
    }
  }

  /** The current population (the targets; `populationSize × dim`, a copy, in the optimizer's precision). */
  currentPopulation(): VectorOf<P> {
    return this.population.slice() as VectorOf<P>;
  }

  /** The fitness of each member of the current population (a copy; +Infinity before the first tell). */
  populationValues(): Float64Array {
    return this.populationF.slice();
  }

  state(): DifferentialEvolutionState<P> {
    return {
      ...this.baseState(),
      options: structuredClone(this.settings) as DifferentialEvolutionSettings,
      population: floatsToJson(this.population),
      populationF: floatsToJson(this.populationF),
      trials: floatsToJson(this.trials),
    };
  }

  /**
   * Resumes an optimizer saved by `state()` (also after a JSON round trip) exactly where it stopped, in the
   * precision it was saved in; with `precision`, throws unless the state has that one.
   */
  static fromState<P extends Precision = Precision>(
    state: DifferentialEvolutionState<P>,
    precision?: P,
  ): DifferentialEvolution<P> {
    const owner = `${OWNER}.fromState`;
    const o = state?.options;
    if (o === null || typeof o !== "object") throw new TypeError(`${owner}: state.options is missing`);
    const de = new DifferentialEvolution<P>({
      dim: state.dim,
      populationSize: o.populationSize,
      strategy: o.strategy,
      F: o.F,
      CR: o.CR,
      ...boxFromJson(owner, o, state.dim),
      precision: statePrecision(owner, state, precision) as P,
      // Throwaway stream for the constructor's draws; restoreBaseState installs the saved one.
      rng: "fromState",
    });
    de.restoreBaseState(state);
    const len = de.population.length;
    floatsFromJson(owner, "population", state.population, len, de.population);
    floatsFromJson(owner, "populationF", state.populationF, de.populationSize, de.populationF);
    floatsFromJson(owner, "trials", state.trials, len, de.trials);
    return de;
  }
}
