import { parseOptions } from "@arena/options";
import { type RngLike, toRng } from "@arena/rng";
import { getKernels } from "@arena/tensor";
import type { DenseStack } from "../dense.ts";
import type { FlopCount, FlopOptions } from "../flops.ts";
import { initWeights } from "../init.ts";
import type { EvalAccumulator, ForwardOptions, Samples } from "../model.ts";
import { ModelBase } from "../model-base.ts";
import { type ModelOptions, modelOptions } from "../model-options.ts";
import { penaltyGradient } from "../regularization.ts";
import { type RecurrentSpec, type ResolvedRecurrentSpec, recurrentSpec } from "../spec.ts";
import { backwardWindow, forwardWindow } from "./bptt.ts";
import { recurrentNetFlops } from "./flops.ts";
import { type SequenceNet, wireRecurrentNet } from "./net-wiring.ts";
import { NetWorkspace } from "./net-workspace.ts";
import { sequenceLossBatch } from "./population-loss.ts";
import { forwardRangeLoss } from "./range-loss.ts";
import type { RecurrentLayer } from "./recurrent-layer.ts";
import type { SequenceBackwardOptions, SequenceForwardOptions } from "./sequence-options.ts";
import { copyFinalState, type RecurrentState } from "./state.ts";
import { windowOutputs } from "./time-major.ts";
import {
  checkBackwardOptions,
  checkForwardChunk,
  checkInt,
  checkSequenceSamples,
  chunkTargets,
  rowsPerSample,
} from "./validation.ts";

/**
 * A recurrent network over one flat parameter vector: stacked recurrent layers (Elman RNN, LSTM or
 * GRU) and a dense readout, trained by backpropagation through time, full or truncated.
 *
 * Data layout: x is n × steps × input (time-major inside each sample), y is n × output for readout
 * "last" and n × steps × output for "every-step". Inside, everything is time-major: the chunk's
 * inputs are gathered once, each layer's input projection is one gemm over all steps, and each step
 * adds one gemm for the recurrent part.
 *
 * This class holds the wiring and the public methods; the work is in free functions over its
 * `SequenceNet` record (`net-wiring.ts`): BPTT in `bptt.ts`, `lossBatch` in `population-loss.ts`,
 * FLOPs in `flops.ts`, argument checks in `validation.ts`.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { RecurrentNet } from "@arena/nn";
 * const net = new RecurrentNet({ kind: "lstm", input: 1, hidden: 8, output: 1, readout: "last" }, new Rng(1));
 * const x = new Float32Array(4 * 10).map((_, i) => Math.sin(i / 3)); // 4 sequences × 10 steps
 * const y = new Float32Array([0.1, 0.2, 0.3, 0.4]);
 * net.zeroGrads();
 * net.forwardSequence(x, 4, 10);
 * console.log(net.backwardSequence(y), net.hiddenGradNorms()[0].length); // loss, 10 steps
 * ```
 */
export class RecurrentNet extends ModelBase {
  override readonly spec: ResolvedRecurrentSpec;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly cells: readonly RecurrentLayer[];
  readonly head: DenseStack;
  readonly readout: "last" | "every-step";
  private readonly net: SequenceNet;
  private readonly trainWs: NetWorkspace;
  private readonly evalWs: NetWorkspace;

  constructor(spec: RecurrentSpec, rng: RngLike | null, opts: ModelOptions = {}) {
    const o = parseOptions("RecurrentNet", modelOptions, opts);
    const s = parseOptions("RecurrentNet", recurrentSpec, spec);
    const kernels = o.kernels ?? getKernels();
    const { layout, net } = wireRecurrentNet(s, kernels);
    super(s, kernels, layout, s.loss, s.outputActivation);
    this.spec = s;
    this.net = net;
    this.cells = net.cells;
    this.inputSize = s.input;
    this.outputSize = s.output;
    this.readout = s.readout;
    this.head = net.head;
    // Dropout between stacked layers needs its buffers in the training workspace only.
    const inter = s.dropout > 0;
    this.trainWs = new NetWorkspace(net.cells, net.head, s.input, s.output, this.memory, inter);
    this.evalWs = new NetWorkspace(net.cells, net.head, s.input, s.output, this.memory, false);
    if (o.maxBatch !== undefined) {
      this.trainWs.ensure(o.maxBatch, 1);
      this.evalWs.ensure(o.maxBatch, 1);
    }
    if (rng !== null) this.initialize(rng);
  }

