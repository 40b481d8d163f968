import type { Dataset, Problem } from "@arena/datasets";
import { constantProbabilityLoss, repeatRow, splitFigures } from "./figures.ts";
import type { Layout } from "./layout.ts";
import type { BaselineLoss, BaselineResult } from "./types.ts";

/**
 * Class counts over every target row of `ds` (n·stepsOut rows): the row's argmax for cols ≥ 2 (first on
 * ties, as nn's `countCorrect` reads targets), y ≥ 0.5 for one output (then [count of 0, count of 1]).
 */
export function classCountsOfRows(ds: Dataset, layout: Layout): Float64Array {
  const rows = ds.n * layout.stepsOut;
  const cols = layout.cols;
  const y = ds.y;
  if (cols === 1) {
    let ones = 0;
    for (let r = 0; r < rows; r++) if (y[r] >= 0.5) ones++;
    return new Float64Array([rows - ones, ones]);
  }
  const counts = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let best = 0;
    for (let j = 1; j < cols; j++) if (y[o + j] > y[o + best]) best = j;
    counts[best]++;
  }
  return counts;
}

/**
 * The majority class of the training rows (ties → lowest index), predicted for every row; its loss uses
 * the training class frequencies with add-one (Laplace) smoothing as the predicted probabilities.
 */
export function fitMajority(problem: Problem, layout: Layout, lossKind: BaselineLoss): BaselineResult {
  const counts = classCountsOfRows(problem.train, layout);
  const k = counts.length;
  let best = 0;
  for (let j = 1; j < k; j++) if (counts[j] > counts[best]) best = j;
  const rowsTrain = problem.train.n * layout.stepsOut;
  const smoothed = counts.map((c) => (c + 1) / (rowsTrain + k));
  // The prediction nn's metric reads: a one-hot row (or 0/1 for one output) of the majority class.
  const hardRow = layout.cols === 1 ? [best] : Array.from({ length: k }, (_, j) => (j === best ? 1 : 0));
  // The probabilities the loss reads, in the model's output layout (P(1) for one output).
  const probs = layout.cols === 1 ? new Float64Array([smoothed[1]]) : smoothed;
  const score = (ds: Dataset) =>
    splitFigures(problem, layout, ds, repeatRow(hardRow, ds.n * layout.stepsOut), (d, rows) =>
      constantProbabilityLoss(lossKind, probs, d.y, rows),
    );
  const name = problem.classes?.[best];
  const label = name === undefined ? `${best}` : `${best} ("${name}")`;
  const share = counts[best] / rowsTrain;
  const perStep = layout.stepsOut > 1 ? ` over all ${layout.stepsOut} steps` : "";
  return {
    method: "majority",
    role: "trivial",
    description:
      `majority class ${label} of train${perStep} (${counts[best]} of ${rowsTrain} rows, ${(100 * share).toFixed(1)}%); ` +
      `loss from the train class frequencies with add-one smoothing`,
    parameters: k,
    fitFlops: rowsTrain * layout.cols + 2 * k,
    settings: { class: best, ...(name === undefined ? {} : { className: name }), trainShare: share },
    lossKind,
    train: score(problem.train),
    validation: score(problem.validation),
    test: score(problem.test),
  };
}

/** The training mean of each output (over all steps for every-step targets), predicted for every row. */
export function fitMean(problem: Problem, layout: Layout): BaselineResult {
  const { cols } = layout;
  const rows = problem.train.n * layout.stepsOut;
  const mean = new Float64Array(cols);
  const y = problem.train.y;
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) mean[j] += y[r * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  const score = (ds: Dataset) => splitFigures(problem, layout, ds, repeatRow(mean, ds.n * layout.stepsOut));
  const perStep = layout.stepsOut > 1 ? ` over all ${layout.stepsOut} steps` : "";
  return {
    method: "mean",
    role: "trivial",
    description:
      cols === 1
        ? `the train mean of the target${perStep} (${mean[0].toPrecision(4)}) for every sample`
        : `the train mean of each of the ${cols} outputs${perStep} for every sample`,
    parameters: cols,
    fitFlops: rows * cols + cols,
    settings: cols === 1 ? { mean: mean[0] } : {},
    lossKind: "mse",
    train: score(problem.train),
    validation: score(problem.validation),
    test: score(problem.test),
  };
}
