/**
 * One parameter update of minibatch backpropagation, for an MLP or a recurrent net (full or truncated
 * BPTT), with clipping, divergence detection and analytic cost. `train` and `backpropLearner` are both
 * loops around it.
 */
import { type AnyModel, type Cost, DivergenceError, RecurrentNet, type Samples } from "@arena/nn";
import { Rng, type RngState } from "@arena/rng";
import { type BpttChunk, bpttChunks, type ResolvedBptt } from "./bptt-chunks.ts";
import { clipGradNorm, clipGradValue, gradNorm, type ResolvedClip } from "./clipping.ts";
import { MinibatchSampler, type MinibatchSamplerState } from "./minibatch-sampler.ts";
import { decodeFloat64Into, encodeFloat64 } from "./optimizers/float64-base64.ts";
import type { GradientOptimizer, OptimizerState } from "./optimizers/gradient-optimizer.ts";

/** Options of {@link BackpropStepper}. */
export interface StepperOptions {
  optimizer: GradientOptimizer;
  /** Samples (sequences) per minibatch; a value >= n gives full-batch gradient descent. */
  batchSize: number;
  /** Minibatch order (forked as "minibatches") and dropout masks (forked as "dropout"). */
  rng: Rng;
  /** Reshuffle every epoch (default true). */
  shuffle?: boolean;
  clip?: ResolvedClip | null;
  /** Truncated BPTT for recurrent models; null or absent: full BPTT over each sequence. */
  bptt?: ResolvedBptt | null;
}

/** What one update did. */
export interface StepResult {
  /** Loss of the update's minibatch (the chunk's, for chunk updates), including the L1/L2 penalty. */
  loss: number;
  /** L2 norm of the update's gradient before clipping. */
  gradNorm: number;
  /** Analytic FLOPs of the update: forward, backward, clipping, chunk accumulation, optimizer. */
  flops: number;
  /** Samples forwarded by the update; a sequence counts once (at its first chunk). */
  evaluations: number;
  /** Sequences (samples) in the minibatch; 0 when nothing fitted the allowance (nothing was done). */
  batch: number;
}

/**
 * Plain-JSON state of a {@link BackpropStepper} between minibatches: counters, the sampler, the dropout
 * stream and the optimizer. `last` holds the last loss and gradient norm as float64 base64 (they may
 * be NaN, which JSON numbers cannot carry).
 */
export interface StepperState {
  steps: number;
  flops: number;
  evaluations: number;
  last: string;
  sampler: MinibatchSamplerState;
  dropoutRng: RngState | null;
  optimizer: OptimizerState;
}

interface ForwardOpts {
  stepOffset: number;
  totalSteps: number;
  initialState?: "zero" | "carry";
  keep?: number;
  rng?: Rng;
}

/**
 * Minibatch backpropagation, one update per `step()`:
 *
 * - MLP: forward and backward over a minibatch, one update.
 * - Recurrent net, full BPTT (no `bptt`): forward over whole sequences, backward through every step.
 * - Truncated BPTT(k1, k2) (see {@link bpttChunks}): each minibatch of sequences is run in chunks of
 *   k1 steps carrying the hidden state; each chunk backpropagates through its last k2 steps.
 *   With targets at every step and `update: "chunk"` (Williams & Peng's on-line form), each chunk is
 *   one update, so a sequence of T steps takes ⌈T/k1⌉ calls of `step()`. With `update: "sequence"`,
 *   or a target at the last step only, the chunks of a minibatch make one update.
 *
 * Each update checks that the loss and the gradient norm are finite, and after the update that the
 * parameters are (a finite gradient times a huge rate can overflow float32); otherwise it throws nn's
 * `DivergenceError` with the 1-based number of the update and the FLOPs spent including it, and the
 * parameters stay those of the last good step.
 *
 * `model.grads` keeps the update's unclipped gradient (clipping works on a copy), so
 * `model.diagnostics()` after a step shows the raw per-layer norms and ‖∂L/∂h_t‖ through time.
 */
