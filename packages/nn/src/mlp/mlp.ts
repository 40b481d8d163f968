import { parseOptions } from "@arena/options";
import { type RngLike, toRng } from "@arena/rng";
import { getKernels, shapeSize } from "@arena/tensor";
import { type DenseLayerDef, DenseStack, DenseWorkspace } from "../dense.ts";
import type { FlopCount } from "../flops.ts";
import { initWeights } from "../init.ts";
import { LayoutBuilder } from "../layout.ts";
import { lossDenominator, outputLoss } from "../losses.ts";
import type { EvalAccumulator, ForwardOptions, Samples } from "../model.ts";
import { ModelBase } from "../model-base.ts";
import { type ModelOptions, modelOptions } from "../model-options.ts";
import { penaltyGradient } from "../regularization.ts";
import { type MlpSpec, mlpSpec, type ResolvedMlpSpec } from "../spec.ts";
import {
  checkFeedbackKind,
  drawFeedback,
  type FeedbackKind,
  feedbackBackward,
  feedbackLayout,
  gradientAngles,
  type MlpFeedback,
} from "./feedback-alignment.ts";
import { type MlpFlopOptions, mlpFlops } from "./flops.ts";
import { MlpPopulationLoss } from "./population-loss.ts";

/**
 * A multilayer perceptron over one flat parameter vector: dense layers with a hidden activation and an
 * output activation fused with its loss. Layer l has W_l (in × out) and b_l (out), in order.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { Mlp } from "@arena/nn";
 * const net = new Mlp({ kind: "mlp", layers: [2, 4, 1], activation: "tanh", output: "sigmoid" }, new Rng(1));
 * const x = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]);
 * const y = new Float32Array([0, 1, 1, 0]);
 * for (let i = 0; i < 2000; i++) {
 *   net.zeroGrads();
 *   net.forward(x, 4);
 *   const loss = net.backward(y);
 *   for (let j = 0; j < net.size; j++) net.params[j] -= 0.5 * net.grads[j];
 *   if (i % 500 === 0) console.log(i, loss.toFixed(4));
 * }
 * ```
 */
export class Mlp extends ModelBase {
  override readonly spec: ResolvedMlpSpec;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly stack: DenseStack;
  private readonly trainWs: DenseWorkspace;
  private readonly evalWs: DenseWorkspace;
  /** Rows of the pending training forward pass (−1: none). */
  private pending = -1;
  private outView: Float32Array = new Float32Array(0);
  /** Rows whose output error `ws.dOut` holds (set by a backward pass, cleared by forward; −1: none). */
  private errorRows = -1;
  /** Feedback matrices drawn by this model (only those fit its layout). */
  private readonly feedbacks = new WeakSet<MlpFeedback>();
  /** Scratch for the exact gradient of `alignmentAngles` (allocated on first use). */
  private exactGrads: Float32Array | null = null;
  private readonly population: MlpPopulationLoss;

  /**
   * @param spec an MLP spec (validated here)
   * @param rng initialises the weights; pass null to leave them at 0 (e.g. before `setParams`)
   */
  constructor(spec: MlpSpec, rng: RngLike | null, opts: ModelOptions = {}) {
    const o = parseOptions("Mlp", modelOptions, opts);
    const s = parseOptions("Mlp", mlpSpec, spec);
    const layout = new LayoutBuilder();
    const defs: DenseLayerDef[] = [];
    const L = s.layers.length - 1;
    for (let l = 0; l < L; l++) {
      const inSize = s.layers[l];
      const outSize = s.layers[l + 1];
      layout.layer(`dense${l}`, "dense");
      const wOff = layout.tensor("W", [inSize, outSize], true);
      const bOff = layout.tensor("b", [outSize], false);
      defs.push({
        name: `dense${l}`,
        inSize,
        outSize,
        activation: l === L - 1 ? s.output : s.activation,
        wOff,
        bOff,
      });
    }
    super(s, o.kernels ?? getKernels(), layout, s.loss, s.output);
    this.spec = s;
    this.inputSize = s.layers[0];
    this.outputSize = s.layers[L];
    this.stack = new DenseStack(this.kernels, defs, s.dropout, false);
    this.trainWs = new DenseWorkspace(this.stack, this.memory);
    this.evalWs = new DenseWorkspace(this.stack, this.memory);
    this.population = new MlpPopulationLoss(
      this.kernels,
      this.stack,
      this.memory,
      this.size,
      s.loss,
      s.output,
    );
    if (o.maxBatch !== undefined) {
      this.trainWs.ensure(o.maxBatch);
      this.evalWs.ensure(o.maxBatch);
    }
    if (rng !== null) this.initialize(rng);
  }

