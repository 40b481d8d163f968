import {
  AskTellOptimizer,
  type Box,
  boxFromJson,
  boxToJson,
  floatsFromJson,
  floatsToJson,
  newVector,
  type Precision,
  rankOrder,
  resolveBox,
  sampleInBox,
  statePrecision,
  type Vector,
} from "@arena/objectives";
import { parseOptions } from "@arena/options";
import { binomialCrossover } from "./binomial-crossover.ts";
import { midpointToParent } from "./bounds-repair.ts";
import { ExternalArchive } from "./external-archive.ts";
import { pickOther } from "./pick-indices.ts";
import { keepBest, linearPopulationSize } from "./population-reduction.ts";
import { ShadeOptions, type ShadeSettings, type ShadeState, shadeSettings } from "./shade-options.ts";
import { type Successes, sampleCR, sampleF, updateMemory } from "./success-history.ts";

const OWNER = "Shade";

/**
 * SHADE (Tanabe & Fukunaga 2013) and L-SHADE (Tanabe & Fukunaga 2014), ask/tell, with deferred updating:
 * one generation is one ask/tell, the whole trial population built from the population before it. Trial
 * i, in draw order: a memory slot r = `rng.int(0, H)`; CR_i ~ N(M_CR[r], 0.1) clipped to [0, 1]; F_i ~
 * Cauchy(M_F[r], 0.1), redrawn while <= 0, truncated at 1; SHADE's p_i ~ U[2/N, 0.2] (L-SHADE: fixed p);
 * pbest uniform among the max(2, round(p_i N)) best; r1 ≠ i from the population, r2 ≠ i, r1 from the
 * population and archive; the mutant v = x_i + F_i (x_pbest − x_i) + F_i (x_r1 − x_r2)
 * (current-to-pbest/1), a coordinate beyond a bound set halfway between the parent and the bound, and
 * binomial crossover with CR_i.
 *
 * `tell` keeps u_i when f(u_i) <= f(x_i); a strict improvement puts the parent into the archive and
 * records CR_i, F_i and |Δf| for the memory update (see `success-history.ts`). L-SHADE then shrinks the
 * population linearly in the evaluations spent to `minPopulationSize` at `maxEvaluations`, dropping the
 * worst, so `populationSize` (the rows of the next `ask()`) changes between generations: drive it with
 * objectives' `minimize`, or any loop that reads the size every generation.
 */
export class Shade<P extends Precision = "float64"> extends AskTellOptimizer<P> {
  readonly settings: Readonly<ShadeSettings>;
  private readonly box: Box;
  private readonly population: Vector;
  private readonly populationF: Float64Array;
  private readonly trials: Vector;
  private readonly trialCR: Float64Array;
  private readonly trialF: Float64Array;
  private readonly memoryCR: Float64Array;
  private readonly memoryF: Float64Array;
  private memoryIndex = 0;
  private readonly archive: ExternalArchive;
  private readonly successes: Successes;
  private readonly order: Int32Array;
  private readonly work: Float64Array;
  private readonly picks = new Int32Array(2);

  constructor(options: ShadeOptions<P>) {
    const o = parseOptions(OWNER, ShadeOptions, options);
    const precision = o.precision as P;
    const boxOptions = { lower: o.lower, upper: o.upper, initLower: o.initLower, initUpper: o.initUpper };
    const box = resolveBox(OWNER, o.dim, boxOptions, precision);
    const s = shadeSettings(o, boxToJson(box));
    const n = s.populationSize;
    super(OWNER, o.dim, n, o.rng, precision);
    this.settings = s;
    this.box = box;
    const dim = this.dim;
    this.population = newVector(precision, n * dim);
    this.populationF = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.trials = newVector(precision, n * dim);
    this.trialCR = new Float64Array(n);
    this.trialF = new Float64Array(n);
    this.memoryCR = new Float64Array(s.memorySize).fill(0.5);
    this.memoryF = new Float64Array(s.memorySize).fill(0.5);
    this.archive = new ExternalArchive(dim, Math.round(s.archiveRate * n));
    this.successes = {
      cr: new Float64Array(n),
      f: new Float64Array(n),
      delta: new Float64Array(n),
      weights: new Float64Array(n),
      count: 0,
    };
    this.order = new Int32Array(n);
    this.work = new Float64Array(dim);
    // Every row is drawn (so the stream does not depend on initialPopulation), then the given rows replace the first.
    for (let i = 0; i < n; i++)
      sampleInBox(this.trials.subarray(i * dim, (i + 1) * dim), box.initLower, box.initUpper, this.rng);
    const seeds = o.initialPopulation ?? [];
    for (let i = 0; i < seeds.length; i++) this.trials.set(seeds[i], i * dim);
  }

