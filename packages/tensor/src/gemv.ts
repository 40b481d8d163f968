import { checkDim, checkMatrix, checkVector } from "./checks.ts";

// Float64 accumulator row for the transposed case, grown only when a wider matrix comes along.
let accumulator = new Float64Array(0);

/**
 * Matrix-vector multiply `y = alpha · op(A) · x + beta · y` for row-major A (m×n), with BLAS semantics:
 * op(A) is A (y has m entries, x has n) or Aᵀ (y has n entries, x has m). With `beta === 0`, y is
 * overwritten (NaNs in y do not propagate). Sums accumulate in float64. y must not overlap A or x.
 *
 * @example
 * ```ts
 * import { tsKernels } from "@arena/tensor";
 * const a = Float32Array.of(1, 2, 3, 4, 5, 6); // 2x3
 * const y = new Float32Array(2);
 * tsKernels.gemv(false, 2, 3, 1, a, 0, 3, Float32Array.of(1, 0, -1), 0, 0, y, 0);
 * console.log(Array.from(y)); // [-2, -2]
 * ```
 */
export function gemv(
  transA: boolean,
  m: number,
  n: number,
  alpha: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  x: Float32Array,
  xOff: number,
  beta: number,
  y: Float32Array,
  yOff: number,
): void {
  checkDim("gemv", "m", m);
  checkDim("gemv", "n", n);
  checkMatrix("gemv", "A", a, aOff, m, n, lda);
  checkVector("gemv", "x", x, xOff, transA ? m : n);
  checkVector("gemv", "y", y, yOff, transA ? n : m);
  gemvStrided(transA, m, n, alpha, a, aOff, lda, x, xOff, 1, beta, y, yOff, 1);
}

/**
 * The unchecked core of {@link gemv} with element strides `incx`, `incy` (>= 1) for x and y, as BLAS
 * has them; gemm uses it for its 1×n and m×1 cases, where x or y is a strided column.
 */
export function gemvStrided(
  transA: boolean,
  m: number,
  n: number,
  alpha: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  x: Float32Array,
  xOff: number,
  incx: number,
  beta: number,
  y: Float32Array,
  yOff: number,
  incy: number,
): void {
  if (transA) gemvTransposed(m, n, alpha, a, aOff, lda, x, xOff, incx, beta, y, yOff, incy);
  else gemvRows(m, n, alpha, a, aOff, lda, x, xOff, incx, beta, y, yOff, incy);
}

/** y[i] = alpha · (row i of A) · x + beta · y[i]; four rows at a time so each x[j] load feeds four products. */
function gemvRows(
  m: number,
  n: number,
  alpha: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  x: Float32Array,
  xOff: number,
  incx: number,
  beta: number,
  y: Float32Array,
  yOff: number,
  incy: number,
): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const r0 = aOff + i * lda;
    const r1 = r0 + lda;
    const r2 = r1 + lda;
    const r3 = r2 + lda;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let px = xOff;
    for (let j = 0; j < n; j++) {
      const xj = x[px];
      s0 += a[r0 + j] * xj;
      s1 += a[r1 + j] * xj;
      s2 += a[r2 + j] * xj;
      s3 += a[r3 + j] * xj;
      px += incx;
    }
    const py = yOff + i * incy;
    storeScaled(y, py, alpha * s0, beta);
    storeScaled(y, py + incy, alpha * s1, beta);
    storeScaled(y, py + 2 * incy, alpha * s2, beta);
    storeScaled(y, py + 3 * incy, alpha * s3, beta);
  }
  for (; i < m; i++) {
    const r = aOff + i * lda;
    let s = 0;
    let px = xOff;
    for (let j = 0; j < n; j++) {
      s += a[r + j] * x[px];
      px += incx;
    }
    storeScaled(y, yOff + i * incy, alpha * s, beta);
  }
}

/**
 * y = alpha · Aᵀ · x + beta · y: walks A row by row (contiguously), adding four scaled rows at a time
 * into a float64 accumulator of length n.
 */
function gemvTransposed(
  m: number,
  n: number,
  alpha: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  x: Float32Array,
  xOff: number,
  incx: number,
  beta: number,
  y: Float32Array,
  yOff: number,
  incy: number,
): void {
  if (accumulator.length < n) accumulator = new Float64Array(n);
  const acc = accumulator;
  acc.fill(0, 0, n);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const r0 = aOff + i * lda;
    const r1 = r0 + lda;
    const r2 = r1 + lda;
    const r3 = r2 + lda;
    const px = xOff + i * incx;
    const x0 = x[px];
    const x1 = x[px + incx];
    const x2 = x[px + 2 * incx];
    const x3 = x[px + 3 * incx];
    for (let j = 0; j < n; j++) acc[j] += x0 * a[r0 + j] + x1 * a[r1 + j] + x2 * a[r2 + j] + x3 * a[r3 + j];
  }
  for (; i < m; i++) {
    const r = aOff + i * lda;
    const xi = x[xOff + i * incx];
    for (let j = 0; j < n; j++) acc[j] += xi * a[r + j];
  }
  let py = yOff;
  for (let j = 0; j < n; j++) {
    storeScaled(y, py, alpha * acc[j], beta);
    py += incy;
  }
}

/** y[i] = v + beta · y[i], except that beta = 0 overwrites (BLAS: y is then not read). */
function storeScaled(y: Float32Array, i: number, v: number, beta: number): void {
  y[i] = beta === 0 ? v : beta === 1 ? v + y[i] : v + beta * y[i];
}