  /** Draws initial parameters into `target`: each recurrent layer bottom-up (W, U, biases), then the readout. */
  initialize(rng: RngLike, target: Float32Array = this.params): Float32Array {
    rng = toRng(rng, "RecurrentNet.initialize");
    this.memory.check("initialize");
    this.checkParamVector("initialize", target);
    for (const c of this.cells) c.initialize(rng, target, this.spec.init, this.spec.recurrentInit);
    for (const d of this.head.layers) {
      initWeights(this.spec.init, rng, target, d.wOff, d.inSize * d.outSize, d.inSize, d.outSize);
      target.fill(0, d.bOff, d.bOff + d.outSize);
    }
    return target;
  }

  /**
   * Forward over a chunk of `steps` steps of n sequences; keeps what backward needs. Returns the
   * outputs: n × output for readout "last", n × steps × output for "every-step" (a view, valid until
   * the next forward). `x` is read during this call only.
   */
  forwardSequence(
    x: Float32Array,
    n: number,
    steps: number,
    opts: SequenceForwardOptions = {},
  ): Float32Array {
    const ws = this.trainWs;
    const c = checkForwardChunk(this.net, ws, this.memory, x, n, steps, opts);
    const p = this.params;
    forwardWindow(
      this.net,
      ws,
      p,
      0,
      x,
      0,
      c.totalSteps,
      c.stepOffset,
      n,
      steps,
      c.keep,
      c.init,
      opts.rng ?? null,
    );
    ws.stepOffset = c.stepOffset;
    return this.outputs(ws);
  }

  /**
   * Backpropagation through time for the last forwardSequence against targets y (n × output for
   * "last"; n × totalSteps × output for "every-step", the chunk at stepOffset). Accumulates into
   * `grads`, records ‖∂L/∂h_t‖ per step, returns the loss (mean over the chunk's predictions, plus penalty).
   */
  backwardSequence(y: Float32Array, opts: SequenceBackwardOptions = {}): number {
    this.memory.check("backwardSequence");
    const ws = this.trainWs;
    const K = checkBackwardOptions(ws, opts);
    const targets = chunkTargets(this.net, ws, y, opts);
    const loss = backwardWindow(this.net, ws, this.params, this.grads, targets, K);
    penaltyGradient(this.kernels, this.params, 0, this.grads, this.ranges, this.l2, this.l1);
    return loss + this.penalty();
  }

  /** Forward over whole sequences from a zero state: steps = x.length / (n · input). */
  forward(x: Float32Array, n: number, opts: ForwardOptions = {}): Float32Array {
    checkInt("RecurrentNet.forward", "n", n, 1);
    for (const key in opts)
      if (key !== "rng") throw new RangeError(`RecurrentNet.forward: unknown option "${key}"; expected rng`);
    const steps = x.length / (n * this.inputSize);
    if (!Number.isInteger(steps) || steps < 1) {
      throw new RangeError(
        `RecurrentNet.forward: x has ${x.length} entries, not a whole number of steps for ${n} sequences × ${this.inputSize} features`,
      );
    }
    return this.forwardSequence(x, n, steps, opts.rng === undefined ? {} : { rng: opts.rng });
  }

  /** Backward over every stored step (see backwardSequence). */
  backward(y: Float32Array): number {
    return this.backwardSequence(y);
  }

