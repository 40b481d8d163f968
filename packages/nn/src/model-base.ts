import type { RngLike } from "@arena/rng";
import type { Kernels } from "@arena/tensor";
import { type FlopCount, type FlopOptions, regularizedCount } from "./flops.ts";
import { type LayerInfo, type LayoutBuilder, regularizedRanges } from "./layout.ts";
import { type Loss, lossDenominator, type OutputActivation } from "./losses.ts";
import { countCorrect, countCorrectEntries, sumAbsoluteError, sumSquaredError } from "./metrics.ts";
import {
  EvalAccumulator,
  type EvaluateOptions,
  type Evaluation,
  type ForwardOptions,
  type LayerNorm,
  type Model,
  type ModelJSON,
  type Samples,
} from "./model.ts";
import { ModelMemory } from "./model-memory.ts";
import { penaltyFlops, penaltyValue } from "./regularization.ts";
import type { ResolvedSpec } from "./spec.ts";

/** Default samples per forward pass in `evaluate`, `loss` and `lossBatch`. */
export const EVAL_BATCH = 256;

/**
 * What the MLP and the recurrent nets share: the flat parameter vector and its views, copying in and
 * out, penalties, gradient norms, JSON, and the batched evaluation loop over a whole split.
 */
export abstract class ModelBase implements Model {
  readonly size: number;
  private readonly paramsArr: Float32Array;
  private readonly gradsArr: Float32Array;
  /**
   * Where params, grads and the workspaces live (the backend's memory when it has `alloc`).
   * @internal
   */
  protected readonly memory: ModelMemory;
  readonly layers: readonly LayerInfo[];
  readonly metric: "accuracy" | "rmse";
  /** (offset, length) pairs of the regularised tensors. */
  protected readonly ranges: Int32Array;
  protected readonly l2: number;
  protected readonly l1: number;
  protected readonly acc = new EvalAccumulator();

  abstract readonly inputSize: number;
  abstract readonly outputSize: number;

  protected constructor(
    readonly spec: ResolvedSpec,
    readonly kernels: Kernels,
    layout: LayoutBuilder,
    protected readonly lossKind: Loss,
    protected readonly outputActivation: OutputActivation,
  ) {
    this.size = layout.size;
    this.memory = new ModelMemory(kernels, new.target.name);
    this.paramsArr = this.memory.alloc(this.size);
    this.gradsArr = this.memory.alloc(this.size);
    this.layers = layout.build(this.paramsArr, this.gradsArr);
    this.ranges = regularizedRanges(this.layers);
    this.l2 = spec.l2;
    this.l1 = spec.l1;
    this.metric = outputActivation === "softmax" || outputActivation === "sigmoid" ? "accuracy" : "rmse";
  }

  /** The flat parameter vector (a view into the backend's memory when it has `alloc`). */
  get params(): Float32Array {
    this.memory.check("params");
    return this.paramsArr;
  }

  /** The flat gradient vector, same layout as `params`. */
  get grads(): Float32Array {
    this.memory.check("grads");
    return this.gradsArr;
  }

  /** True once {@link ModelBase.dispose} ran. */
  get disposed(): boolean {
    return this.memory.disposed;
  }

  /**
   * Frees params, grads and every workspace (back to the WebAssembly backend's free list). Idempotent;
   * afterwards every use of the model, its `params` and `grads` throws, and views taken from them
   * before must not be used (their memory may belong to another model).
   */
  dispose(): void {
    this.memory.dispose();
  }

  /** Copies the parameters into `out` (a new array by default). */
  getParams(out: Float32Array = new Float32Array(this.size)): Float32Array {
    if (out.length < this.size)
      throw new RangeError(`getParams: out has ${out.length} entries, model has ${this.size}`);
    out.set(this.params);
    return out;
  }

  /** Copies `v` (length `size`) into the parameters. */
  setParams(v: ArrayLike<number>): void {
    if (v.length !== this.size)
      throw new RangeError(`setParams: vector has ${v.length} entries, model has ${this.size}`);
    this.params.set(v);
  }

  /** Sets every gradient to 0; `backward` accumulates onto what is there. */
  zeroGrads(): void {
    this.grads.fill(0);
  }

  /** The L1/L2 penalty of a parameter vector (the model's own by default). */
  penalty(params: Float32Array = this.params, base = 0): number {
    return penaltyValue(this.kernels, params, base, this.ranges, this.l2, this.l1);
  }

  /** FLOPs of the L1/L2 penalty's value and gradient, for `flops()`. */
  protected penaltyFlopCount(): { forward: number; backward: number } {
    return penaltyFlops(regularizedCount(this.ranges), this.l2, this.l1);
  }

  /** The L2 norm of each layer's gradient. */
  gradientNorms(): LayerNorm[] {
    return this.layers.map((l) => ({ name: l.name, norm: this.kernels.norm2(l.size, this.grads, l.offset) }));
  }

