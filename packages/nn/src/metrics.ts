/**
 * Metrics over predictions and targets laid out as the data are (rows × cols, row-major). Sums are
 * accumulated in float64.
 */

/**
 * Number of rows whose prediction is right. With cols ≥ 2 the predicted class is the row's argmax and
 * the true class the argmax of the (one-hot) target; with cols = 1 the prediction is `pred ≥ threshold`
 * and the target `y ≥ 0.5` (a single sigmoid output on 0/1 targets).
 */
export function countCorrect(
  rows: number,
  cols: number,
  pred: Float32Array,
  predOff: number,
  y: Float32Array,
  yOff: number,
  threshold = 0.5,
): number {
  // One output: a yes/no per row, as one entry of the multi-label count.
  if (cols === 1) return countCorrectEntries(rows, pred, predOff, y, yOff, threshold);
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const pr = predOff + r * cols;
    const yr = yOff + r * cols;
    let bp = 0;
    let by = 0;
    for (let j = 1; j < cols; j++) {
      if (pred[pr + j] > pred[pr + bp]) bp = j;
      if (y[yr + j] > y[yr + by]) by = j;
    }
    if (bp === by) correct++;
  }
  return correct;
}

/**
 * Number of entries right when each of the cols outputs is its own yes/no (multi-label sigmoid outputs):
 * `pred ≥ threshold` against `y ≥ 0.5`.
 */
export function countCorrectEntries(
  n: number,
  pred: Float32Array,
  predOff: number,
  y: Float32Array,
  yOff: number,
  threshold = 0.5,
): number {
  let correct = 0;
  for (let i = 0; i < n; i++) if (pred[predOff + i] >= threshold === y[yOff + i] >= 0.5) correct++;
  return correct;
}

/** Σ (pred − y)² over n entries. */
export function sumSquaredError(
  n: number,
  pred: Float32Array,
  predOff: number,
  y: Float32Array,
  yOff: number,
): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = pred[predOff + i] - y[yOff + i];
    s += e * e;
  }
  return s;
}

/** Σ |pred − y| over n entries. */
export function sumAbsoluteError(
  n: number,
  pred: Float32Array,
  predOff: number,
  y: Float32Array,
  yOff: number,
): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(pred[predOff + i] - y[yOff + i]);
  return s;
}

/**
 * Classification accuracy in [0, 1] of `rows` predictions (see {@link countCorrect}).
 *
 * @example
 * ```ts
 * import { accuracy } from "@arena/nn";
 * const pred = new Float32Array([0.9, 0.1, 0.2, 0.8]);
 * const y = new Float32Array([1, 0, 1, 0]);
 * console.log(accuracy(pred, y, 2, 2)); // 0.5
 * ```
 */
export function accuracy(
  pred: Float32Array,
  y: Float32Array,
  rows: number,
  cols: number,
  threshold = 0.5,
): number {
  checkPair("accuracy", pred, y, rows * cols);
  return rows === 0 ? Number.NaN : countCorrect(rows, cols, pred, 0, y, 0, threshold) / rows;
}

/** Root mean squared error over the first n entries. */
export function rmse(pred: Float32Array, y: Float32Array, n = pred.length): number {
  checkPair("rmse", pred, y, n);
  return n === 0 ? Number.NaN : Math.sqrt(sumSquaredError(n, pred, 0, y, 0) / n);
}

/** Mean absolute error over the first n entries. */
export function mae(pred: Float32Array, y: Float32Array, n = pred.length): number {
  checkPair("mae", pred, y, n);
  return n === 0 ? Number.NaN : sumAbsoluteError(n, pred, 0, y, 0) / n;
}

function checkPair(fn: string, pred: Float32Array, y: Float32Array, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${fn}: size must be an integer >= 0, got ${n}`);
  if (pred.length < n) throw new RangeError(`${fn}: pred has ${pred.length} entries, expected at least ${n}`);
  if (y.length < n) throw new RangeError(`${fn}: y has ${y.length} entries, expected at least ${n}`);
}
