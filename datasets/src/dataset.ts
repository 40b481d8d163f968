/**
 * The shapes every learner trains on. Plain typed arrays, so models, optimizers and workers can use
 * them without knowing this package.
 */

export type Task = "classification" | "regression";

/**
 * n samples. `x` holds n × prod(xShape) features, row-major, one sample after another. A sequence
 * sample has xShape [steps, features] and is stored time-major inside the sample (step 0's features,
 * then step 1's, …).
 *
 * `y` holds n × prod(yShape) targets. Classification with k ≥ 2 classes stores one-hot rows (yShape
 * [k]); binary problems with a single sigmoid output (XOR, parity) store 0/1 in yShape [1]. Regression
 * stores values. A sequence with a target at every step has yShape [steps, outputs].
 */
export interface Dataset {
  readonly n: number;
  readonly x: Float32Array;
  readonly xShape: readonly number[];
  readonly y: Float32Array;
  readonly yShape: readonly number[];
}

export type Metric = "accuracy" | "rmse";

/** A problem ready to train on: three disjoint splits with scaling already fitted on `train`. */
export interface Problem {
  readonly name: string;
  readonly task: Task;
  /** The figure to report besides the loss. */
  readonly metric: Metric;
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly test: Dataset;
  /** Class names, for classification. */
  readonly classes?: readonly string[];
  /** Anything needed to read predictions back in the original units (e.g. the target scaler's mean/std). */
  readonly info?: Readonly<Record<string, unknown>>;
}
