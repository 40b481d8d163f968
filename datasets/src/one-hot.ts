import type { Dataset } from "./dataset.ts";

/**
 * One-hot rows (n × k) for integer class labels in 0..k-1.
 *
 * @example
 * ```ts
 * import { oneHot } from "@arena/datasets";
 * oneHot([2, 0], 3); // Float32Array [0, 0, 1, 1, 0, 0]
 * ```
 */
export function oneHot(labels: ArrayLike<number>, k: number): Float32Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`oneHot: k must be an integer >= 1, got ${k}`);
  const out = new Float32Array(labels.length * k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new RangeError(`oneHot: label ${c} at row ${i} is not an integer in 0..${k - 1}`);
    }
    out[i * k + c] = 1;
  }
  return out;
}

/** The index of the largest value in each row of an n × k matrix (first one on ties). */
export function argmaxRows(values: ArrayLike<number>, k: number): Int32Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`argmaxRows: k must be an integer >= 1, got ${k}`);
  if (values.length % k !== 0) {
    throw new RangeError(`argmaxRows: ${values.length} values is not a multiple of k = ${k}`);
  }
  const n = values.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestV = values[i * k];
    for (let j = 1; j < k; j++) {
      const v = values[i * k + j];
      if (v > bestV) {
        bestV = v;
        best = j;
      }
    }
    out[i] = best;
  }
  return out;
}

/**
 * The class index of every sample of a classification Dataset: argmax of one-hot rows (yShape [k], k ≥ 2),
 * or y ≥ 0.5 for single-sigmoid binary problems (yShape [1]). Sequences have no single class per sample.
 */
export function classLabels(ds: Dataset): Int32Array {
  if (ds.yShape.length !== 1) {
    throw new RangeError(
      `classLabels: yShape [${ds.yShape.join(", ")}] is not a per-sample class; expected [k] or [1]`,
    );
  }
  const k = ds.yShape[0];
  if (k === 1) {
    const out = new Int32Array(ds.n);
    for (let i = 0; i < ds.n; i++) out[i] = ds.y[i] >= 0.5 ? 1 : 0;
    return out;
  }
  return argmaxRows(ds.y, k);
}

/** How many samples carry each label 0..k-1. */
export function classCounts(labels: ArrayLike<number>, k: number): Int32Array {
  const out = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new RangeError(`classCounts: label ${c} at row ${i} is not an integer in 0..${k - 1}`);
    }
    out[c]++;
  }
  return out;
}
