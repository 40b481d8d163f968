import {
  type Cost,
  DivergenceError,
  type Learner,
  type Model,
  modelObjective,
  type Samples,
} from "@arena/nn";
import type { PopulationOptimizer } from "@arena/objectives";
import { Rng } from "@arena/rng";
import { fitnessQuantiles } from "./fitness-quantiles.ts";
import type { RescoreSpec, StagnationSpec } from "./learner-config.ts";
import type { NeuroevolutionState } from "./neuroevolution-state.ts";
import type { CandidateRefiner, PopulationLearnerParts } from "./population-learner-parts.ts";
import {
  freshCounters,
  type PopulationBuffers,
  type PopulationCounters,
  populationState,
  readCounters,
} from "./population-learner-state.ts";
import { populationSpread } from "./population-spread.ts";
import { RandomBatchSampler } from "./random-batch-sampler.ts";
import { scoringFlops } from "./scoring-flops.ts";
import { selectTop } from "./top-candidates.ts";

/**
 * A {@link Learner} that trains a model with any ask/tell {@link PopulationOptimizer}: each `step()`
 * is one generation. It asks for the population, scores every candidate in one batched pass
 * (`evaluateBatch` of nn's `modelObjective`, i.e. `model.lossBatch`: mean loss plus L1/L2 penalty) on
 * the full training split or on a fresh seeded minibatch, tells the scores, and keeps the best point
 * as `current()`.
 *
 * Cost per generation: `evaluations` = population × samples scored (plus re-scored candidates × the
 * training samples); `flops` = the same candidates × `model.flops({ batch, steps }).forward` plus the
 * L1/L2 penalty per candidate, plus the optimizer's own arithmetic (see `optimizer-flops.ts`), which is
 * charged with the `tell` whose move it pays for.
 *
 * A budget's last generation (`step(allowance)`, when the whole generation and the optimizer's move do
 * not fit): only the first m candidates the allowance pays for are scored, `current()` is updated from
 * them by the rule below, the optimizer is not told (so its move is not charged), and re-scoring, when
 * due, takes only as many of the top candidates as still fit. The generation stays pending: a later
 * step with room scores the rest (on the same minibatch) and tells it.
 *
 * With a refiner (`setRefiner`, the memetic hook) each candidate is improved before it is scored, and
 * its cost (at most `refiner.perCandidate`) is added to the candidate's, in a cut generation too.
 *
 * `current()`: with full fitness, the candidate with the lowest training objective seen so far (exact:
 * the scores are deterministic). With minibatch fitness and re-scoring, the best of the candidates
 * re-scored on the full training split so far (the initial weights before the first re-score). With
 * minibatch fitness and no re-scoring, the best candidate of the latest generation by its (noisy)
 * minibatch score.
 *
 * Throws nn's `DivergenceError` when every candidate of a generation has a non-finite loss.
 */
export class PopulationLearner implements Learner {
  readonly name: string;
  readonly model: Model;
  readonly optimizer: PopulationOptimizer<Float32Array>;
  private readonly train: Samples;
  private readonly config: Record<string, unknown>;
  private readonly rescore: RescoreSpec | null;
  private readonly stagnation: StagnationSpec | null;
  /** Generations, costs, the incumbent's loss, the pending generation: what `state()` saves. */
  private counters: PopulationCounters = freshCounters();
  private readonly sampler: RandomBatchSampler | null;
  /** The training objective on the fitness data (the minibatch buffer, refilled in place) and on the full split. */
  private readonly objective: BatchObjective;
  private readonly fullObjective: BatchObjective;
  private readonly initial: Float32Array;
  private readonly incumbent: Float32Array;
  private readonly fitness: Float64Array;
  private readonly lastFitness: Float64Array;
  /** The buffers `state()` saves with the counters. */
  private readonly buffers: PopulationBuffers;
  private readonly sortScratch: Float64Array;
  private readonly rescoreRows: Int32Array;
  private readonly rescoreBuf: Float32Array;
  private readonly rescoreOut: Float64Array;
  private readonly coordMean: Float64Array;
  private readonly coordSq: Float64Array;
  private readonly extraDiagnostics?: (out: Record<string, number[]>) => void;
  /** FLOPs of scoring one candidate on the fitness data, and on the full training split. */
  readonly candidateFlops: number;
  readonly fullCandidateFlops: number;
  private readonly optimizerFlopsOf: (populationSize: number) => number;
  private minibatchRng: Rng;
  private refiner: CandidateRefiner | null = null;

