import { parseOptions } from "@arena/options";
import type { Rng, UniformSource } from "@arena/rng";
import { getKernels } from "@arena/tensor";
import { type DenseLayerDef, DenseStack, DenseWorkspace } from "./dense.ts";
import { assembleFlops, checkFlopBatch, regularizedCount } from "./flops.ts";
import { Gru } from "./gru.ts";
import { initWeights } from "./init.ts";
import { LayoutBuilder } from "./layout.ts";
import { lossDenominator, lossFlops, outputLoss } from "./losses.ts";
import { Lstm } from "./lstm.ts";
import type {
  EvalAccumulator,
  FlopCount,
  FlopOptions,
  ForwardOptions,
  LayerFlops,
  Samples,
} from "./model.ts";
import { ModelBase } from "./model-base.ts";
import type { ModelMemory } from "./model-memory.ts";
import { type ModelOptions, modelOptions } from "./model-options.ts";
import type { RecurrentLayer, SequenceLayerWorkspace } from "./recurrent-layer.ts";
import { penaltyFlops, penaltyGradient } from "./regularization.ts";
import { Rnn } from "./rnn.ts";
import { type RecurrentSpec, type ResolvedRecurrentSpec, recurrentSpec } from "./spec.ts";

/** The recurrent state between chunks: per layer, the hidden state (n × H) and, for LSTM, the cell. */
export interface RecurrentState {
  h: Float32Array[];
  c?: Float32Array[];
}

/** Options of {@link RecurrentNet.forwardSequence}. */
export interface SequenceForwardOptions {
  /**
   * Where the chunk starts: "zero" (default without `keep`), "carry" (the final state of the previous
   * forwardSequence, same batch; the default with `keep`), or an explicit state (e.g. from `state()`).
   */
  initialState?: "zero" | "carry" | RecurrentState;
  /**
   * Keep the last `keep` steps of the previous call's window in front of this chunk, so that the next
   * backward can reach back into them: truncated BPTT(k1, k2) with k2 > k1 forwards k1 steps with
   * keep = k2 − k1. Implies "carry". Default 0.
   */
  keep?: number;
  /** The chunk's first step within each sample of x; default 0. */
  stepOffset?: number;
  /** Steps per sample stored in x; default x.length / (n · input). */
  totalSteps?: number;
  /** Training mode: dropout masks come from here. */
  rng?: UniformSource;
}

/** Options of {@link RecurrentNet.backwardSequence}. */
export interface SequenceBackwardOptions {
  /**
   * Backpropagate through the last `lastK` stored steps only (kept + new); gradients stop at the
   * window's start. Default: every stored step. Errors of steps before the window still reach the
   * readout's weights but not the recurrent layers.
   */
  lastK?: number;
  /** Every-step targets: the chunk's first step within each sample of y; default the forward's stepOffset. */
  stepOffset?: number;
  /** Every-step targets: steps per sample stored in y; default y.length / (n · output). */
  totalSteps?: number;
}

/** All buffers of one forward/backward of the whole net. */
class NetWorkspace {
  readonly layers: SequenceLayerWorkspace[];
  readonly head: DenseWorkspace;
  xs: Float32Array = new Float32Array(0);
  yT: Float32Array = new Float32Array(0);
  out: Float32Array = new Float32Array(0);
  outView: Float32Array = new Float32Array(0);
  nCap = 0;
  tCap = 0;
  /**
   * Dropout between stacked layers, per upper layer l >= 1 (index 0 unused): the mask and the masked
   * input, laid out like the lower layer's `hs` (slot t + 1 is step t). Empty without such dropout.
   */
  /** Whether training passes apply dropout between the stacked layers (the buffers below exist). */
  readonly interDropout: boolean;
  readonly dropMask: Float32Array[];
  readonly dropIn: Float32Array[];
  /** Whether the stored window went through dropout between layers (a training pass). */
  interDropped = false;
  /** The stored window: batch n, `window` steps of which the last `steps` are new, starting at `first`. */
  n = 0;
  window = 0;
  first = 0;
  steps = 0;
  stepOffset = 0;
  valid = false;