  /** Draws initial weights (biases 0) into `target`, layer by layer, W before b. */
  initialize(rng: RngLike, target: Float32Array = this.params): Float32Array {
    rng = toRng(rng, "Mlp.initialize");
    this.memory.check("initialize");
    this.checkParamVector("initialize", target);
    for (const d of this.stack.layers) {
      initWeights(this.spec.init, rng, target, d.wOff, d.inSize * d.outSize, d.inSize, d.outSize);
      target.fill(0, d.bOff, d.bOff + d.outSize);
    }
    return target;
  }

  /**
   * Forward pass of n samples (x: n × inputSize). Keeps what `backward` needs. Returns the outputs
   * (n × outputSize), a view valid until the next forward pass. `x` must not change before `backward`.
   */
  forward(x: Float32Array, n: number, opts: ForwardOptions = {}): Float32Array {
    this.memory.check("forward");
    this.checkBatch("forward", x, n);
    for (const key in opts)
      if (key !== "rng") throw new RangeError(`Mlp.forward: unknown option "${key}"; expected rng`);
    const rng = opts.rng ?? null;
    const out = this.stack.forward(this.params, 0, this.trainWs, x, 0, n, rng);
    this.pending = n;
    this.errorRows = -1;
    const len = n * this.outputSize;
    if (this.outView.buffer !== out.buffer || this.outView.length !== len)
      this.outView = out.subarray(0, len);
    return this.outView;
  }

  /**
   * Backward pass for the last forward pass against targets y (n × outputSize): accumulates
   * ∂loss/∂params into `grads` and returns the loss (mean data loss plus penalty).
   */
  backward(y: Float32Array): number {
    const sum = this.outputError("backward", y);
    this.stack.backward(this.params, 0, this.grads, this.trainWs, this.errorRows, null, 0);
    return this.finishBackward(sum);
  }

  /**
   * Like `backward`, but the hidden layers' errors come through the fixed random matrices of
   * `feedback` (feedback alignment or direct feedback alignment; see `mlp/feedback-alignment.ts`)
   * instead of the transposed weights: accumulates that estimate into `grads` (the output layer's
   * part and the L1/L2 penalty's are exact) and returns the loss, which is the same as `backward`'s.
   */
  backwardFeedback(y: Float32Array, feedback: MlpFeedback): number {
    if (!this.feedbacks.has(feedback))
      throw new TypeError("Mlp.backwardFeedback: feedback must come from this model's createFeedback");
    const sum = this.outputError("backwardFeedback", y);
    feedbackBackward(this.stack, feedback, this.grads, this.trainWs, this.errorRows);
    return this.finishBackward(sum);
  }

  /**
   * Fixed random feedback matrices B for `backwardFeedback`, drawn from `rng` with the model's
   * initialiser (FA: one per layer above the first, shaped like its W; DFA: one out_l × outputs per
   * hidden layer). They live in the model's memory and are freed with it.
   */
  createFeedback(kind: FeedbackKind, rng: RngLike): MlpFeedback {
    this.memory.check("createFeedback");
    checkFeedbackKind("Mlp.createFeedback", kind);
    const { blocks, size } = feedbackLayout(this.stack, kind);
    const fb: MlpFeedback = { kind, weights: this.memory.alloc(size), blocks };
    drawFeedback(fb, this.spec.init, rng);
    this.feedbacks.add(fb);
    return fb;
  }

  /**
   * Per dense layer, the angle in degrees between `grads` (the estimate the last backward pass left,
   * e.g. `backwardFeedback`'s) and the exact backprop gradient of the same pending pass, evaluated at
   * `params`: the parameters that pass ran with (default the model's; pass a copy taken before an
   * update if the model has been updated since). A measurement: it reads the pending pass and writes
   * only scratch (a gradient buffer of its own and the workspace's ping-pong buffers, which every
   * backward pass overwrites before reading), so training continues exactly as without it.
   */
  alignmentAngles(params: Float32Array = this.params): number[] {
    this.memory.check("alignmentAngles");
    this.checkParamVector("alignmentAngles", params);
    if (this.errorRows < 0)
      throw new Error(
        "Mlp.alignmentAngles: no backward pass to compare with; call forward and a backward first",
      );
    const exact = (this.exactGrads ??= this.memory.alloc(this.size));
    exact.fill(0);
    this.stack.backward(params, 0, exact, this.trainWs, this.errorRows, null, 0);
    penaltyGradient(this.kernels, params, 0, exact, this.ranges, this.l2, this.l1);
    return gradientAngles(this.kernels, this.layers, this.grads, exact);
  }