export class BackpropStepper {
  readonly model: AnyModel;
  readonly optimizer: GradientOptimizer;
  readonly sampler: MinibatchSampler;
  /** Steps per sequence (1 for an MLP). */
  readonly sequenceSteps: number;
  /** The chunk plan of one sequence (one chunk for full BPTT; empty for an MLP). */
  readonly chunks: readonly BpttChunk[];
  private readonly net: RecurrentNet | null;
  private readonly clip: ResolvedClip | null;
  private readonly update: "chunk" | "sequence";
  private readonly everyStep: boolean;
  private dropoutRng: Rng | null;
  private readonly fwdOpts: ForwardOpts[];
  private readonly bwdOpts: { lastK: number; totalSteps: number }[];
  private readonly clipBuf: Float32Array | null;
  private readonly acc: Float32Array | null;
  /** The parameters before the update, put back if the update overflows. */
  private readonly backup: Float32Array;
  private readonly flopMemo = new Map<string, number>();
  private chunk = 0;
  private n = 0;
  private stepCount = 0;
  private flopTotal = 0;
  private evalTotal = 0;
  private lastLoss = Number.NaN;
  private lastNorm = Number.NaN;

  constructor(model: AnyModel, data: Samples, options: StepperOptions) {
    const owner = "BackpropStepper";
    this.model = model;
    this.optimizer = options.optimizer;
    this.sequenceSteps = model.checkData(data);
    this.sampler = new MinibatchSampler(
      data,
      options.batchSize,
      options.rng.fork("minibatches"),
      options.shuffle ?? true,
    );
    this.clip = options.clip ?? null;
    const bptt = options.bptt ?? null;
    this.dropoutRng = model.spec.dropout > 0 ? options.rng.fork("dropout") : null;
    this.net = model instanceof RecurrentNet ? model : null;
    if (this.net === null && bptt !== null) {
      throw new RangeError(`${owner}: bptt applies to recurrent models only, the model is an MLP`);
    }
    this.everyStep = this.net !== null && this.net.readout === "every-step";
    this.update = bptt?.update ?? "chunk";
    const T = this.sequenceSteps;
    this.chunks =
      this.net === null ? [] : bptt === null ? bpttChunks(T, T, T) : bpttChunks(T, bptt.k1, bptt.k2);
    this.fwdOpts = this.chunks.map((c) => {
      const o: ForwardOpts = { stepOffset: c.offset, totalSteps: T };
      if (c.offset === 0) o.initialState = "zero";
      else if (c.keep > 0) o.keep = c.keep;
      else o.initialState = "carry";
      if (this.dropoutRng !== null) o.rng = this.dropoutRng;
      return o;
    });
    this.bwdOpts = this.chunks.map((c) => ({ lastK: c.lastK, totalSteps: T }));
    this.backup = new Float32Array(model.size);
    this.clipBuf = this.clip === null ? null : new Float32Array(model.size);
    this.acc =
      this.everyStep && this.update === "sequence" && this.chunks.length > 1
        ? new Float32Array(model.size)
        : null;
  }

  /** Updates done. */
  get steps(): number {
    return this.stepCount;
  }

  /** FLOPs spent so far (sum of the steps' `flops`). */
  get flops(): number {
    return this.flopTotal;
  }

  /** Samples forwarded so far. */
  get evaluations(): number {
    return this.evalTotal;
  }

  /** Epochs of training data seen: completed epochs plus the fraction of the current one. */
  get epoch(): number {
    return this.sampler.epoch + this.sampler.position / this.sampler.n;
  }

  /** Loss of the last update (NaN before the first). */
  get loss(): number {
    return this.lastLoss;
  }

  /** Unclipped gradient norm of the last update (NaN before the first). */
  get gradNorm(): number {
    return this.lastNorm;
  }

  /** Updates per epoch: one per minibatch, or one per chunk with chunk updates. */
  get updatesPerEpoch(): number {
    const batches = Math.ceil(this.sampler.n / this.sampler.batchSize);
    return this.everyStep && this.update === "chunk" ? batches * this.chunks.length : batches;
  }