  constructor(
    cells: readonly RecurrentLayer[],
    head: DenseStack,
    readonly inSize: number,
    readonly outSize: number,
    private readonly memory: ModelMemory,
    interDropout: boolean,
  ) {
    this.layers = cells.map((c) => c.createWorkspace(memory));
    this.head = new DenseWorkspace(head, memory);
    this.interDropout = interDropout && cells.length > 1;
    this.hiddenBelow = cells.map((_, l) => (l > 0 && this.interDropout ? cells[l - 1].hidden : 0));
    this.dropMask = cells.map(() => new Float32Array(0));
    this.dropIn = cells.map(() => new Float32Array(0));
  }

  private readonly hiddenBelow: number[];

  ensure(n: number, t: number): void {
    for (const l of this.layers) l.ensure(n, t);
    if (n <= this.nCap && t <= this.tCap) return;
    const nCap = Math.max(n, this.nCap);
    const tCap = Math.max(t, this.tCap);
    const mem = this.memory;
    this.xs = mem.resize(this.xs, tCap * nCap * this.inSize, true);
    this.yT = mem.resize(this.yT, tCap * nCap * this.outSize);
    this.out = mem.resize(this.out, tCap * nCap * this.outSize);
    this.hiddenBelow.forEach((H, l) => {
      if (H === 0) return;
      // Copied when growing: a kept window (truncated BPTT) still reads the previous chunk's masks.
      this.dropMask[l] = mem.resize(this.dropMask[l], (tCap + 1) * nCap * H, true);
      this.dropIn[l] = mem.resize(this.dropIn[l], (tCap + 1) * nCap * H, true);
    });
    this.nCap = nCap;
    this.tCap = tCap;
  }
}

const FORWARD_KEYS = ["initialState", "keep", "stepOffset", "totalSteps", "rng"];
const BACKWARD_KEYS = ["lastK", "stepOffset", "totalSteps"];

function checkKeys(fn: string, opts: object, allowed: string[]): void {
  for (const key of Object.keys(opts)) {
    if (!allowed.includes(key))
      throw new RangeError(`${fn}: unknown option "${key}"; expected one of ${allowed.join(", ")}`);
  }
}