  protected candidates(): Vector {
    return this.trials.subarray(0, this.populationSize * this.dim);
  }

  protected advance(): void {
    if (this.generation === 1) {
      this.population.set(this.candidates());
      this.populationF.set(this.fitness.subarray(0, this.populationSize));
    } else this.select();
    this.reduce();
    this.makeTrials();
  }

  /** One-to-one selection, archive and successes, then the memory update. */
  private select(): void {
    const { fitness, population, populationF, trials, successes: s, dim, rng } = this;
    s.count = 0;
    for (let i = 0; i < this.populationSize; i++) {
      if (!(fitness[i] <= populationF[i])) continue;
      if (fitness[i] < populationF[i]) {
        this.archive.add(population, i * dim, rng);
        s.cr[s.count] = this.trialCR[i];
        s.f[s.count] = this.trialF[i];
        s.delta[s.count] = populationF[i] - fitness[i];
        s.count++;
      }
      populationF[i] = fitness[i];
      population.set(trials.subarray(i * dim, (i + 1) * dim), i * dim);
    }
    const lshade = this.settings.variant === "l-shade";
    this.memoryIndex = updateMemory(this.memoryCR, this.memoryF, this.memoryIndex, s, lshade);
  }

  /** L-SHADE's linear population size reduction (a no-op for SHADE). */
  private reduce(): void {
    const { maxEvaluations, populationSize: nInit, minPopulationSize: nMin, archiveRate } = this.settings;
    if (maxEvaluations === null) return;
    const next = linearPopulationSize(nInit, nMin, maxEvaluations, this.evaluations);
    if (next >= this.populationSize) return;
    keepBest(this.population, this.populationF, this.dim, this.populationSize, next, this.order);
    this.resizePopulation(next);
    this.archive.shrink(Math.round(archiveRate * next), this.rng);
  }

  /** Builds the whole next trial population (deferred updating). */
  private makeTrials(): void {
    const { population, work, picks, rng, dim, archive, settings } = this;
    const n = this.populationSize;
    const order = this.order.subarray(0, n);
    rankOrder(this.populationF.subarray(0, n), order);
    for (let i = 0; i < n; i++) {
      const r = rng.int(0, settings.memorySize);
      const cr = sampleCR(rng, this.memoryCR[r]);
      const F = sampleF(rng, this.memoryF[r]);
      const p = settings.pBest ?? rng.uniform(Math.min(2 / n, 0.2), 0.2);
      const pbest = order[rng.int(0, Math.max(2, Math.round(p * n)))] * dim;
      picks[0] = i;
      const r1 = (picks[1] = pickOther(rng, n, picks, 1)) * dim;
      const r2 = pickOther(rng, n + archive.size, picks, 2);
      const second = r2 < n ? population : archive.rows;
      const r2Off = (r2 < n ? r2 : r2 - n) * dim;
      const x = i * dim;
      for (let d = 0; d < dim; d++) {
        const xd = population[x + d];
        work[d] = xd + F * (population[pbest + d] - xd) + F * (population[r1 + d] - second[r2Off + d]);
      }
      midpointToParent(work, population, x, this.box);
      binomialCrossover(work, population, x, dim, cr, rng);
      this.trials.set(work, x);
      this.trialCR[i] = cr;
      this.trialF[i] = F;
    }
  }

  /** The memories M_CR and M_F (copies; a terminal M_CR slot of L-SHADE reads -1). */
  memories(): { cr: Float64Array; f: Float64Array } {
    return { cr: this.memoryCR.slice(), f: this.memoryF.slice() };
  }

