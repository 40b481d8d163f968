import type { RngLike, UniformSource } from "@arena/rng";
import type { Kernels } from "@arena/tensor";
import type { FlopCount, FlopOptions } from "./flops.ts";
import type { LayerInfo } from "./layout.ts";
import type { ResolvedSpec } from "./spec.ts";

/**
 * The shapes a model reads: n samples with x (n × features, row-major; a sequence sample is
 * [steps, features], time-major inside the sample) and y (n × outputs; every-step targets are
 * [steps, outputs] per sample). A `Dataset` of `@arena/datasets` fits this structurally.
 */
export interface Samples {
  readonly n: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Per-sample shape of x; for a sequence [steps, features]. Optional for an MLP. */
  readonly xShape?: readonly number[];
  readonly yShape?: readonly number[];
}

/** Options of a forward pass. */
export interface ForwardOptions {
  /**
   * Training mode: with a random source given, dropout draws its masks from it (and backward
   * applies them). Without one the pass is in inference mode (no dropout).
   */
  rng?: UniformSource;
}

/** What `evaluate` reports over a whole split. */
export interface Evaluation {
  /** Mean data loss (without the penalty). */
  loss: number;
  /** The L1/L2 penalty of the parameters evaluated (0 without regularisation). */
  penalty: number;
  /** Which figure `value` is: accuracy for softmax/sigmoid outputs, RMSE otherwise. */
  metric: "accuracy" | "rmse";
  value: number;
  accuracy?: number;
  rmse?: number;
  mae?: number;
  /** Samples evaluated (sequences count once). */
  samples: number;
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Evaluate this parameter vector instead of the model's own (not copied, not modified). */
  params?: Float32Array;
  /** Samples per forward pass; default 256. */
  batchSize?: number;
}

/** Plain JSON from which `modelFromJSON` rebuilds a model exactly. */
export interface ModelJSON {
  format: "arena-nn";
  version: 1;
  spec: ResolvedSpec;
  /** The parameter vector; float32 values survive JSON exactly (each is a double that prints and parses back). */
  params: number[];
}

/** A layer's gradient norm. */
export interface LayerNorm {
  name: string;
  norm: number;
}

/** What every model offers; `Mlp` and `RecurrentNet` implement it. */
export interface Model {
  readonly spec: ResolvedSpec;
  readonly kernels: Kernels;
  /** Length of the parameter vector. */
  readonly size: number;
  readonly params: Float32Array;
  readonly grads: Float32Array;
  readonly layers: readonly LayerInfo[];
  /** Features per sample (MLP) or per step (recurrent). */
  readonly inputSize: number;
  /** Outputs per sample (per step for every-step readout). */
  readonly outputSize: number;
  /** The metric `evaluate` reports. */
  readonly metric: "accuracy" | "rmse";
  getParams(out?: Float32Array): Float32Array;
  setParams(v: ArrayLike<number>): void;
  zeroGrads(): void;
  /** The L1/L2 penalty of a parameter vector (the model's own by default), or of row `base` of a population. */
  penalty(params?: Float32Array, base?: number): number;
  /** Checks that data fit the model; returns the steps per sample (1 for an MLP). */
  checkData(data: Samples): number;
  /** Draws fresh initial parameters into `target` (default: the model's params). */
  initialize(rng: RngLike, target?: Float32Array): Float32Array;
  forward(x: Float32Array, n: number, opts?: ForwardOptions): Float32Array;
  backward(y: Float32Array): number;
  predict(x: Float32Array, n: number, out?: Float32Array): Float32Array;
  loss(data: Samples, params?: Float32Array): number;
  lossBatch(population: Float32Array, count: number, data: Samples, out: Float64Array): void;
  evaluate(data: Samples, opts?: EvaluateOptions): Evaluation;
  flops(opts: FlopOptions): FlopCount;
  gradientNorms(): LayerNorm[];
  diagnostics(): Record<string, number[]>;
  toJSON(): ModelJSON;
  /** True once `dispose` ran. */
  readonly disposed: boolean;
  /**
   * Frees params, grads and workspaces (in the WebAssembly backend's memory they go back to its free
   * list). Idempotent; using the model afterwards throws.
   */
  dispose(): void;
}

/** Accumulates loss and metric sums over the batches of a split. */
export class EvalAccumulator {
  lossSum = 0;
  correct = 0;
  judged = 0;
  sse = 0;
  sae = 0;
  entries = 0;

  reset(): void {
    this.lossSum = 0;
    this.correct = 0;
    this.judged = 0;
    this.sse = 0;
    this.sae = 0;
    this.entries = 0;
  }
}