  constructor(parts: PopulationLearnerParts) {
    const { model, train, optimizer } = parts;
    if (optimizer.dim !== model.size) {
      throw new RangeError(
        `${parts.name}: optimizer has dim ${optimizer.dim}, the model has ${model.size} parameters`,
      );
    }
    if (parts.initial.length !== model.size) {
      throw new RangeError(
        `${parts.name}: initial has ${parts.initial.length} entries, the model has ${model.size}`,
      );
    }
    const steps = model.checkData(train);
    if (train.n < 1) throw new RangeError(`${parts.name}: the training split is empty`);
    this.name = parts.name;
    this.model = model;
    this.optimizer = optimizer;
    this.train = train;
    this.config = parts.config;
    this.rescore = parts.rescore;
    this.stagnation = parts.stagnation;
    const of = parts.optimizerFlops;
    this.optimizerFlopsOf = typeof of === "number" ? () => of : of;
    this.extraDiagnostics = parts.extraDiagnostics;
    this.minibatchRng = parts.minibatchRng;
    // Buffers hold the largest population the optimizer will ask for; each step reads its current size.
    const n = Math.max(parts.capacity ?? 0, optimizer.populationSize);
    const dim = model.size;
    if (parts.fitness === "full") {
      this.sampler = null;
      this.candidateFlops = scoringFlops(model, train.n, steps);
    } else {
      if (parts.fitness.minibatch > train.n) {
        throw new RangeError(
          `${parts.name}: fitness.minibatch is ${parts.fitness.minibatch}, but the training split has only ${train.n} samples (use fitness "full")`,
        );
      }
      this.sampler = new RandomBatchSampler(train, parts.fitness.minibatch, this.minibatchRng);
      this.candidateFlops = scoringFlops(model, parts.fitness.minibatch, steps);
    }
    this.fullCandidateFlops = scoringFlops(model, train.n, steps);
    this.fullObjective = modelObjective(model, train);
    this.objective = this.sampler ? modelObjective(model, this.sampler.batch) : this.fullObjective;
    this.initial = parts.initial.slice();
    this.incumbent = parts.initial.slice();
    this.fitness = new Float64Array(n);
    this.lastFitness = new Float64Array(n).fill(Number.NaN);
    this.buffers = { incumbent: this.incumbent, lastFitness: this.lastFitness, fitness: this.fitness };
    this.sortScratch = new Float64Array(n);
    const top = this.rescore?.top ?? 0;
    this.rescoreRows = new Int32Array(top);
    this.rescoreBuf = new Float32Array(top * dim);
    this.rescoreOut = new Float64Array(top);
    this.coordMean = new Float64Array(dim);
    this.coordSq = new Float64Array(dim);
    // Keep candidates pending between steps (asking twice returns the same rows), so that the
    // optimizer's state, and the diagnostics that read the population, do not depend on when they
    // are looked at.
    optimizer.ask();
  }

  /** Generations run so far. */
  get generation(): number {
    return this.counters.generation;
  }

  /** The optimizer's own FLOPs for the move of the generation it asks now. */
  get optimizerFlops(): number {
    return this.optimizerFlopsOf(this.optimizer.populationSize);
  }

  /** FLOPs and evaluations spent so far. */
  get spent(): Cost {
    return { flops: this.counters.flops, evaluations: this.counters.evaluations };
  }

  /** The training objective of `current()`: exact with full fitness or re-scoring, else a minibatch score. */
  get currentLoss(): number {
    return this.counters.incumbentF;
  }

  /**
   * Sets the local search that improves each candidate before it is scored (see {@link CandidateRefiner};
   * null: none). Set it before the first step, or right after resuming a learner that was saved with it:
   * the refiner's own state is its owner's to save.
   */
  setRefiner(refiner: CandidateRefiner | null): void {
    this.refiner = refiner;
  }

  /**
   * True once the search has stalled (`stagnation` config): that many generations in a row without the
   * loss of `current()` falling by more than `minDelta`. Always false without the option.
   */
  finished(): boolean {
    return this.stagnation !== null && this.counters.stale >= this.stagnation.generations;
  }

