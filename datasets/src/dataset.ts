/**
 * The shapes every learner trains on. Plain typed arrays, so models, optimizers and workers can use
 * them without knowing this package.
 */

import { shapeSize } from "@arena/tensor/shape-size";
import type { ModelSpec } from "./model-spec.ts";

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
  /** A default model for these shapes (plain JSON for the nn package). */
  readonly model?: ModelSpec;
  /** One line: what the problem is. */
  readonly description?: string;
  /**
   * Set on forecasting problems cut from one univariate series (windows of past values, chronological
   * split): feature 0 of every input step is the series itself, scaled like the targets, so the last
   * step's value is the naive forecast. `period` is the season length when the problem has one
   * (e.g. 12 for monthly data), for the seasonal naive forecast; that forecast reads step
   * inputLength − period of the window, so it needs inputLength ≥ period.
   */
  readonly forecast?: { readonly period?: number };
  /**
   * True for problems defined by a fixed set of points (XOR, parity): train, validation and test are the
   * same points by definition, so test figures measure fit, not generalisation; also set when options
   * make the held-out windows repeat training ones (a noise-free sine). Absent or false: the test split
   * shares no sample (input and target, bit for bit) with train, nor with validation, and validation none
   * with train; loaders drop exact duplicates to keep it so (`info.duplicatesDropped`).
   */
  readonly testIsTrain?: boolean;
}

/**
 * Checks that `x` and `y` hold exactly `n` samples of the given shapes and wraps them as a Dataset.
 * The arrays are used as they are (no copy).
 *
 * @example
 * ```ts
 * import { createDataset } from "@arena/datasets";
 * const ds = createDataset(new Float32Array([0, 0, 1, 1]), [2], new Float32Array([0, 1]), [1]);
 * console.log(ds.n); // 2
 * ```
 */
export function createDataset(
  x: Float32Array,
  xShape: readonly number[],
  y: Float32Array,
  yShape: readonly number[],
): Dataset {
  const size = (shape: readonly number[], what: string): number => {
    for (const s of shape) {
      if (!Number.isInteger(s) || s < 1) {
        throw new RangeError(`createDataset: ${what} [${shape.join(", ")}] must hold positive integers`);
      }
    }
    if (shape.length === 0) throw new RangeError(`createDataset: ${what} must not be empty`);
    return shapeSize(shape);
  };
  const xs = size(xShape, "xShape");
  const ys = size(yShape, "yShape");
  if (x.length % xs !== 0) {
    throw new RangeError(`createDataset: x has ${x.length} values, not a multiple of prod(xShape) = ${xs}`);
  }
  const n = x.length / xs;
  if (y.length !== n * ys) {
    throw new RangeError(
      `createDataset: y has ${y.length} values, expected n × prod(yShape) = ${n} × ${ys} = ${n * ys}`,
    );
  }
  return { n, x, xShape: [...xShape], y, yShape: [...yShape] };
}

/** Number of values per sample: prod(shape). The name datasets' callers know for tensor's shapeSize. */
export const sampleSize: (shape: readonly number[]) => number = shapeSize;