  /** Gradient norms as series for `Learner.diagnostics`: `grad_norm/<layer>` → [norm]. */
  diagnostics(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const { name, norm } of this.gradientNorms()) out[`grad_norm/${name}`] = [norm];
    return out;
  }

  /** The spec and the exact parameters, as plain JSON. */
  toJSON(): ModelJSON {
    return { format: "arena-nn", version: 1, spec: this.spec, params: Array.from(this.params) };
  }

  /** The mean data loss over `data` plus the penalty: the objective training minimises. */
  loss(data: Samples, params?: Float32Array): number {
    this.memory.check("loss");
    params ??= this.params;
    this.checkParamVector("loss", params);
    const steps = this.checkSamples("loss", data);
    const acc = this.acc;
    acc.lossSum = 0;
    for (let start = 0; start < data.n; start += EVAL_BATCH) {
      this.evalRange(params, 0, data, steps, start, Math.min(EVAL_BATCH, data.n - start), acc, false);
    }
    const rows = data.n * this.rowsPerSample(steps);
    return acc.lossSum / lossDenominator(this.lossKind, rows, this.outputSize) + this.penalty(params);
  }

  /**
   * Loss and metric over a whole split, in batches of `batchSize` samples, with the inference
   * workspace (a pending training forward pass is left intact).
   */
  evaluate(data: Samples, opts: EvaluateOptions = {}): Evaluation {
    for (const key of Object.keys(opts)) {
      if (key !== "params" && key !== "batchSize") {
        throw new RangeError(`evaluate: unknown option "${key}"; expected params, batchSize`);
      }
    }
    this.memory.check("evaluate");
    const params = opts.params ?? this.params;
    this.checkParamVector("evaluate", params);
    const batch = opts.batchSize ?? EVAL_BATCH;
    if (!Number.isInteger(batch) || batch < 1)
      throw new RangeError(`evaluate: batchSize must be a positive integer, got ${batch}`);
    const steps = this.checkSamples("evaluate", data);
    const acc = this.acc;
    acc.reset();
    for (let start = 0; start < data.n; start += batch) {
      this.evalRange(params, 0, data, steps, start, Math.min(batch, data.n - start), acc, true);
    }
    const rows = data.n * this.rowsPerSample(steps);
    const loss = acc.lossSum / lossDenominator(this.lossKind, rows, this.outputSize);
    const ev: Evaluation = {
      loss,
      penalty: this.penalty(params),
      metric: this.metric,
      value: 0,
      samples: data.n,
    };
    if (this.metric === "accuracy") {
      ev.accuracy = acc.correct / acc.judged;
      ev.value = ev.accuracy;
    } else {
      ev.rmse = Math.sqrt(acc.sse / acc.entries);
      ev.mae = acc.sae / acc.entries;
      ev.value = ev.rmse;
    }
    return ev;
  }

  /** Adds a batch's metric sums: `pred` = outputs (rows × cols), `y` the targets, both contiguous. */
  protected accumulateMetrics(
    acc: EvalAccumulator,
    pred: Float32Array,
    predOff: number,
    y: Float32Array,
    yOff: number,
    rows: number,
  ): void {
    const cols = this.outputSize;
    if (this.metric === "accuracy") {
      if (this.outputActivation === "sigmoid" && cols > 1) {
        acc.correct += countCorrectEntries(rows * cols, pred, predOff, y, yOff);
        acc.judged += rows * cols;
      } else {
        acc.correct += countCorrect(rows, cols, pred, predOff, y, yOff);
        acc.judged += rows;
      }
    } else {
      acc.sse += sumSquaredError(rows * cols, pred, predOff, y, yOff);
      acc.sae += sumAbsoluteError(rows * cols, pred, predOff, y, yOff);
      acc.entries += rows * cols;
    }
  }

  protected checkParamVector(fn: string, p: Float32Array): void {
    if (!(p instanceof Float32Array)) throw new TypeError(`${fn}: params must be a Float32Array`);
    if (p.length !== this.size)
      throw new RangeError(`${fn}: params has ${p.length} entries, model has ${this.size}`);
  }

  protected checkPopulation(fn: string, population: Float32Array, count: number, out: Float64Array): void {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`${fn}: count must be an integer >= 0, got ${count}`);
    if (population.length < count * this.size) {
      throw new RangeError(
        `${fn}: population has ${population.length} entries, ${count} candidates of ${this.size} need ${count * this.size}`,
      );
    }
    if (out.length < count)
      throw new RangeError(`${fn}: out has ${out.length} entries, expected at least ${count}`);
  }

  /** Checks that `data` fits this model (throws naming the mismatch); returns the steps per sample (1 for an MLP). */
  checkData(data: Samples): number {
    return this.checkSamples("checkData", data);
  }

  /**
   * Checks that `data` fits this model and returns the steps per sample (1 for an MLP).
   */
  protected abstract checkSamples(fn: string, data: Samples): number;
  /** Output rows per sample: 1, or the steps for every-step readout. */
  protected abstract rowsPerSample(steps: number): number;
  /**
   * Forward samples [start, start + count) of `data` with parameters `p` at `base` in inference mode,
   * adding the summed loss (and, when `metrics`, the metric sums) to `acc`.
   */
  protected abstract evalRange(
    p: Float32Array,
    base: number,
    data: Samples,
    steps: number,
    start: number,
    count: number,
    acc: EvalAccumulator,
    metrics: boolean,
  ): void;

  abstract initialize(rng: RngLike, target?: Float32Array): Float32Array;
  abstract forward(x: Float32Array, n: number, opts?: ForwardOptions): Float32Array;
  abstract backward(y: Float32Array): number;
  abstract predict(x: Float32Array, n: number, out?: Float32Array): Float32Array;
  abstract lossBatch(population: Float32Array, count: number, data: Samples, out: Float64Array): void;
  abstract flops(opts: FlopOptions): FlopCount;
}