  /**
   * One generation: score the population, tell the optimizer, update `current()`. With `allowance`, the
   * cost stays within it (see the class notes); when not one more candidate (or, once all are scored,
   * the optimizer's move) fits, nothing is done and the cost is zero.
   */
  step(allowance?: Cost): Cost {
    const opt = this.optimizer;
    const n = opt.populationSize;
    const s = this.counters.scored;
    const samples = this.sampler ? this.sampler.size : this.train.n;
    const c = this.candidateFlops;
    // What one candidate may cost in all: its refinement (none without a refiner) and its scoring.
    const planned = this.refiner?.perCandidate ?? { flops: 0, evaluations: 0 };
    const perFlops = c + planned.flops;
    const perSamples = samples + planned.evaluations;
    // Candidates to score now, and whether the generation completes (is told) in this step.
    let m = n - s;
    let complete = true;
    if (
      allowance !== undefined &&
      !(m * perFlops + this.optimizerFlops <= allowance.flops && m * perSamples <= allowance.evaluations)
    ) {
      complete = false;
      m = Math.min(m, Math.floor(allowance.flops / perFlops), Math.floor(allowance.evaluations / perSamples));
      if (!(m >= 1)) return { flops: 0, evaluations: 0 };
    }
    const asked = opt.ask();
    if (s === 0 && this.sampler) {
      if (!complete) this.counters.minibatchDraw = this.minibatchRng.state();
      this.sampler.draw();
    }
    const fitness = this.fitness;
    const dim = this.model.size;
    const end = s + m;
    const refined = this.refine(asked, s, end);
    const xs = refined.scored;
    if (m === n) this.objective.evaluateBatch(xs, n, fitness);
    else if (m > 0) {
      this.objective.evaluateBatch(xs.subarray(s * dim, end * dim), m, fitness.subarray(s, end));
    }
    const g = this.counters.generation + 1;
    let flops = m * c + refined.cost.flops + (complete ? this.optimizerFlops : 0);
    let evaluations = m * samples + refined.cost.evaluations;

    let best = -1;
    let bestF = Number.POSITIVE_INFINITY;
    for (let i = 0; i < end; i++) {
      const f = fitness[i];
      if (f < bestF) {
        bestF = f;
        best = i;
      }
    }
    if (best < 0) {
      throw new DivergenceError(
        `${this.name}: the training loss is non-finite for all ${end} candidates of generation ${g}`,
        g,
        this.counters.flops + flops,
      );
    }
    if (this.sampler === null) {
      if (bestF < this.counters.incumbentF) this.adopt(xs, best, bestF);
    } else if (this.rescore === null) {
      this.adopt(xs, best, bestF);
    } else if ((g - 1) % this.rescore.every === 0 && m > 0) {
      const left = allowance && {
        flops: allowance.flops - flops,
        evaluations: allowance.evaluations - evaluations,
      };
      const spent = this.rescoreTop(xs, s, end, left);
      flops += spent.flops;
      evaluations += spent.evaluations;
    }
    if (complete) this.finishGeneration(g);
    else this.counters.scored = end;
    this.counters.flops += flops;
    this.counters.evaluations += evaluations;
    return { flops, evaluations };
  }

  /** Candidates from..end−1 improved by the refiner, and what that cost; without one, the rows as asked. */
  private refine(rows: Float32Array, from: number, end: number): { scored: Float32Array; cost: Cost } {
    if (this.refiner === null || end <= from) return { scored: rows, cost: { flops: 0, evaluations: 0 } };
    return this.refiner.refine(rows, from, end);
  }

