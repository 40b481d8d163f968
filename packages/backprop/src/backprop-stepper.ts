/**
 * One parameter update of minibatch backpropagation, for an MLP or a recurrent net (full or truncated
 * BPTT), with clipping, divergence detection and analytic cost. `train` and `backpropLearner` are both
 * loops around it.
 */
import { type AnyModel, type Cost, RecurrentNet, type Samples } from "@arena/nn";
import { Rng, toRng } from "@arena/rng";
import { backendArray } from "./backend-array.ts";
import { type BpttChunk, bpttChunks, type ResolvedBptt } from "./bptt-chunks.ts";
import { clipInPlace, gradNorm, type ResolvedClip } from "./clipping.ts";
import { EpochSampler } from "./epoch-sampler.ts";
import { FeedbackGradient } from "./gradient-estimator.ts";
import type { GradientOptimizer } from "./optimizers/gradient-optimizer.ts";
import { checkFinite, ParameterUpdate } from "./parameter-update.ts";
import { nothingDone, type StepperOptions, type StepResult } from "./stepper-options.ts";
import { encodeLast, readStepperState, type StepperState } from "./stepper-state.ts";
import { UpdateFlops, type UpdateMode } from "./update-flops.ts";

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
 *
 * With `gradient: "feedback-alignment"` or `"direct-feedback-alignment"` (MLPs) the gradient of each
 * update is that estimate (see `FeedbackGradient`), charged with its own analytic FLOPs.
 */
export class BackpropStepper {
  readonly model: AnyModel;
  readonly optimizer: GradientOptimizer;
  readonly sampler: EpochSampler;
  /** Steps per sequence (1 for an MLP). */
  readonly sequenceSteps: number;
  /** The chunk plan of one sequence (one chunk for full BPTT; empty for an MLP). */
  readonly chunks: readonly BpttChunk[];
  private readonly net: RecurrentNet | null;
  private readonly feedback: FeedbackGradient | null;
  private readonly clip: ResolvedClip | null;
  private readonly mode: UpdateMode;
  private readonly cost: UpdateFlops;
  private dropoutRng: Rng | null;
  private readonly fwdOpts: ForwardOpts[];
  private readonly bwdOpts: { lastK: number; totalSteps: number }[];
  private readonly acc: Float32Array | null;
  /** From gradient to parameters: checks, clipping, the optimizer, the undo of a failed step. */
  private readonly updater: ParameterUpdate;
  private chunk = 0;
  /** FLOPs of the update in progress. */
  private stepFlops = 0;
  private n = 0;
  private stepCount = 0;
  private flopTotal = 0;
  private evalTotal = 0;
  private lastLoss = Number.NaN;
  private lastNorm = Number.NaN;
  /** True when the model's pending pass and `backup` belong to the last update (for `diagnostics`). */
  private passKept = false;

