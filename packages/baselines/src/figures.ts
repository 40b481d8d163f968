import type { Dataset, Problem } from "@arena/datasets";
import { countCorrect, sumSquaredError } from "@arena/nn";
import type { Layout } from "./layout.ts";
import type { BaselineLoss, SplitFigures } from "./types.ts";

const EMPTY: SplitFigures = { loss: Number.NaN, metric: Number.NaN };

/**
 * A split's figures from a baseline's predictions `pred` (n·stepsOut rows × cols, as a model's outputs):
 * accuracy as nn's `countCorrect` over the rows (argmax, or ≥ 0.5 for one output) with the loss from
 * `classLoss` (NaN without it); RMSE as √(nn's `sumSquaredError` / entries) with the loss its square,
 * nn's "mse". NaN figures on an empty split.
 */
export function splitFigures(
  problem: Problem,
  layout: Layout,
  ds: Dataset,
  pred: Float32Array,
  classLoss?: (ds: Dataset, rows: number) => number,
): SplitFigures {
  if (ds.n === 0) return EMPTY;
  const rows = ds.n * layout.stepsOut;
  if (pred.length !== rows * layout.cols) {
    throw new RangeError(
      `splitFigures: ${pred.length} predictions, expected rows × cols = ${rows * layout.cols}`,
    );
  }
  if (problem.metric === "accuracy") {
    const metric = countCorrect(rows, layout.cols, pred, 0, ds.y, 0) / rows;
    return { loss: classLoss ? classLoss(ds, rows) : Number.NaN, metric };
  }
  const mse = meanSquaredError(pred, ds.y, rows * layout.cols);
  return { loss: mse, metric: Math.sqrt(mse) };
}

/** nn's "mse": Σ (pred − y)² over the entries, divided by their number. */
export function meanSquaredError(pred: Float32Array, y: Float32Array, entries: number): number {
  return entries === 0 ? Number.NaN : sumSquaredError(entries, pred, 0, y, 0) / entries;
}

/** The same row of `cols` values repeated `rows` times. */
export function repeatRow(row: ArrayLike<number>, rows: number): Float32Array {
  const cols = row.length;
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) out[r * cols + j] = row[j];
  return out;
}

/**
 * The loss of predicting the same class probabilities `p` for every row, as nn defines it:
 * "cross-entropy" −Σⱼ yⱼ·log pⱼ averaged over rows (p a distribution over the cols classes);
 * "bce" −[y·log p + (1 − y)·log(1 − p)] averaged over rows × cols entries (pⱼ the probability that
 * entry j is 1); "mse" Σ (pⱼ − yⱼ)² averaged over rows × cols.
 */
export function constantProbabilityLoss(
  kind: BaselineLoss,
  p: Float64Array,
  y: Float32Array,
  rows: number,
): number {
  const cols = p.length;
  if (rows === 0) return Number.NaN;
  if (kind === "mse") return meanSquaredError(repeatRow(p, rows), y, rows * cols);
  const logP = p.map(Math.log);
  let total = 0;
  if (kind === "cross-entropy") {
    for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) total -= y[r * cols + j] * logP[j];
    return total / rows;
  }
  const log1mP = p.map((v) => Math.log1p(-v));
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      const t = y[r * cols + j];
      total -= t * logP[j] + (1 - t) * log1mP[j];
    }
  }
  return total / (rows * cols);
}