  /**
   * Re-scores the best of candidates from..end−1 (by their minibatch fitness) on the full training split
   * and adopts any that beats the incumbent; with `left`, only as many as it pays for, the best first.
   */
  private rescoreTop(xs: Float32Array, from: number, end: number, left: Cost | undefined): Cost {
    const dim = this.model.size;
    let r = selectTop(this.fitness, from, end, this.rescoreRows);
    if (left !== undefined) {
      r = Math.min(
        r,
        Math.floor(left.flops / this.fullCandidateFlops),
        Math.floor(left.evaluations / this.train.n),
      );
    }
    if (r <= 0) return { flops: 0, evaluations: 0 };
    const buf = this.rescoreBuf;
    for (let k = 0; k < r; k++) {
      const src = this.rescoreRows[k] * dim;
      for (let d = 0; d < dim; d++) buf[k * dim + d] = xs[src + d];
    }
    this.fullObjective.evaluateBatch(buf, r, this.rescoreOut);
    for (let k = 0; k < r; k++) {
      const f = this.rescoreOut[k];
      if (f < this.counters.incumbentF) this.adopt(buf, k, f);
    }
    return { flops: r * this.fullCandidateFlops, evaluations: r * this.train.n };
  }

  /** Tells the optimizer the scored generation, updates the stagnation count, and starts the next one. */
  private finishGeneration(g: number): void {
    const opt = this.optimizer;
    const n = opt.populationSize;
    const c = this.counters;
    this.lastFitness.set(this.fitness.subarray(0, n));
    c.lastCount = n;
    opt.tell(this.fitness.subarray(0, n));
    opt.ask();
    if (this.stagnation !== null) {
      if (c.incumbentF < c.stagnationReference - this.stagnation.minDelta) {
        c.stagnationReference = c.incumbentF;
        c.stale = 0;
      } else {
        c.stale++;
      }
    }
    c.generation = g;
    c.scored = 0;
    c.minibatchDraw = null;
  }

  private adopt(rows: Float32Array, i: number, f: number): void {
    const dim = this.model.size;
    const src = i * dim;
    const inc = this.incumbent;
    for (let d = 0; d < dim; d++) inc[d] = rows[src + d];
    this.counters.incumbentF = f;
  }

  /** The parameters to evaluate now: a copy of the incumbent (length `model.size`). */
  current(): Float32Array {
    return this.incumbent.slice();
  }

  /**
   * Series for the harness's checkpoints:
   * - `incumbent_loss`: the training objective of `current()` (see {@link currentLoss});
   * - `fitness_quantiles`: min, lower quartile, median, upper quartile and max of the last
   *   generation's finite scores; `nonfinite_candidates`: how many were not finite;
   * - `population_spread`: the mean over weights of the population's standard deviation per weight
   *   (of the candidates the next step will score), a measure of diversity;
   * - and the algorithm's own (PSO: `velocity_rms`).
   */
  diagnostics(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    // JSON cannot carry Infinity: before anything is scored the series is empty.
    const incumbentF = this.counters.incumbentF;
    out.incumbent_loss = Number.isFinite(incumbentF) ? [incumbentF] : [];
    if (this.counters.generation > 0) {
      const last = this.lastFitness.subarray(0, this.counters.lastCount);
      const { quantiles, nonfinite } = fitnessQuantiles(last, this.sortScratch);
      out.fitness_quantiles = quantiles;
      out.nonfinite_candidates = [nonfinite];
    }
    out.population_spread = [
      populationSpread(
        this.optimizer.ask(),
        this.optimizer.populationSize,
        this.model.size,
        this.coordMean,
        this.coordSq,
      ),
    ];
    this.extraDiagnostics?.(out);
    return out;
  }

  /** Everything needed to resume exactly, as plain JSON (see `resumeLearner`). */
  state(): NeuroevolutionState {
    const head = {
      kind: this.name,
      config: this.config,
      initial: this.initial,
      minibatchRng: this.minibatchRng.state(),
      optimizer: this.optimizer.state(),
    };
    return populationState(head, this.counters, this.buffers);
  }

  /** Restores the learner's own counters and buffers from a state (the optimizer is rebuilt by the caller). */
  restoreCounters(s: NeuroevolutionState): void {
    const counters = readCounters(`${this.name}: resume`, s, this.buffers, this.sampler !== null);
    this.counters = counters;
    if (this.sampler && counters.minibatchDraw !== null) {
      // The part-scored generation's minibatch, drawn again from the stream as it was before.
      this.sampler.stream = Rng.fromState(counters.minibatchDraw);
      this.sampler.draw();
    }
    this.minibatchRng = Rng.fromState(s.minibatchRng);
    if (this.sampler) this.sampler.stream = this.minibatchRng;
  }
}

type BatchObjective = ReturnType<typeof modelObjective>;
