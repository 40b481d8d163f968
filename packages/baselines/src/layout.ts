import type { Dataset, Problem } from "@arena/datasets";
import { shapeSize } from "@arena/tensor";
import type { BaselineLoss } from "./types.ts";

/**
 * How a problem's samples are laid out for a baseline, in nn's terms: each sample has `d` inputs and
 * `stepsOut` output rows of `cols` values (stepsOut > 1 for targets at every step, yShape [steps, cols]).
 */
export interface Layout {
  /** Flattened inputs per sample: prod(xShape). */
  readonly d: number;
  /** Target values per sample: prod(yShape). */
  readonly outputs: number;
  /** Values per output row: the last entry of yShape. */
  readonly cols: number;
  /** Output rows per sample: outputs / cols. */
  readonly stepsOut: number;
  /** Targets at every step (yShape [steps, cols]). */
  readonly everyStep: boolean;
}

const SPLITS = ["train", "validation", "test"] as const;

/** The problem's layout; throws, naming the split and the value, when the splits disagree or are malformed. */
export function problemLayout(problem: Problem): Layout {
  if (problem.task !== "classification" && problem.task !== "regression") {
    throw new RangeError(
      `${problem.name}: task "${String(problem.task)}" is not one of "classification", "regression"`,
    );
  }
  const expected = problem.task === "classification" ? "accuracy" : "rmse";
  if (problem.metric !== expected) {
    throw new RangeError(
      `${problem.name}: metric "${String(problem.metric)}" does not go with task "${problem.task}"; expected "${expected}"`,
    );
  }
  const { xShape, yShape } = problem.train;
  if (xShape.length === 0 || yShape.length === 0) {
    throw new RangeError(
      `${problem.name}: train has xShape [${xShape.join(", ")}] and yShape [${yShape.join(", ")}]; expected non-empty shapes`,
    );
  }
  const d = shapeSize(xShape);
  const outputs = shapeSize(yShape);
  for (const split of SPLITS) {
    const ds: Dataset = problem[split];
    const same = (a: readonly number[], b: readonly number[]) =>
      a.length === b.length && a.every((v, i) => v === b[i]);
    if (!same(ds.xShape, xShape) || !same(ds.yShape, yShape)) {
      throw new RangeError(
        `${problem.name}: ${split} has xShape [${ds.xShape.join(", ")}], yShape [${ds.yShape.join(", ")}]; ` +
          `expected train's [${xShape.join(", ")}], [${yShape.join(", ")}]`,
      );
    }
    if (!Number.isInteger(ds.n) || ds.n < 0) {
      throw new RangeError(`${problem.name}: ${split}.n is ${ds.n}; expected an integer >= 0`);
    }
    if (ds.x.length !== ds.n * d || ds.y.length !== ds.n * outputs) {
      throw new RangeError(
        `${problem.name}: ${split} has ${ds.x.length} inputs and ${ds.y.length} targets; expected ` +
          `n × prod(xShape) = ${ds.n * d} and n × prod(yShape) = ${ds.n * outputs}`,
      );
    }
  }
  const cols = yShape[yShape.length - 1];
  return { d, outputs, cols, stepsOut: outputs / cols, everyStep: yShape.length >= 2 };
}

/**
 * The loss the figures use: regression "mse"; classification the default model's loss (an MLP's `loss`,
 * else cross-entropy for softmax, bce for sigmoid; a recurrent net's `loss`), else cross-entropy for
 * one-hot targets and bce for one 0/1 output. A softmax cross-entropy over one output is always 0, so one
 * output gets bce unless the model says "mse"; "bce" over several outputs is the per-entry binary
 * cross-entropy, as nn computes it.
 */
export function resolveLoss(problem: Problem, layout: Layout, requested?: BaselineLoss): BaselineLoss {
  if (problem.task === "regression") return "mse";
  let loss = requested;
  if (loss === undefined) {
    const spec = problem.model;
    if (spec?.kind === "mlp") {
      loss =
        spec.loss ??
        (spec.output === "softmax" ? "cross-entropy" : spec.output === "sigmoid" ? "bce" : "mse");
    } else if (spec !== undefined) {
      loss = spec.loss ?? "mse";
    }
  }
  if (loss !== undefined && loss !== "mse" && loss !== "cross-entropy" && loss !== "bce") {
    throw new RangeError(
      `${problem.name}: loss "${String(loss)}" is not one of "mse", "cross-entropy", "bce"`,
    );
  }
  if (loss === "mse" || (loss === "bce" && layout.cols > 1)) return loss;
  return layout.cols === 1 ? "bce" : "cross-entropy";
}
