import { createOptimizer, type GradientOptimizer, type OptimizerState } from "@arena/backprop";
import { floatsFromJson, floatsToJson, type JsonFloat } from "@arena/float-json";
import { type CandidateRefiner, clampSymmetric, RandomBatchSampler } from "@arena/neuroevolution";
import type { Cost, Model, Samples } from "@arena/nn";
import { Rng, type RngState } from "@arena/rng";
import type { RefinementMode, ResolvedLocalSearch } from "./local-search-config.ts";

/** Plain-JSON state of a {@link GradientRefiner}: its streams, and what a cut generation left pending. */
export interface GradientRefinerState {
  /** The stream minibatches are drawn from (null when every step takes the whole training split). */
  readonly minibatchRng: RngState | null;
  /** Dropout masks (null for a model without dropout). */
  readonly dropoutRng: RngState | null;
  /** Baldwinian: the improved copies of the candidates a cut generation already scored (else empty). */
  readonly copies: JsonFloat[];
  /** Mean minibatch loss at the first and at the last local step of the last refined candidates. */
  readonly lastLoss: JsonFloat[];
}

/** What building a {@link GradientRefiner} takes. */
export interface GradientRefinerOptions {
  local: ResolvedLocalSearch;
  mode: RefinementMode;
  /** Refined weights are clamped into [−bounds, bounds], the box the population search keeps. */
  bounds: number;
  /** The refiner forks "minibatches" and "dropout" from it. */
  rng: Rng;
}

/**
 * A {@link CandidateRefiner} that gives every candidate `k` steps of a gradient optimizer on fresh
 * minibatches, the local search of a memetic algorithm. The optimizer's state (momentum, Adam's moments,
 * the schedule's step) starts afresh for each candidate: moments gathered at another point of weight
 * space would push this one in a direction that is not its own. Lamarckian: the candidate's row is
 * improved in place; Baldwinian: a copy is, in a buffer of the refiner's own.
 *
 * Cost per local step, at the rates `@arena/backprop` charges an update: `model.flops({ batch, steps,
 * backward: true, train })` (forward, backward, loss, penalty, dropout masks) plus the optimizer's
 * `flopsPerStep(model.size)`; `batch` samples forwarded count as evaluations. A step whose loss or
 * gradient is not finite is not applied (its passes are still charged, its update is not), one whose
 * update overflows the weights is undone (charged in full); either ends that candidate's refinement,
 * which leaves it at its last finite weights, so one bad candidate never ends the run. Clamping into the
 * box is comparisons only and, as everywhere in Arena, free.
 *
 * The model's own parameters are the workspace of the steps; they are put back after every call.
 */
export class GradientRefiner implements CandidateRefiner {
  readonly mode: RefinementMode;
  readonly k: number;
  /** Samples per step (the batch size, at most the training split). */
  readonly batch: number;
  /** FLOPs of one step's forward and backward passes, and of its update. */
  readonly passFlops: number;
  readonly updateFlops: number;
  readonly perCandidate: Cost;
  private readonly model: Model;
  private readonly train: Samples;
  private readonly bounds: number;
  private readonly optimizer: GradientOptimizer;
  /** The optimizer as built: what every candidate's steps start from. */
  private readonly fresh: OptimizerState;
  private readonly sampler: RandomBatchSampler | null;
  private dropoutRng: Rng | null;
  /** The model's own parameters, put back after each call. */
  private readonly saved: Float32Array;
  /** The weights before the update in progress, put back if it overflows them. */
  private readonly backup: Float32Array;
  private copies = new Float32Array(0);
  private lastLoss = [Number.NaN, Number.NaN];

  constructor(model: Model, train: Samples, options: GradientRefinerOptions) {
    const steps = model.checkData(train);
    this.model = model;
    this.train = train;
    this.mode = options.mode;
    this.k = options.local.k;
    this.bounds = options.bounds;
    // As backprop clamps its batch size: a batch as large as the split is the split, drawn in no order.
    this.batch = Math.min(options.local.batchSize, train.n);
    this.sampler =
      this.batch < train.n
        ? new RandomBatchSampler(train, this.batch, options.rng.fork("minibatches"))
        : null;
    const dropout = model.spec.dropout > 0;
    this.dropoutRng = dropout ? options.rng.fork("dropout") : null;
    this.optimizer = createOptimizer(options.local.optimizer);
    this.fresh = this.optimizer.state();
    this.passFlops = model.flops({ batch: this.batch, steps, backward: true, train: dropout }).total;
    this.updateFlops = this.optimizer.flopsPerStep(model.size);
    this.perCandidate = {
      flops: this.k * (this.passFlops + this.updateFlops),
      evaluations: this.k * this.batch,
    };
    this.saved = new Float32Array(model.size);
    this.backup = new Float32Array(model.size);
  }