  constructor(model: AnyModel, data: Samples, options: StepperOptions) {
    const owner = "BackpropStepper";
    this.model = model;
    this.optimizer = options.optimizer;
    // The optimizer's own kernel on the model's backend, if both have one (the same bits either way).
    this.optimizer.useKernels?.(model.kernels);
    this.sequenceSteps = model.checkData(data);
    this.sampler = new EpochSampler(
      data,
      options.batchSize,
      toRng(options.rng, owner).fork("minibatches"),
      options.shuffle ?? true,
      // In the backend's memory, so the products read the batch where it is instead of a copy.
      (n) => backendArray(this, model.kernels, n),
    );
    this.clip = options.clip ?? null;
    const bptt = options.bptt ?? null;
    this.dropoutRng = model.spec.dropout > 0 ? toRng(options.rng, owner).fork("dropout") : null;
    this.net = model instanceof RecurrentNet ? model : null;
    this.feedback = FeedbackGradient.create(model, options.gradient, toRng(options.rng, owner), owner);
    if (this.net === null && bptt !== null) {
      throw new RangeError(`${owner}: bptt applies to recurrent models only, the model is an MLP`);
    }
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
    this.mode = updateMode(this.net, bptt, this.chunks.length);
    this.acc = this.mode === "accumulate" ? new Float32Array(model.size) : null;
    const clippedPerChunk = this.acc !== null && this.clip?.per === "chunk";
    this.updater = new ParameterUpdate(model, this.optimizer, this.clip, !clippedPerChunk);
    this.cost = new UpdateFlops({
      model,
      net: this.net,
      optimizer: this.optimizer,
      clip: this.clip,
      chunks: this.chunks,
      mode: this.mode,
      train: this.dropoutRng !== null,
      feedback: this.feedback?.kind ?? null,
    });
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
    return this.mode === "chunk" ? batches * this.chunks.length : batches;
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
      last: encodeLast(this.lastLoss, this.lastNorm),
      sampler: this.sampler.state(),
      dropoutRng: this.dropoutRng === null ? null : this.dropoutRng.state(),
      optimizer: this.optimizer.state(),
      // Only with feedback, so that a backprop state is what it always was.
      ...(this.feedback === null ? {} : { feedback: this.feedback.state() }),
    };
  }

  /** Continues from `state()` of a stepper with the same model architecture, data and config. */
  restore(state: StepperState): void {
    const last = readStepperState(state, this.dropoutRng !== null, this.feedback !== null);
    this.feedback?.restore(state.feedback);
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
    this.lastLoss = last.loss;
    this.lastNorm = last.gradNorm;
    this.chunk = 0;
    this.passKept = false;
  }

  /**
   * nn's diagnostics of the last update (`model.diagnostics()`) and, with a feedback-alignment
   * gradient, `alignment_angle`: per dense layer (first to last), the angle in degrees between the
   * estimate the update used and the exact backprop gradient of the same minibatch at the same
   * parameters (0 at the output layer, whose gradient is exact). Measurement, not training: it costs
   * one backward pass over scratch buffers, is never charged to the budget, and leaves the run exactly
   * as it would be without it. Absent until this stepper has made an update (e.g. right after `restore`).
   */
  diagnostics(): Record<string, number[]> {
    const d = this.model.diagnostics();
    if (this.feedback !== null && this.passKept)
      d.alignment_angle = this.feedback.angles(this.updater.backup);
    return d;
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
    let evaluations = 0;
    if (this.chunk === 0) {
      let take = this.sampler.nextCount;
      if (allowance !== undefined) {
        take = this.cost.batchWithin(take, allowance, 0);
        if (take === 0) return nothingDone();
      }
      this.n = this.sampler.next(take);
      evaluations = this.n;
    } else if (allowance !== undefined && this.cost.maxFlops(this.n, this.chunk) > allowance.flops) {
      return nothingDone();
    }
    this.stepFlops = 0;
    this.passKept = false;
    const loss = this.gradient(this.n);
    const norm = this.updater.apply(loss, this.stepCount + 1, this.flopTotal + this.stepFlops);
    this.stepFlops += this.updater.flops;
    this.passKept = true;
    const flops = this.stepFlops;
    this.stepCount++;
    this.flopTotal += flops;
    this.evalTotal += evaluations;
    this.lastLoss = loss;
    this.lastNorm = norm;
    return { loss, gradNorm: norm, flops, evaluations, batch: this.n };
  }

  /** Puts the gradient of the current minibatch (n sequences) in `model.grads`; returns its loss. */
  private gradient(n: number): number {
    const x = this.sampler.x;
    const y = this.sampler.y;
    const net = this.net;
    if (net === null) {
      const model = this.model;
      model.zeroGrads();
      model.forward(x, n, this.dropoutRng === null ? {} : { rng: this.dropoutRng });
      this.stepFlops += this.cost.pass(n, 1, 1, true);
      return this.feedback === null ? model.backward(y) : this.feedback.backward(y);
    }
    if (this.mode === "chunk") {
      const c = this.chunk;
      const ch = this.chunks[c];
      net.zeroGrads();
      net.forwardSequence(x, n, ch.steps, this.fwdOpts[c]);
      this.stepFlops += this.cost.pass(n, ch.steps, ch.lastK, true);
      this.chunk = c + 1 === this.chunks.length ? 0 : c + 1;
      return net.backwardSequence(y, this.bwdOpts[c]);
    }
    if (this.mode === "accumulate") return this.accumulatedGradient(net, n);
    // Target at the last step (or a single chunk): forward the chunks, backpropagate the last window.
    net.zeroGrads();
    const last = this.chunks.length - 1;
    for (let c = 0; c < last; c++) {
      const ch = this.chunks[c];
      net.forwardSequence(x, n, ch.steps, this.fwdOpts[c]);
      this.stepFlops += this.cost.pass(n, ch.steps, 0, false);
    }
    const ch = this.chunks[last];
    net.forwardSequence(x, n, ch.steps, this.fwdOpts[last]);
    this.stepFlops += this.cost.pass(n, ch.steps, ch.lastK, true);
    return net.backwardSequence(y, this.bwdOpts[last]);
  }

  /** One gradient from all chunks: Σ_c (steps_c / T)·∇L_c, the gradient of the mean over the sequence. */
  private accumulatedGradient(net: RecurrentNet, n: number): number {
    const acc = this.acc as Float32Array;
    acc.fill(0);
    let loss = 0;
    const T = this.sequenceSteps;
    for (let c = 0; c < this.chunks.length; c++) {
      const ch = this.chunks[c];
      net.zeroGrads();
      net.forwardSequence(this.sampler.x, n, ch.steps, this.fwdOpts[c]);
      const l = net.backwardSequence(this.sampler.y, this.bwdOpts[c]);
      this.stepFlops += this.cost.pass(n, ch.steps, ch.lastK, true);
      const g = net.grads;
      this.checkFinite(l, gradNorm(g), `chunk ${c + 1} of ${this.chunks.length}`);
      if (this.clip !== null && this.clip.per === "chunk") this.stepFlops += clipInPlace(g, this.clip);
      const w = ch.steps / T;
      for (let i = 0; i < acc.length; i++) acc[i] += w * g[i];
      this.stepFlops += 2 * acc.length;
      loss += w * l;
    }
    net.grads.set(acc);
    return loss;
  }

  private checkFinite(loss: number, norm: number, where: string): void {
    checkFinite(loss, norm, where, this.stepCount + 1, this.flopTotal + this.stepFlops);
  }
}

/** How a stepper turns a minibatch into updates (see `UpdateMode`). */
function updateMode(net: RecurrentNet | null, bptt: ResolvedBptt | null, chunks: number): UpdateMode {
  if (net === null) return "mlp";
  if (net.readout !== "every-step") return "last-window";
  const update = bptt?.update ?? "chunk";
  if (update === "chunk") return "chunk";
  return chunks > 1 ? "accumulate" : "last-window";
}