  /** Checks y, fills `ws.dOut` with ∂loss/∂z of the output layer (scaled by 1/denominator); returns the summed loss. */
  private outputError(fn: string, y: Float32Array): number {
    this.memory.check(fn);
    const rows = this.pending;
    if (rows < 0) throw new Error(`Mlp.${fn}: no forward pass to differentiate; call forward first`);
    const O = this.outputSize;
    if (y.length < rows * O)
      throw new RangeError(
        `Mlp.${fn}: y has ${y.length} entries, ${rows} samples × ${O} outputs need ${rows * O}`,
      );
    const ws = this.trainWs;
    const last = this.stack.layers.length - 1;
    this.errorRows = rows;
    return outputLoss(
      this.kernels,
      this.lossKind,
      this.outputActivation,
      rows,
      O,
      ws.z[last],
      0,
      O,
      ws.a[last],
      0,
      O,
      y,
      0,
      O,
      ws.dOut,
      0,
      O,
      1 / lossDenominator(this.lossKind, rows, O),
    );
  }

  /** Adds the penalty's gradient; returns the mean loss plus penalty. */
  private finishBackward(sum: number): number {
    penaltyGradient(this.kernels, this.params, 0, this.grads, this.ranges, this.l2, this.l1);
    return sum / lossDenominator(this.lossKind, this.errorRows, this.outputSize) + this.penalty();
  }

  /** Outputs for n samples in inference mode, copied into `out`; leaves a pending training pass intact. */
  predict(
    x: Float32Array,
    n: number,
    out: Float32Array = new Float32Array(n * this.outputSize),
  ): Float32Array {
    this.memory.check("predict");
    this.checkBatch("predict", x, n);
    if (out.length < n * this.outputSize)
      throw new RangeError(`predict: out has ${out.length} entries, need ${n * this.outputSize}`);
    const a = this.stack.forward(this.params, 0, this.evalWs, x, 0, n, null);
    out.set(a.subarray(0, n * this.outputSize));
    return out;
  }

  /**
   * The objective (mean data loss + penalty) of `count` parameter vectors, the rows of `population`
   * (count × size), on the same data, into `out`: candidates batched together (see
   * `MlpPopulationLoss` in `mlp/population-loss.ts`).
   */
  lossBatch(population: Float32Array, count: number, data: Samples, out: Float64Array): void {
    this.memory.check("lossBatch");
    this.checkPopulation("lossBatch", population, count, out);
    this.checkSamples("lossBatch", data);
    if (count === 0) return;
    const sums = this.population.lossSums(population, count, data);
    const denom = lossDenominator(this.lossKind, data.n, this.outputSize);
    for (let c = 0; c < count; c++) out[c] = sums[c] / denom + this.penalty(population, c * this.size);
  }

  /**
   * Analytic FLOPs of a pass; see `mlpFlops` in `mlp/flops.ts`. `feedback` counts the backward pass of
   * `backwardFeedback` with that kind instead of backprop's.
   */
  flops(opts: MlpFlopOptions): FlopCount {
    return mlpFlops(this.stack, this.lossKind, this.outputActivation, opts, this.penaltyFlopCount());
  }

  protected checkSamples(fn: string, data: Samples): number {
    const n = data.n;
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`${fn}: data.n must be an integer >= 0, got ${n}`);
    if (data.xShape !== undefined) {
      const f = shapeSize(data.xShape);
      if (f !== this.inputSize)
        throw new RangeError(
          `${fn}: samples have ${f} features (xShape [${data.xShape.join(", ")}]), the MLP expects ${this.inputSize}`,
        );
    }
    if (data.x.length < n * this.inputSize) {
      throw new RangeError(
        `${fn}: x has ${data.x.length} entries, ${n} samples × ${this.inputSize} features need ${n * this.inputSize}`,
      );
    }
    if (data.y.length < n * this.outputSize) {
      throw new RangeError(
        `${fn}: y has ${data.y.length} entries, ${n} samples × ${this.outputSize} outputs need ${n * this.outputSize}`,
      );
    }
    return 1;
  }

  protected rowsPerSample(): number {
    return 1;
  }

  protected evalRange(
    p: Float32Array,
    base: number,
    data: Samples,
    _steps: number,
    start: number,
    count: number,
    acc: EvalAccumulator,
    metrics: boolean,
  ): void {
    const ws = this.evalWs;
    const O = this.outputSize;
    const a = this.stack.forward(p, base, ws, data.x, start * this.inputSize, count, null);
    const last = this.stack.layers.length - 1;
    acc.lossSum += outputLoss(
      this.kernels,
      this.lossKind,
      this.outputActivation,
      count,
      O,
      ws.z[last],
      0,
      O,
      a,
      0,
      O,
      data.y,
      start * O,
      O,
      null,
      0,
      0,
      1,
    );
    if (metrics) this.accumulateMetrics(acc, a, 0, data.y, start * O, count);
  }

  private checkBatch(fn: string, x: Float32Array, n: number): void {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`Mlp.${fn}: n must be a positive integer, got ${n}`);
    if (x.length < n * this.inputSize) {
      throw new RangeError(
        `Mlp.${fn}: x has ${x.length} entries, ${n} samples × ${this.inputSize} features need ${n * this.inputSize}`,
      );
    }
  }
}