  /** The final state of the last forwardSequence (copies): per layer h, and c for LSTM. */
  state(): RecurrentState {
    const ws = this.trainWs;
    if (!ws.valid) throw new Error("RecurrentNet.state: no forward pass yet");
    return copyFinalState(this.cells, ws, this.spec.kind === "lstm");
  }

  /**
   * ‖∂L/∂h_t‖ (Frobenius norm over the batch) for every step of the last backward pass, per recurrent
   * layer, oldest step first: how the gradient vanishes or explodes going back in time.
   */
  hiddenGradNorms(): number[][] {
    return this.trainWs.layers.map((lw) => Array.from(lw.norms.subarray(0, lw.normCount)));
  }

  /** Per-layer gradient norms (`grad_norm/<layer>`) and ∂L/∂h_t norms through time (`dh_norm/<layer>`). */
  override diagnostics(): Record<string, number[]> {
    const out = super.diagnostics();
    const norms = this.hiddenGradNorms();
    this.cells.forEach((c, l) => {
      out[`dh_norm/${c.name}`] = norms[l];
    });
    return out;
  }

  /** Outputs in inference mode (zero initial state), copied into `out` in the data's layout. */
  predict(x: Float32Array, n: number, out?: Float32Array): Float32Array {
    this.memory.check("predict");
    checkInt("RecurrentNet.predict", "n", n, 1);
    const steps = x.length / (n * this.inputSize);
    if (!Number.isInteger(steps) || steps < 1) {
      throw new RangeError(
        `RecurrentNet.predict: x has ${x.length} entries, not a whole number of steps for ${n} sequences × ${this.inputSize} features`,
      );
    }
    const ws = this.evalWs;
    forwardWindow(this.net, ws, this.params, 0, x, 0, steps, 0, n, steps, 0, "zero", null);
    const res = this.outputs(ws);
    const target = out ?? new Float32Array(res.length);
    if (target.length < res.length)
      throw new RangeError(`RecurrentNet.predict: out has ${target.length} entries, need ${res.length}`);
    target.set(res);
    return target;
  }

  /**
   * The objective (mean data loss + penalty) of `count` parameter vectors (rows of `population`) on
   * the same sequences, into `out`; see `sequenceLossBatch`
   * (`population-loss.ts`).
   */
  lossBatch(population: Float32Array, count: number, data: Samples, out: Float64Array): void {
    this.memory.check("lossBatch");
    this.checkPopulation("lossBatch", population, count, out);
    const steps = this.checkSamples("lossBatch", data);
    sequenceLossBatch(this.net, this.evalWs, this, population, count, data, steps, out);
  }

  /** Analytic FLOPs of a pass; see `recurrentNetFlops` in `recurrent/flops.ts`. */
  flops(opts: FlopOptions): FlopCount {
    return recurrentNetFlops(this.net, opts, this.penaltyFlopCount());
  }

  protected checkSamples(fn: string, data: Samples): number {
    return checkSequenceSamples(fn, this.net, data);
  }

  protected rowsPerSample(steps: number): number {
    return rowsPerSample(this.net, steps);
  }

  protected evalRange(
    p: Float32Array,
    base: number,
    data: Samples,
    steps: number,
    start: number,
    count: number,
    acc: EvalAccumulator,
    metrics: boolean,
  ): void {
    const ws = this.evalWs;
    acc.lossSum += forwardRangeLoss(this.net, ws, p, base, data, steps, start, count);
    if (!metrics) return;
    const pred = ws.head.a[this.head.layers.length - 1];
    if (this.readout === "every-step") this.accumulateMetrics(acc, pred, 0, ws.yT, 0, count * steps);
    else this.accumulateMetrics(acc, pred, 0, data.y, start * this.outputSize, count);
  }

  /** The readout's outputs in the data's layout (sample-major), as a view. */
  private outputs(ws: NetWorkspace): Float32Array {
    return windowOutputs(ws, ws.head.a[this.head.layers.length - 1], this.outputSize, this.readout);
  }
}