function checkInt(fn: string, name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min)
    throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${v}`);
  return v;
}

/**
 * A recurrent network over one flat parameter vector: stacked recurrent layers (Elman RNN, LSTM or
 * GRU) and a dense readout, trained by backpropagation through time, full or truncated.
 *
 * Data layout: x is n × steps × input (time-major inside each sample), y is n × output for readout
 * "last" and n × steps × output for "every-step". Inside, everything is time-major: the chunk's
 * inputs are gathered once, each layer's input projection is one gemm over all steps, and each step
 * adds one gemm for the recurrent part.
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
  private readonly trainWs: NetWorkspace;
  private readonly evalWs: NetWorkspace;

  constructor(spec: RecurrentSpec, rng: Rng | null, opts: ModelOptions = {}) {
    const o = parseOptions("RecurrentNet", modelOptions, opts);
    const s = parseOptions("RecurrentNet", recurrentSpec, spec);
    const kernels = o.kernels ?? getKernels();
    const layout = new LayoutBuilder();
    const cells: RecurrentLayer[] = [];
    let inSize = s.input;
    s.hidden.forEach((H, l) => {
      const name = `${s.kind}${l}`;
      cells.push(
        s.kind === "rnn"
          ? new Rnn(kernels, name, inSize, H, layout)
          : s.kind === "lstm"
            ? new Lstm(kernels, name, inSize, H, layout, s.forgetBias ?? 1)
            : new Gru(kernels, name, inSize, H, layout),
      );
      inSize = H;
    });
    const widths = [inSize, ...s.head, s.output];
    const defs: DenseLayerDef[] = [];
    for (let l = 0; l + 1 < widths.length; l++) {
      const last = l + 2 === widths.length;
      const name = last ? "readout" : `head${l}`;
      layout.layer(name, "dense");
      const wOff = layout.tensor("W", [widths[l], widths[l + 1]], true);
      const bOff = layout.tensor("b", [widths[l + 1]], false);
      defs.push({
        name,
        inSize: widths[l],
        outSize: widths[l + 1],
        activation: last ? s.outputActivation : s.headActivation,
        wOff,
        bOff,
      });
    }
    super(s, kernels, layout, s.loss, s.outputActivation);
    this.spec = s;
    this.cells = cells;
    this.inputSize = s.input;
    this.outputSize = s.output;
    this.readout = s.readout;
    this.head = new DenseStack(kernels, defs, s.dropout, true);
    // Dropout between stacked layers needs its buffers in the training workspace only.
    const inter = s.dropout > 0;
    this.trainWs = new NetWorkspace(cells, this.head, this.inputSize, this.outputSize, this.memory, inter);
    this.evalWs = new NetWorkspace(cells, this.head, this.inputSize, this.outputSize, this.memory, false);
    if (o.maxBatch !== undefined) {
      this.trainWs.ensure(o.maxBatch, 1);
      this.evalWs.ensure(o.maxBatch, 1);
    }
    if (rng !== null) this.initialize(rng);
  }

  /** Draws initial parameters into `target`: each recurrent layer bottom-up (W, U, biases), then the readout. */
  initialize(rng: Rng, target: Float32Array = this.params): Float32Array {
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
    const fn = "RecurrentNet.forwardSequence";
    checkKeys(fn, opts, FORWARD_KEYS);
    checkInt(fn, "n", n, 1);
    checkInt(fn, "steps", steps, 1);
    const keep = checkInt(fn, "keep", opts.keep ?? 0, 0);
    const stepOffset = checkInt(fn, "stepOffset", opts.stepOffset ?? 0, 0);
    const F = this.inputSize;
    const totalSteps = opts.totalSteps ?? x.length / (n * F);
    if (!Number.isInteger(totalSteps) || totalSteps < stepOffset + steps) {
      this.memory.check("forwardSequence");
      throw new RangeError(
        `${fn}: x has ${x.length} entries, which does not hold ${n} sequences × ${stepOffset + steps} steps × ${F} features` +
          (opts.totalSteps === undefined ? "" : ` at totalSteps ${opts.totalSteps}`),
      );
    }
    if (x.length < n * totalSteps * F) {
      throw new RangeError(
        `${fn}: x has ${x.length} entries, ${n} sequences × ${totalSteps} steps × ${F} features need ${n * totalSteps * F}`,
      );
    }
    const init = opts.initialState ?? (keep > 0 ? "carry" : "zero");
    if (keep > 0 && init !== "carry")
      throw new RangeError(
        `${fn}: keep = ${keep} continues the previous window, so initialState must be "carry"`,
      );
    const ws = this.trainWs;
    if (init === "carry" || keep > 0) {
      if (!ws.valid)
        throw new Error(`${fn}: initialState "carry" needs a previous forwardSequence to continue`);
      if (ws.n !== n)
        throw new RangeError(`${fn}: cannot carry the state of ${ws.n} sequences into a batch of ${n}`);
      if (keep > ws.window)
        throw new RangeError(`${fn}: keep = ${keep} exceeds the ${ws.window} steps stored`);
    }
    this.run(ws, this.params, 0, x, 0, totalSteps, stepOffset, n, steps, keep, init, opts.rng ?? null);
    ws.stepOffset = stepOffset;
    return this.outputs(ws);
  }

  /**
   * Backpropagation through time for the last forwardSequence against targets y (n × output for
   * "last"; n × totalSteps × output for "every-step", the chunk at stepOffset). Accumulates into
   * `grads`, records ‖∂L/∂h_t‖ per step, returns the loss (mean over the chunk's predictions, plus penalty).
   */
  backwardSequence(y: Float32Array, opts: SequenceBackwardOptions = {}): number {
    this.memory.check("backwardSequence");
    const fn = "RecurrentNet.backwardSequence";
    checkKeys(fn, opts, BACKWARD_KEYS);
    const ws = this.trainWs;
    if (!ws.valid) throw new Error(`${fn}: no forward pass to differentiate; call forwardSequence first`);
    const { n, window: tw, first, steps } = ws;
    const K = Math.min(checkInt(fn, "lastK", opts.lastK ?? tw, 1), tw);
    const ts = tw - K;
    const O = this.outputSize;
    const every = this.readout === "every-step";
    const rows = every ? steps * n : n;
    let targets = y;
    if (every) {
      const stepOffset = checkInt(fn, "stepOffset", opts.stepOffset ?? ws.stepOffset, 0);
      const totalSteps = opts.totalSteps ?? y.length / (n * O);
      if (!Number.isInteger(totalSteps) || totalSteps < stepOffset + steps || y.length < n * totalSteps * O) {
        throw new RangeError(
          `${fn}: y has ${y.length} entries, which does not hold ${n} sequences × ${stepOffset + steps} steps × ${O} outputs`,
        );
      }
      this.gatherTargets(ws, y, 0, totalSteps, stepOffset, n, steps);
      targets = ws.yT;
    } else if (y.length < n * O) {
      throw new RangeError(`${fn}: y has ${y.length} entries, ${n} sequences × ${O} outputs need ${n * O}`);
    }
    const hw = ws.head;
    const last = this.head.layers.length - 1;
    const denom = lossDenominator(this.lossKind, rows, O);
    const sum = outputLoss(
      this.lossKind,
      this.outputActivation,
      rows,
      O,
      hw.z[last],
      0,
      O,
      hw.a[last],
      0,
      O,
      targets,
      0,
      O,
      hw.dOut,
      0,
      O,
      1 / denom,
    );
    const L = this.cells.length;
    const top = ws.layers[L - 1];
    const injStart = every ? first : tw - 1;
    this.head.backward(
      this.params,
      0,
      this.grads,
      hw,
      rows,
      top.dIn,
      injStart * n * this.cells[L - 1].hidden,
    );
    for (let l = L - 1; l >= 0; l--) {
      const cell = this.cells[l];
      const lw = ws.layers[l];
      const below = l > 0 ? ws.layers[l - 1] : null;
      const belowH = l > 0 ? this.cells[l - 1].hidden : this.inputSize;
      const dropped = below !== null && ws.interDropped;
      const inp = below === null ? ws.xs : dropped ? ws.dropIn[l] : below.hs;
      const inOff = below === null ? ts * n * belowH : (ts + 1) * n * belowH;
      cell.backward(
        this.params,
        0,
        this.grads,
        lw,
        n,
        ts,
        tw,
        l === L - 1 ? injStart : ts,
        inp,
        inOff,
        below === null ? null : below.dIn,
        ts * n * belowH,
      );
      // Through the dropout between the layers: dL/dh_below = mask ⊙ dL/d(input).
      if (dropped) {
        const nh = n * belowH;
        this.kernels.mul(K * nh, below.dIn, ts * nh, ws.dropMask[l], (ts + 1) * nh, below.dIn, ts * nh);
      }
      lw.normCount = K;
    }
    penaltyGradient(this.kernels, this.params, 0, this.grads, this.ranges, this.l2, this.l1);
    return sum / denom + this.penalty();
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
    const h: Float32Array[] = [];
    const c: Float32Array[] = [];
    this.cells.forEach((cell, l) => {
      const nh = ws.n * cell.hidden;
      const lw = ws.layers[l];
      h.push(lw.hs.slice(ws.window * nh, (ws.window + 1) * nh));
      if (cell.hasCell) c.push(lw.cs.slice(ws.window * nh, (ws.window + 1) * nh));
    });
    return this.spec.kind === "lstm" ? { h, c } : { h };
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
    this.run(ws, this.params, 0, x, 0, steps, 0, n, steps, 0, "zero", null);
    const res = this.outputs(ws);
    const target = out ?? new Float32Array(res.length);
    if (target.length < res.length)
      throw new RangeError(`RecurrentNet.predict: out has ${target.length} entries, need ${res.length}`);
    target.set(res);
    return target;
  }

  /**
   * The objective (mean data loss + penalty) of `count` parameter vectors (rows of `population`) on
   * the same sequences, into `out`. Each candidate is one forward pass that reads its weights in place
   * from the population matrix, through the same preallocated workspace.
   */
  lossBatch(population: Float32Array, count: number, data: Samples, out: Float64Array): void {
    this.memory.check("lossBatch");
    this.checkPopulation("lossBatch", population, count, out);
    const steps = this.checkSamples("lossBatch", data);
    const denom = lossDenominator(this.lossKind, data.n * this.rowsPerSample(steps), this.outputSize);
    const acc = this.acc;
    const batch = Math.max(1, Math.min(data.n, 256));
    for (let c = 0; c < count; c++) {
      acc.reset();
      const base = c * this.size;
      for (let s0 = 0; s0 < data.n; s0 += batch)
        this.evalRange(population, base, data, steps, s0, Math.min(batch, data.n - s0), acc, false);
      out[c] = acc.lossSum / denom + this.penalty(population, base);
    }
  }

  /**
   * Analytic FLOPs: per recurrent layer the input and recurrent gemms, biases and gate arithmetic
   * (see each cell for its elementwise count), then the readout and the loss. `steps` is required;
   * backward covers `lastK` steps (default `steps`).
   */
  flops(opts: FlopOptions): FlopCount {
    const n = checkFlopBatch(opts);
    if (opts.steps === undefined) throw new RangeError("flops: steps is required for a recurrent model");
    const S = checkInt("flops", "steps", opts.steps, 1);
    const back = opts.backward === true;
    const K = back ? Math.min(checkInt("flops", "lastK", opts.lastK ?? S, 1), S) : 0;
    const layers: LayerFlops[] = this.cells.map((c, l) => ({ name: c.name, ...c.flops(n, S, K, l > 0) }));
    if (opts.train === true && this.spec.dropout > 0) {
      // Dropout between stacked layers: one multiply per input entry forward, one per gradient entry back.
      for (let l = 1; l < layers.length; l++) {
        const H = this.cells[l - 1].hidden;
        layers[l].forward.elementwise += n * S * H;
        layers[l].backward.elementwise += n * K * H;
      }
    }
    const rows = this.readout === "every-step" ? S * n : n;
    layers.push(...this.head.flops(rows, true, opts.train === true));
    const lf = lossFlops(this.lossKind, this.outputActivation);
    const e = rows * this.outputSize;
    return assembleFlops(
      layers,
      { forward: lf.forward * e, backward: lf.backward * e },
      penaltyFlops(regularizedCount(this.ranges), this.l2, this.l1),
      back,
    );
  }

  protected checkSamples(fn: string, data: Samples): number {
    const n = data.n;
    const F = this.inputSize;
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`${fn}: data.n must be an integer >= 0, got ${n}`);
    let steps: number;
    if (data.xShape !== undefined) {
      const sh = data.xShape;
      const features = sh.length === 2 ? sh[1] : sh.length === 1 ? 1 : -1;
      if (features !== F) throw new RangeError(`${fn}: xShape [${sh.join(", ")}] is not [steps, ${F}]`);
      steps = sh[0];
    } else {
      steps = n === 0 ? 1 : data.x.length / (n * F);
    }
    if (!Number.isInteger(steps) || steps < 1)
      throw new RangeError(
        `${fn}: x has ${data.x.length} entries, not a whole number of steps for ${n} sequences × ${F} features`,
      );
    if (data.x.length < n * steps * F)
      throw new RangeError(
        `${fn}: x has ${data.x.length} entries, ${n} × ${steps} steps × ${F} need ${n * steps * F}`,
      );
    const need = n * this.rowsPerSample(steps) * this.outputSize;
    if (data.y.length < need)
      throw new RangeError(
        `${fn}: y has ${data.y.length} entries, the ${this.readout} readout needs ${need}`,
      );
    return steps;
  }

  protected rowsPerSample(steps: number): number {
    return this.readout === "every-step" ? steps : 1;
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
    const F = this.inputSize;
    const O = this.outputSize;
    this.run(ws, p, base, data.x, start * steps * F, steps, 0, count, steps, 0, "zero", null);
    const hw = ws.head;
    const last = this.head.layers.length - 1;
    let y = data.y;
    let yOff = start * O;
    let rows = count;
    if (this.readout === "every-step") {
      this.gatherTargets(ws, data.y, start * steps * O, steps, 0, count, steps);
      y = ws.yT;
      yOff = 0;
      rows = count * steps;
    }
    acc.lossSum += outputLoss(
      this.lossKind,
      this.outputActivation,
      rows,
      O,
      hw.z[last],
      0,
      O,
      hw.a[last],
      0,
      O,
      y,
      yOff,
      O,
      null,
      0,
      0,
      1,
    );
    if (metrics) this.accumulateMetrics(acc, hw.a[last], 0, y, yOff, rows);
  }

  /**
   * The forward machinery: sets up each layer's starting state (zero, carried, kept window or given),
   * gathers the chunk's inputs time-major, runs the layers bottom-up and the readout.
   */
  private run(
    ws: NetWorkspace,
    p: Float32Array,
    base: number,
    x: Float32Array,
    xBase: number,
    totalSteps: number,
    stepOffset: number,
    n: number,
    steps: number,
    keep: number,
    init: "zero" | "carry" | RecurrentState,
    rng: UniformSource | null,
  ): void {
    const tw = keep + steps;
    ws.ensure(n, tw);
    const src = ws.window - keep;
    const inter = rng !== null && ws.interDropout;
    if (keep > 0 && inter !== ws.interDropped) {
      throw new RangeError(
        `RecurrentNet.forwardSequence: keep = ${keep} continues a window forwarded ${ws.interDropped ? "with" : "without"} dropout, so this chunk must be ${ws.interDropped ? "a training pass (give rng)" : "an inference pass (no rng)"} too`,
      );
    }
    if (typeof init === "object") this.checkState(init, n);
    this.cells.forEach((cell, l) => {
      const lw = ws.layers[l];
      const nh = n * cell.hidden;
      if (keep > 0) {
        const ngh = n * cell.gates * cell.hidden;
        lw.hs.copyWithin(0, src * nh, (src + keep + 1) * nh);
        if (cell.hasCell) lw.cs.copyWithin(0, src * nh, (src + keep + 1) * nh);
        if (cell.gates > 1) lw.gatesBuf.copyWithin(0, src * ngh, (src + keep) * ngh);
        if (lw.auxWidth > 0) lw.aux.copyWithin(0, src * n * lw.auxWidth, (src + keep) * n * lw.auxWidth);
      } else if (init === "carry") {
        lw.hs.copyWithin(0, ws.window * nh, (ws.window + 1) * nh);
        if (cell.hasCell) lw.cs.copyWithin(0, ws.window * nh, (ws.window + 1) * nh);
      } else if (init === "zero") {
        lw.hs.fill(0, 0, nh);
        if (cell.hasCell) lw.cs.fill(0, 0, nh);
      } else {
        lw.hs.set(init.h[l].subarray(0, nh), 0);
        if (cell.hasCell) lw.cs.set(init.c![l].subarray(0, nh), 0);
      }
    });
    const F = this.inputSize;
    const xs = ws.xs;
    if (keep > 0) xs.copyWithin(0, src * n * F, (src + keep) * n * F);
    // Gather: sample s, step t of the chunk → row (keep + t)·n + s.
    const stride = totalSteps * F;
    for (let t = 0; t < steps; t++) {
      const dst0 = (keep + t) * n * F;
      const src0 = xBase + (stepOffset + t) * F;
      for (let s = 0; s < n; s++) {
        const d = dst0 + s * F;
        const o = src0 + s * stride;
        for (let f = 0; f < F; f++) xs[d + f] = x[o + f];
      }
    }
    let inp = xs;
    let inOff = keep * n * F;
    this.cells.forEach((cell, l) => {
      const lw = ws.layers[l];
      if (inter && l > 0) {
        // Inverted dropout on the lower layer's outputs as this layer's inputs (the non-recurrent
        // connections, Zaremba et al. 2014), a fresh mask for every step and sequence.
        const nh = n * this.cells[l - 1].hidden;
        const mask = ws.dropMask[l];
        const dropped = ws.dropIn[l];
        if (keep > 0) {
          mask.copyWithin(nh, (src + 1) * nh, (src + keep + 1) * nh);
          dropped.copyWithin(nh, (src + 1) * nh, (src + keep + 1) * nh);
        }
        const keepP = 1 - this.spec.dropout;
        const scale = 1 / keepP;
        const end = inOff + steps * nh;
        for (let i = inOff; i < end; i++) mask[i] = rng.float() < keepP ? scale : 0;
        this.kernels.mul(steps * nh, inp, inOff, mask, inOff, dropped, inOff);
        inp = dropped;
      }
      cell.forward(p, base, lw, n, keep, steps, inp, inOff);
      inp = lw.hs;
      inOff = (keep + 1) * n * cell.hidden;
    });
    ws.interDropped = inter;
    const topH = this.cells[this.cells.length - 1].hidden;
    if (this.readout === "every-step") this.head.forward(p, base, ws.head, inp, inOff, steps * n, rng);
    else this.head.forward(p, base, ws.head, inp, tw * n * topH, n, rng);
    ws.n = n;
    ws.window = tw;
    ws.first = keep;
    ws.steps = steps;
    ws.valid = true;
  }

  /** The readout's outputs in the data's layout (sample-major), as a view. */
  private outputs(ws: NetWorkspace): Float32Array {
    const a = ws.head.a[this.head.layers.length - 1];
    const O = this.outputSize;
    const { n, steps } = ws;
    if (this.readout === "last") {
      if (ws.outView.buffer !== a.buffer || ws.outView.length !== n * O) ws.outView = a.subarray(0, n * O);
      return ws.outView;
    }
    const out = ws.out;
    for (let t = 0; t < steps; t++) {
      for (let s = 0; s < n; s++) {
        const src = (t * n + s) * O;
        const dst = (s * steps + t) * O;
        for (let o = 0; o < O; o++) out[dst + o] = a[src + o];
      }
    }
    if (ws.outView.buffer !== out.buffer || ws.outView.length !== n * steps * O)
      ws.outView = out.subarray(0, n * steps * O);
    return ws.outView;
  }

  /** Every-step targets of the chunk, time-major into ws.yT. */
  private gatherTargets(
    ws: NetWorkspace,
    y: Float32Array,
    yBase: number,
    totalSteps: number,
    stepOffset: number,
    n: number,
    steps: number,
  ): void {
    const O = this.outputSize;
    const yT = ws.yT;
    for (let t = 0; t < steps; t++) {
      for (let s = 0; s < n; s++) {
        const src = yBase + (s * totalSteps + stepOffset + t) * O;
        const dst = (t * n + s) * O;
        for (let o = 0; o < O; o++) yT[dst + o] = y[src + o];
      }
    }
  }

  private checkState(st: RecurrentState, n: number): void {
    const fn = "RecurrentNet.forwardSequence";
    if (!Array.isArray(st.h) || st.h.length !== this.cells.length) {
      throw new RangeError(
        `${fn}: initialState.h must hold ${this.cells.length} arrays (one per layer), got ${Array.isArray(st.h) ? st.h.length : typeof st.h}`,
      );
    }
    this.cells.forEach((cell, l) => {
      const need = n * cell.hidden;
      if (!(st.h[l] instanceof Float32Array) || st.h[l].length < need) {
        throw new RangeError(
          `${fn}: initialState.h[${l}] must be a Float32Array of ${n} × ${cell.hidden} = ${need} entries`,
        );
      }
      if (
        cell.hasCell &&
        (!Array.isArray(st.c) || !(st.c[l] instanceof Float32Array) || st.c[l].length < need)
      ) {
        throw new RangeError(
          `${fn}: initialState.c[${l}] must be a Float32Array of ${need} entries (LSTM cell state)`,
        );
      }
    });
  }
}