  /** True between the chunk updates of one minibatch (the next step continues the same sequences). */
  get midSequence(): boolean {
    return this.chunk !== 0;
  }

  /**
   * Where training stands, as plain JSON, for `restore` (see {@link StepperState}). Only between
   * minibatches: in the middle of one (`midSequence`, between the chunk updates of truncated BPTT) the
   * carried hidden state and the kept window live in the model's workspace, which is not saved, so
   * this throws there.
   */
  state(): StepperState {
    if (this.midSequence) {
      throw new Error(
        `BackpropStepper.state: step ${this.stepCount} is chunk ${this.chunk} of ${this.chunks.length} of a minibatch; the carried recurrent state is not saved, so save after the minibatch's last chunk (when midSequence is false)`,
      );
    }
    return {
      steps: this.stepCount,
      flops: this.flopTotal,
      evaluations: this.evalTotal,
      last: encodeFloat64(Float64Array.of(this.lastLoss, this.lastNorm)),
      sampler: this.sampler.state(),
      dropoutRng: this.dropoutRng === null ? null : this.dropoutRng.state(),
      optimizer: this.optimizer.state(),
    };
  }

  /** Continues from `state()` of a stepper with the same model architecture, data and config. */
  restore(state: StepperState): void {
    const owner = "BackpropStepper.restore";
    if (state === null || typeof state !== "object") throw new TypeError(`${owner}: state must be an object`);
    for (const key of ["steps", "flops", "evaluations"] as const) {
      const v = state[key];
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
        throw new RangeError(`${owner}: ${key} must be a finite number >= 0, got ${String(v)}`);
      }
    }
    if ((state.dropoutRng === null) !== (this.dropoutRng === null)) {
      throw new RangeError(
        `${owner}: the state ${state.dropoutRng === null ? "has no" : "has a"} dropout stream, this model ${this.dropoutRng === null ? "has no" : "has"} dropout`,
      );
    }
    const last = new Float64Array(2);
    decodeFloat64Into(owner, "last", state.last, last, "expected");
    this.sampler.restore(state.sampler);
    this.optimizer.loadState(state.optimizer);
    if (state.dropoutRng !== null) {
      const rng = Rng.fromState(state.dropoutRng);
      this.dropoutRng = rng;
      for (const o of this.fwdOpts) o.rng = rng;
    }
    this.stepCount = state.steps;
    this.flopTotal = state.flops;
    this.evalTotal = state.evaluations;
    this.lastLoss = last[0];
    this.lastNorm = last[1];
    this.chunk = 0;
  }

  /**
   * One parameter update. Throws `DivergenceError` on a non-finite loss or gradient.
   *
   * With `allowance` (what is left of a budget), the update costs at most that in FLOPs and samples: a
   * minibatch that does not fit is cut to the samples the allowance pays for, found before any work from
   * the analytic cost (clipping counted as if it rescaled, the optimizer's update included). When not one
   * sample fits (or, between the chunk updates of a minibatch, the chunk, whose batch the carried state
   * fixes, does not fit) nothing is done and the result has `batch` 0 and no cost. While the allowance is
   * not binding the update is exactly the one without it.
   */
  step(allowance?: Cost): StepResult {
    const net = this.net;
    let flops = 0;
    let evaluations = 0;
    if (this.chunk === 0) {
      let take = this.sampler.nextCount;
      if (allowance !== undefined) {
        take = this.batchWithin(take, allowance);
        if (take === 0) return nothingDone();
      }
      this.n = this.sampler.next(take);
      evaluations = this.n;
    } else if (allowance !== undefined && this.maxFlops(this.n) > allowance.flops) {
      return nothingDone();
    }
    const n = this.n;
    const x = this.sampler.x;
    const y = this.sampler.y;
    const model = this.model;
    let loss: number;
    if (net === null) {
      model.zeroGrads();
      model.forward(x, n, this.dropoutRng === null ? {} : { rng: this.dropoutRng });
      loss = model.backward(y);
      flops += this.passFlops(n, 1, 1, true);
    } else if (this.everyStep && this.update === "chunk") {
      const c = this.chunk;
      const ch = this.chunks[c];
      net.zeroGrads();
      net.forwardSequence(x, n, ch.steps, this.fwdOpts[c]);
      loss = net.backwardSequence(y, this.bwdOpts[c]);
      flops += this.passFlops(n, ch.steps, ch.lastK, true);
      this.chunk = c + 1 === this.chunks.length ? 0 : c + 1;
    } else if (this.everyStep && this.acc !== null) {
      // One update from all chunks: Σ_c (steps_c / T)·∇L_c, the gradient of the mean over the sequence.
      const acc = this.acc;
      acc.fill(0);
      loss = 0;
      const T = this.sequenceSteps;
      for (let c = 0; c < this.chunks.length; c++) {
        const ch = this.chunks[c];
        net.zeroGrads();
        net.forwardSequence(x, n, ch.steps, this.fwdOpts[c]);
        const l = net.backwardSequence(y, this.bwdOpts[c]);
        flops += this.passFlops(n, ch.steps, ch.lastK, true);
        const g = net.grads;
        this.checkFinite(l, gradNorm(g), flops, `chunk ${c + 1} of ${this.chunks.length}`);
        if (this.clip !== null && this.clip.per === "chunk") flops += this.applyClip(g);
        const w = ch.steps / T;
        for (let i = 0; i < acc.length; i++) acc[i] += w * g[i];
        flops += 2 * acc.length;
        loss += w * l;
      }
      net.grads.set(acc);
    } else {
      // Target at the last step (or a single chunk): forward the chunks, backpropagate the last window.
      net.zeroGrads();
      const last = this.chunks.length - 1;
      for (let c = 0; c < last; c++) {
        const ch = this.chunks[c];
        net.forwardSequence(x, n, ch.steps, this.fwdOpts[c]);
        flops += this.passFlops(n, ch.steps, 0, false);
      }
      const ch = this.chunks[last];
      net.forwardSequence(x, n, ch.steps, this.fwdOpts[last]);
      loss = net.backwardSequence(y, this.bwdOpts[last]);
      flops += this.passFlops(n, ch.steps, ch.lastK, true);
    }
    const grads = model.grads;
    const norm = gradNorm(grads);
    this.checkFinite(loss, norm, flops, "");
    let g = grads;
    if (this.clip !== null && this.clipBuf !== null && !(this.acc !== null && this.clip.per === "chunk")) {
      this.clipBuf.set(grads);
      g = this.clipBuf;
      flops += this.applyClip(g);
    }
    const params = model.params;
    this.backup.set(params);
    this.optimizer.step(params, g);
    flops += this.optimizer.flopsPerStep(model.size);
    // A finite gradient can still overflow float32 parameters (a huge rate): undo and report it.
    let probe = 0;
    for (let i = 0; i < params.length; i++) probe += params[i] * 0;
    if (probe !== 0) {
      params.set(this.backup);
      throw new DivergenceError(
        `backprop: the update overflowed the parameters at step ${this.stepCount + 1} (gradient norm ${norm})`,
        this.stepCount + 1,
        this.flopTotal + flops,
      );
    }
    this.stepCount++;
    this.flopTotal += flops;
    this.evalTotal += evaluations;
    this.lastLoss = loss;
    this.lastNorm = norm;
    return { loss, gradNorm: norm, flops, evaluations, batch: n };
  }

  /**
   * The largest batch of at most `full` samples whose update fits `allowance` (0 when not one sample
   * does). The cost grows with the batch, so a bisection over the analytic count finds it.
   */
  private batchWithin(full: number, allowance: Cost): number {
    const flops = allowance.flops;
    let hi = Math.min(full, Math.floor(allowance.evaluations));
    if (!(hi >= 1)) return 0;
    if (this.maxFlops(hi) <= flops) return hi;
    // maxFlops(lo) fits (lo = 0: nothing, vacuously), maxFlops(hi) does not.
    let lo = 0;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.maxFlops(mid) <= flops) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The most the next update can cost with a batch of n: `step()`'s own count, with clipping by norm
   * taken as rescaling (whether it does depends on the gradient, unknown before the pass).
   */
  private maxFlops(n: number): number {
    const size = this.model.size;
    const clip = this.clip;
    const clipMax =
      clip === null
        ? 0
        : (clip.value === undefined ? 0 : 2 * size) + (clip.norm === undefined ? 0 : 3 * size);
    let f = 0;
    if (this.net === null) {
      f = this.passFlops(n, 1, 1, true) + clipMax;
    } else if (this.everyStep && this.update === "chunk") {
      const ch = this.chunks[this.chunk];
      f = this.passFlops(n, ch.steps, ch.lastK, true) + clipMax;
    } else if (this.everyStep && this.acc !== null) {
      const perChunk = clip !== null && clip.per === "chunk";
      for (const ch of this.chunks) {
        f += this.passFlops(n, ch.steps, ch.lastK, true) + 2 * size + (perChunk ? clipMax : 0);
      }
      if (!perChunk) f += clipMax;
    } else {
      const last = this.chunks.length - 1;
      for (let c = 0; c < last; c++) f += this.passFlops(n, this.chunks[c].steps, 0, false);
      f += this.passFlops(n, this.chunks[last].steps, this.chunks[last].lastK, true) + clipMax;
    }
    return f + this.optimizer.flopsPerStep(size);
  }

  /** Clips `g` in place as configured; returns the FLOPs (2 per entry per norm computed, 1 per entry rescaled). */
  private applyClip(g: Float32Array): number {
    const clip = this.clip;
    if (clip === null) return 0;
    let f = 0;
    if (clip.value !== undefined) {
      clipGradValue(g, clip.value);
      f += 2 * g.length;
    }
    if (clip.norm !== undefined) {
      const before = clipGradNorm(g, clip.norm);
      f += 2 * g.length + (before > clip.norm ? g.length : 0);
    }
    return f;
  }

  private checkFinite(loss: number, norm: number, flops: number, where: string): void {
    if (Number.isFinite(loss) && Number.isFinite(norm)) return;
    const what = Number.isFinite(loss) ? `gradient norm is ${norm}` : `loss is ${loss}`;
    throw new DivergenceError(
      `backprop: ${what} at step ${this.stepCount + 1}${where ? ` (${where})` : ""}`,
      this.stepCount + 1,
      this.flopTotal + flops,
    );
  }

  /**
   * Analytic FLOPs of one forward pass over `steps` steps of n sequences and, with `backward`, the
   * backward pass through the last `lastK` steps. nn's `flops` caps lastK at `steps`; a truncated-BPTT
   * window can be longer (kept steps + new steps), so the recurrent layers' backward is taken from a
   * count over `lastK` steps, the readout's from the chunk's own steps.
   */
  private passFlops(n: number, steps: number, lastK: number, backward: boolean): number {
    const key = `${n}:${steps}:${lastK}:${backward ? 1 : 0}`;
    const hit = this.flopMemo.get(key);
    if (hit !== undefined) return hit;
    const train = this.dropoutRng !== null;
    const model = this.model;
    let total: number;
    if (this.net === null) {
      total = model.flops({ batch: n, backward, train }).total;
    } else {
      const f = this.net.flops({
        batch: n,
        steps,
        backward,
        ...(backward ? { lastK: Math.min(lastK, steps) } : {}),
        train,
      });
      total = f.total;
      if (backward && lastK > steps) {
        const g = this.net.flops({ batch: n, steps: lastK, backward: true, lastK, train });
        for (let l = 0; l < this.net.cells.length; l++) {
          const a = g.layers[l].backward;
          const b = f.layers[l].backward;
          total += a.matmul + a.bias + a.elementwise - (b.matmul + b.bias + b.elementwise);
        }
      }
    }
    this.flopMemo.set(key, total);
    return total;
  }
}

/** The result of a step that did nothing (not one sample fitted the allowance). */
function nothingDone(): StepResult {
  return { loss: Number.NaN, gradNorm: Number.NaN, flops: 0, evaluations: 0, batch: 0 };
}