  refine(rows: Float32Array, from: number, end: number): { scored: Float32Array; cost: Cost } {
    const dim = this.model.size;
    const out = this.mode === "lamarckian" ? rows : this.copiesFor(end);
    if (out !== rows) out.set(rows.subarray(from * dim, end * dim), from * dim);
    const params = this.model.params;
    this.saved.set(params);
    const cost: Cost = { flops: 0, evaluations: 0 };
    let first = 0;
    let last = 0;
    let finite = 0;
    try {
      for (let i = from; i < end; i++) {
        const row = out.subarray(i * dim, (i + 1) * dim);
        const r = this.refineOne(row);
        cost.flops += r.passes * this.passFlops + r.updates * this.updateFlops;
        cost.evaluations += r.passes * this.batch;
        if (Number.isFinite(r.first) && Number.isFinite(r.last)) {
          first += r.first;
          last += r.last;
          finite++;
        }
      }
    } finally {
      params.set(this.saved);
    }
    this.lastLoss = finite > 0 ? [first / finite, last / finite] : [Number.NaN, Number.NaN];
    return { scored: out, cost };
  }

  /** `k` steps from `row`, written back into it; the passes and updates done and the first and last losses. */
  private refineOne(row: Float32Array): { passes: number; updates: number; first: number; last: number } {
    const { model, optimizer, backup } = this;
    const params = model.params;
    params.set(row);
    optimizer.loadState(this.fresh);
    let passes = 0;
    let updates = 0;
    let first = Number.NaN;
    let last = Number.NaN;
    for (let t = 0; t < this.k; t++) {
      const data = this.sampler === null ? this.train : this.sampler.draw();
      model.zeroGrads();
      model.forward(data.x, data.n, this.dropoutRng === null ? {} : { rng: this.dropoutRng });
      const loss = model.backward(data.y);
      passes++;
      if (!Number.isFinite(loss) || !model.kernels.allFinite(model.size, model.grads, 0)) break;
      if (t === 0) first = loss;
      last = loss;
      backup.set(params);
      optimizer.step(params, model.grads);
      updates++;
      if (!model.kernels.allFinite(model.size, params, 0)) {
        params.set(backup);
        break;
      }
    }
    clampSymmetric(params, this.bounds);
    row.set(params);
    return { passes, updates, first, last };
  }

  /** The Baldwinian copy buffer, grown (keeping its rows) to hold `rows` candidates. */
  private copiesFor(rows: number): Float32Array {
    const need = rows * this.model.size;
    if (this.copies.length < need) {
      const grown = new Float32Array(need);
      grown.set(this.copies);
      this.copies = grown;
    }
    return this.copies;
  }

  /**
   * `local_loss`: the mean minibatch loss of the last refined candidates at their first and at their
   * last local step (before its update): how much the steps gain on the data they see.
   */
  diagnostics(): Record<string, number[]> {
    return { local_loss: this.lastLoss.every(Number.isFinite) ? [...this.lastLoss] : [] };
  }

  /**
   * Everything needed to resume exactly, as plain JSON. `pending`: the candidates of the population's
   * part-scored generation (0 between generations), whose Baldwinian copies the rest of it still reads.
   */
  state(pending: number): GradientRefinerState {
    const copies = this.mode === "baldwinian" ? this.copies.subarray(0, pending * this.model.size) : [];
    return {
      minibatchRng: this.sampler === null ? null : this.sampler.stream.state(),
      dropoutRng: this.dropoutRng === null ? null : this.dropoutRng.state(),
      copies: floatsToJson(copies),
      lastLoss: floatsToJson(this.lastLoss),
    };
  }

  /** Continues from `state()` of a refiner built with the same options for the same model and data. */
  restore(s: GradientRefinerState): void {
    const owner = "GradientRefiner.restore";
    if ((s.minibatchRng === null) !== (this.sampler === null)) {
      throw new TypeError(
        `${owner}: state.minibatchRng must be ${this.sampler === null ? "null when every step takes the whole split" : "the minibatch stream"}, got ${String(s.minibatchRng)}`,
      );
    }
    if ((s.dropoutRng === null) !== (this.dropoutRng === null)) {
      throw new TypeError(
        `${owner}: state.dropoutRng must be ${this.dropoutRng === null ? "null for a model without dropout" : "the dropout stream"}, got ${String(s.dropoutRng)}`,
      );
    }
    if (this.sampler !== null && s.minibatchRng !== null) this.sampler.stream = Rng.fromState(s.minibatchRng);
    if (s.dropoutRng !== null) this.dropoutRng = Rng.fromState(s.dropoutRng);
    const dim = this.model.size;
    const count = Array.isArray(s.copies) ? s.copies.length : -1;
    if (count < 0 || count % dim !== 0) {
      throw new TypeError(
        `${owner}: state.copies must hold whole rows of ${dim} weights, got ${count} values`,
      );
    }
    floatsFromJson(owner, "copies", s.copies, count, this.copiesFor(count / dim).subarray(0, count));
    this.lastLoss = Array.from(floatsFromJson(owner, "lastLoss", s.lastLoss, 2));
  }
}
