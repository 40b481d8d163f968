import { parseOptions } from "@arena/options";
import type { Rng } from "@arena/rng";
import { getKernels } from "@arena/tensor";
import { type Activation, activationForwardKernel } from "./activations.ts";
import { type DenseLayerDef, DenseStack, DenseWorkspace } from "./dense.ts";
import { assembleFlops, checkFlopBatch, regularizedCount } from "./flops.ts";
import { initWeights } from "./init.ts";
import { LayoutBuilder } from "./layout.ts";
import { groupedLossSums, lossDenominator, lossFlops, outputForward, outputLoss } from "./losses.ts";
import type { EvalAccumulator, FlopCount, FlopOptions, ForwardOptions, Samples } from "./model.ts";
import { ModelBase } from "./model-base.ts";
import { type ModelOptions, modelOptions } from "./model-options.ts";
import { penaltyFlops, penaltyGradient } from "./regularization.ts";
import { type MlpSpec, mlpSpec, type ResolvedMlpSpec } from "./spec.ts";

/** Floats per buffer that `lossBatch` allows itself before it splits a population into groups. */
const POPULATION_BUFFER = 1 << 17;

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
  // lossBatch buffers
  private packedW: Float32Array = new Float32Array(0);
  private packedB: Float32Array = new Float32Array(0);
  private xAug: Float32Array = new Float32Array(0);
  private popA: Float32Array = new Float32Array(0);
  private popB: Float32Array = new Float32Array(0);
  private popAcc = new Float64Array(0);

  /**
   * @param spec an MLP spec (validated here)
   * @param rng initialises the weights; pass null to leave them at 0 (e.g. before `setParams`)
   */
  constructor(spec: MlpSpec, rng: Rng | null, opts: ModelOptions = {}) {
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
    if (o.maxBatch !== undefined) {
      this.trainWs.ensure(o.maxBatch);
      this.evalWs.ensure(o.maxBatch);
    }
    if (rng !== null) this.initialize(rng);
  }

  /** Draws initial weights (biases 0) into `target`, layer by layer, W before b. */
  initialize(rng: Rng, target: Float32Array = this.params): Float32Array {
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
    this.memory.check("backward");
    const rows = this.pending;
    if (rows < 0) throw new Error("Mlp.backward: no forward pass to differentiate; call forward first");
    const O = this.outputSize;
    if (y.length < rows * O)
      throw new RangeError(
        `Mlp.backward: y has ${y.length} entries, ${rows} samples × ${O} outputs need ${rows * O}`,
      );
    const ws = this.trainWs;
    const last = this.stack.layers.length - 1;
    const denom = lossDenominator(this.lossKind, rows, O);
    const sum = outputLoss(
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
      1 / denom,
    );
    this.stack.backward(this.params, 0, this.grads, ws, rows, null, 0);
    penaltyGradient(this.kernels, this.params, 0, this.grads, this.ranges, this.l2, this.l1);
    return sum / denom + this.penalty();
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
   * (count × size), on the same data, into `out`. The first layer of a group of candidates is one
   * gemm of [x | 1] against their packed [W; b]; each later layer is one strided batched gemm (each
   * candidate's block times its own weights, read in place from `population`) into a shared buffer,
   * then one bias pass and one activation pass for the whole group. Groups are sized
   * so a layer's output stays around half a megabyte (cache-sized). Every buffer is kept between calls.
   */
  lossBatch(population: Float32Array, count: number, data: Samples, out: Float64Array): void {
    this.memory.check("lossBatch");
    this.checkPopulation("lossBatch", population, count, out);
    this.checkSamples("lossBatch", data);
    if (count === 0) return;
    const N = data.n;
    const layers = this.stack.layers;
    let widest = 1;
    for (const d of layers) widest = Math.max(widest, d.outSize);
    const B = Math.max(1, Math.min(N, 1024));
    const group = Math.max(1, Math.min(count, Math.floor(POPULATION_BUFFER / (B * widest))));
    const d0 = layers[0];
    const in1 = d0.inSize + 1;
    const mem = this.memory;
    if (this.packedW.length < in1 * group * d0.outSize)
      this.packedW = mem.resize(this.packedW, in1 * group * d0.outSize);
    if (this.xAug.length < B * in1) this.xAug = mem.resize(this.xAug, B * in1);
    if (this.packedB.length < group * widest) this.packedB = mem.resize(this.packedB, group * widest);
    if (this.popA.length < B * group * widest) {
      this.popA = mem.resize(this.popA, B * group * widest);
      this.popB = mem.resize(this.popB, B * group * widest);
    }
    if (this.popAcc.length < count) this.popAcc = new Float64Array(count);
    const acc = this.popAcc;
    acc.fill(0, 0, count);
    const x = data.x;
    const xa = this.xAug;
    for (let s0 = 0; s0 < N; s0 += B) {
      const rows = Math.min(B, N - s0);
      // [x | 1]: the first layer's bias rides in its gemm as the weight of a constant input.
      for (let r = 0; r < rows; r++) {
        const src = (s0 + r) * d0.inSize;
        const dst = r * in1;
        for (let i = 0; i < d0.inSize; i++) xa[dst + i] = x[src + i];
        xa[dst + d0.inSize] = 1;
      }
      for (let c0 = 0; c0 < count; c0 += group)
        this.groupLoss(population, c0, Math.min(group, count - c0), data, s0, rows, acc);
    }
    const denom = lossDenominator(this.lossKind, N, this.outputSize);
    for (let c = 0; c < count; c++) out[c] = acc[c] / denom + this.penalty(population, c * this.size);
  }

  private groupLoss(
    pop: Float32Array,
    c0: number,
    gc: number,
    data: Samples,
    s0: number,
    rows: number,
    acc: Float64Array,
  ): void {
    const k = this.kernels;
    const layers = this.stack.layers;
    const size = this.size;
    const d0 = layers[0];
    const h0 = d0.outSize;
    const in0 = d0.inSize;
    const ldw = gc * h0;
    const W = this.packedW;
    const pb = this.packedB;
    // Pack [W; b] of each candidate side by side: (in + 1) × (gc·h0). b follows W in the layout, so
    // row `in0` of a candidate's block is its bias.
    for (let c = 0; c < gc; c++) {
      const src0 = (c0 + c) * size + d0.wOff;
      for (let i = 0; i <= in0; i++) {
        const src = src0 + i * h0;
        const dst = i * ldw + c * h0;
        for (let j = 0; j < h0; j++) W[dst + j] = pop[src + j];
      }
    }
    let cur = this.popA;
    let next = this.popB;
    k.gemm(false, false, rows, ldw, in0 + 1, 1, this.xAug, 0, in0 + 1, W, 0, ldw, 0, cur, 0, ldw);
    for (let l = 1; l < layers.length; l++) {
      const prev = layers[l - 1];
      activationForwardKernel(k, prev.activation as Activation, rows * gc * prev.outSize, cur, 0, cur, 0);
      const d = layers[l];
      const ldi = gc * d.inSize;
      const ldo = gc * d.outSize;
      // Candidate c's block of `cur` times its own weights (a row of the population): one batched call.
      k.gemmBatched(
        false,
        false,
        rows,
        d.outSize,
        d.inSize,
        1,
        cur,
        0,
        ldi,
        d.inSize,
        pop,
        c0 * size + d.wOff,
        d.outSize,
        size,
        0,
        next,
        0,
        ldo,
        d.outSize,
        gc,
      );
      for (let c = 0; c < gc; c++) {
        const bsrc = (c0 + c) * size + d.bOff;
        for (let j = 0; j < d.outSize; j++) pb[c * d.outSize + j] = pop[bsrc + j];
      }
      k.addRowBias(rows, ldo, pb, 0, next, 0, ldo);
      const t = cur;
      cur = next;
      next = t;
    }
    const O = this.outputSize;
    const ld = gc * O;
    const outAct = this.outputActivation;
    if (this.lossKind === "mse") {
      if (outAct === "softmax") {
        for (let c = 0; c < gc; c++) outputForward(outAct, rows, O, cur, c * O, ld, cur, c * O, ld);
      } else {
        activationForwardKernel(k, outAct, rows * ld, cur, 0, cur, 0);
      }
    }
    groupedLossSums(this.lossKind, rows, O, gc, cur, data.y, s0 * O, acc, c0);
  }

  /**
   * Analytic FLOPs of a pass over `batch` samples: per dense layer 2·in·out·batch for the gemm,
   * out·batch for the bias, one per activation entry; backward two gemms per layer (one for the first,
   * whose input needs no gradient), the bias column sums, two per activation-derivative entry.
   */
  flops(opts: FlopOptions): FlopCount {
    const batch = checkFlopBatch(opts);
    const layers = this.stack.flops(batch, false, opts.train === true);
    const lf = lossFlops(this.lossKind, this.outputActivation);
    const e = batch * this.outputSize;
    const weights = regularizedCount(this.ranges);
    return assembleFlops(
      layers,
      { forward: lf.forward * e, backward: lf.backward * e },
      penaltyFlops(weights, this.l2, this.l1),
      opts.backward === true,
    );
  }

  protected checkSamples(fn: string, data: Samples): number {
    const n = data.n;
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`${fn}: data.n must be an integer >= 0, got ${n}`);
    if (data.xShape !== undefined) {
      const f = data.xShape.reduce((a, b) => a * b, 1);
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
