import { checkDim, checkMatrix, checkVector } from "./checks.ts";

// Row-wise and column-wise kernels over row-major m×n matrices: bias broadcast, bias gradients
// (column sums), softmax and argmax per row. Every loop walks rows contiguously.

// Float64 column accumulators for colSums, grown only when a wider matrix comes along.
let columnAccumulator = new Float64Array(0);

/**
 * The largest of the n values of `x` from `off`, −Infinity for none (NaN never wins a comparison):
 * the max that softmax and cross-entropy subtract before exp.
 */
export function rowMax(x: Float32Array, off: number, n: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < n; j++) if (x[off + j] > max) max = x[off + j];
  return max;
}

/** Adds the n-vector `bias` to each of the m rows of C (m×n): C[i, j] += bias[j]. */
export function addRowBias(
  m: number,
  n: number,
  bias: Float32Array,
  biasOff: number,
  c: Float32Array,
  cOff: number,
  ldc: number,
): void {
  checkDim("addRowBias", "m", m);
  checkDim("addRowBias", "n", n);
  checkVector("addRowBias", "bias", bias, biasOff, n);
  checkMatrix("addRowBias", "C", c, cOff, m, n, ldc);
  for (let i = 0; i < m; i++) {
    const row = cOff + i * ldc;
    for (let j = 0; j < n; j++) c[row + j] += bias[biasOff + j];
  }
}

/**
 * Column sums of A (m×n), as bias gradients need: out[j] = alpha · Σ_i A[i, j] + beta · out[j]
 * (beta = 0 overwrites `out`). Rows are added in order into float64 accumulators, so A is read
 * contiguously and the sums are rounded to float32 once. `out` must not overlap A.
 */
export function colSums(
  m: number,
  n: number,
  alpha: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  beta: number,
  out: Float32Array,
  outOff: number,
): void {
  checkDim("colSums", "m", m);
  checkDim("colSums", "n", n);
  checkMatrix("colSums", "A", a, aOff, m, n, lda);
  checkVector("colSums", "out", out, outOff, n);
  if (columnAccumulator.length < n) columnAccumulator = new Float64Array(n);
  const acc = columnAccumulator;
  acc.fill(0, 0, n);
  for (let i = 0; i < m; i++) {
    const row = aOff + i * lda;
    for (let j = 0; j < n; j++) acc[j] += a[row + j];
  }
  for (let j = 0; j < n; j++) {
    const s = alpha * acc[j];
    out[outOff + j] = beta === 0 ? s : s + beta * out[outOff + j];
  }
}

/**
 * Row-wise softmax of X (m×n) into OUT (m×n): out[i, j] = exp(x[i, j] - max_i) / Σ_j exp(x[i, j] - max_i).
 * Subtracting the row maximum keeps exp() from overflowing for large logits; the sum is in float64.
 * OUT may be X itself (same offset and leading dimension). A row holding NaN or +Infinity gives NaN.
 */
export function softmaxRows(
  m: number,
  n: number,
  x: Float32Array,
  xOff: number,
  ldx: number,
  out: Float32Array,
  outOff: number,
  ldo: number,
): void {
  checkDim("softmaxRows", "m", m);
  checkDim("softmaxRows", "n", n);
  checkMatrix("softmaxRows", "X", x, xOff, m, n, ldx);
  checkMatrix("softmaxRows", "OUT", out, outOff, m, n, ldo);
  for (let i = 0; i < m; i++) {
    const xr = xOff + i * ldx;
    const or = outOff + i * ldo;
    const max = rowMax(x, xr, n);
    let s = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(x[xr + j] - max);
      out[or + j] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let j = 0; j < n; j++) out[or + j] *= inv;
  }
}

/**
 * out[i] = index of the largest entry in row i of X (m×n); the first one on ties. A NaN counts as
 * larger than any number (as in NumPy), so a row holding NaN gives the index of its first NaN.
 */
export function argmaxRows(
  m: number,
  n: number,
  x: Float32Array,
  xOff: number,
  ldx: number,
  out: Int32Array,
  outOff: number,
): void {
  checkDim("argmaxRows", "m", m);
  checkDim("argmaxRows", "n", n);
  if (n === 0 && m > 0)
    throw new RangeError(`argmaxRows: the ${m} rows have no columns (n = 0), so no maximum`);
  checkMatrix("argmaxRows", "X", x, xOff, m, n, ldx);
  checkVector("argmaxRows", "out", out, outOff, m);
  for (let i = 0; i < m; i++) {
    const r = xOff + i * ldx;
    let best = 0;
    let bv = x[r];
    if (!Number.isNaN(bv)) {
      for (let j = 1; j < n; j++) {
        const v = x[r + j];
        if (v > bv) {
          bv = v;
          best = j;
        } else if (Number.isNaN(v)) {
          best = j;
          break;
        }
      }
    }
    out[outOff + i] = best;
  }
}