  /** The number of parents in the external archive. */
  archiveSize(): number {
    return this.archive.size;
  }

  state(): ShadeState<P> {
    const n = this.populationSize;
    const dim = this.dim;
    return {
      ...this.baseState(),
      options: structuredClone(this.settings) as ShadeSettings,
      population: floatsToJson(this.population.subarray(0, n * dim)),
      populationF: floatsToJson(this.populationF.subarray(0, n)),
      trials: floatsToJson(this.trials.subarray(0, n * dim)),
      trialCR: floatsToJson(this.trialCR.subarray(0, n)),
      trialF: floatsToJson(this.trialF.subarray(0, n)),
      memoryCR: floatsToJson(this.memoryCR),
      memoryF: floatsToJson(this.memoryF),
      memoryIndex: this.memoryIndex,
      archive: floatsToJson(this.archive.rows.subarray(0, this.archive.size * dim)),
      archiveCapacity: this.archive.capacity,
    };
  }

  /**
   * Resumes an optimizer saved by `state()` (also after a JSON round trip) exactly where it stopped, in the
   * precision it was saved in; with `precision`, throws unless the state has that one.
   */
  static fromState<P extends Precision = Precision>(state: ShadeState<P>, precision?: P): Shade<P> {
    const owner = `${OWNER}.fromState`;
    const o = state?.options;
    if (o === null || typeof o !== "object") throw new TypeError(`${owner}: state.options is missing`);
    const lshade = o.variant === "l-shade";
    const s = new Shade<P>({
      dim: state.dim,
      variant: o.variant,
      populationSize: o.populationSize,
      minPopulationSize: lshade ? o.minPopulationSize : undefined,
      maxEvaluations: lshade ? (o.maxEvaluations ?? undefined) : undefined,
      memorySize: o.memorySize,
      archiveRate: o.archiveRate,
      pBest: o.pBest ?? undefined,
      ...boxFromJson(owner, o, state.dim),
      precision: statePrecision(owner, state, precision) as P,
      // Throwaway stream for the constructor's draws; restoreBaseState installs the saved one.
      rng: "fromState",
    });
    s.restoreState(owner, state);
    return s;
  }

  private restoreState(owner: string, state: ShadeState<P>): void {
    const n = state.populationSize;
    if (!Number.isInteger(n) || n < this.settings.minPopulationSize || n > this.settings.populationSize)
      throw new TypeError(`${owner}: state.populationSize ${String(n)} is outside the options' range`);
    this.resizePopulation(n);
    this.restoreBaseState(state);
    const dim = this.dim;
    floatsFromJson(owner, "population", state.population, n * dim, this.population.subarray(0, n * dim));
    floatsFromJson(owner, "populationF", state.populationF, n, this.populationF.subarray(0, n));
    floatsFromJson(owner, "trials", state.trials, n * dim, this.trials.subarray(0, n * dim));
    floatsFromJson(owner, "trialCR", state.trialCR, n, this.trialCR.subarray(0, n));
    floatsFromJson(owner, "trialF", state.trialF, n, this.trialF.subarray(0, n));
    floatsFromJson(owner, "memoryCR", state.memoryCR, this.settings.memorySize, this.memoryCR);
    floatsFromJson(owner, "memoryF", state.memoryF, this.settings.memorySize, this.memoryF);
    const k = state.memoryIndex;
    if (!Number.isInteger(k) || k < 0 || k >= this.settings.memorySize)
      throw new TypeError(`${owner}: state.memoryIndex must be a slot index, got ${String(k)}`);
    this.memoryIndex = k;
    const cap = state.archiveCapacity;
    const rows = Array.isArray(state.archive) ? state.archive.length / dim : Number.NaN;
    if (
      !Number.isInteger(cap) ||
      cap < 0 ||
      cap * dim > this.archive.rows.length ||
      !Number.isInteger(rows) ||
      rows > cap
    )
      throw new TypeError(`${owner}: state.archive and state.archiveCapacity do not fit the options`);
    this.archive.capacity = cap;
    this.archive.size = rows;
    floatsFromJson(owner, "archive", state.archive, rows * dim, this.archive.rows.subarray(0, rows * dim));
  }
}
