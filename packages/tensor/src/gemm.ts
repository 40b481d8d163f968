import { checkDim, checkMatrix } from "./checks.ts";
import { KC, MC, MR, NC, NR } from "./gemm-blocking.ts";
import { macroKernel } from "./gemm-macro-kernel.ts";
import { packLanesAcrossMemory, packLanesAlongMemory } from "./gemm-packing.ts";
import { gemmAsGemv, gemmSmall } from "./gemm-unpacked.ts";
import type { GemmFn } from "./kernels.ts";

/**
 * Shapes with fewer rows or columns than this, or fewer multiply-adds (m·n·k) than SMALL_VOLUME, skip
 * packing: with 1–2 rows most tile lanes would be padding, and for tiny products the packing overhead
 * dominates. (Measured: packing wins from 3 rows and columns on, even at 4×4×4.)
 */
const THIN = 3;
const SMALL_VOLUME = 64;

// Packing scratch, shared by every call and grown only when a larger block is needed: packing makes
// the micro-kernel's loads contiguous whatever the transpose flags, and float64 storage saves a
// float32 -> float64 conversion per load in the innermost loop. (JavaScript is single-threaded per
// isolate, so module-level scratch cannot be used by two calls at once.)
let packedA = new Float64Array(0);
let packedB = new Float64Array(0);

/**
 * Single-precision general matrix multiply, `C = alpha · op(A) · op(B) + beta · C`, row-major, with
 * BLAS semantics: `op(X)` is `X` or `Xᵀ` by the transpose flags, op(A) is m×k, op(B) is k×n, C is m×n;
 * each matrix is `(array, offset, leading dimension)`. When `beta === 0`, C is overwritten (NaNs in C
 * do not propagate); when `alpha === 0` or `k === 0`, A and B are not read. C must not overlap A or B.
 *
 * Products accumulate in float64 registers over blocks of up to `GEMM_BLOCKING.kc` terms, so the
 * result is far more accurate than float32 summation; C is rounded to float32 once per block.
 * Nothing is allocated except when the packing scratch has to grow.
 *
 * @example
 * ```ts
 * import { tsKernels } from "@arena/tensor";
 * const a = Float32Array.of(1, 2, 3, 4, 5, 6); // 2x3
 * const c = new Float32Array(4); // 2x2
 * tsKernels.gemm(false, true, 2, 2, 3, 1, a, 0, 3, a, 0, 3, 0, c, 0, 2); // C = A·Aᵀ
 * console.log(Array.from(c)); // [14, 32, 32, 77]
 * ```
 */
export const gemm: GemmFn = (
  transA,
  transB,
  m,
  n,
  k,
  alpha,
  a,
  aOff,
  lda,
  b,
  bOff,
  ldb,
  beta,
  c,
  cOff,
  ldc,
) => {
  checkGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
  if (m === 0 || n === 0) return;
  if (k === 0 || alpha === 0) {
    scaleMatrix(m, n, beta, c, cOff, ldc);
    return;
  }
  if (m === 1 || n === 1) {
    gemmAsGemv(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    return;
  }
  if (m < THIN || n < THIN || m * n * k < SMALL_VOLUME) {
    gemmSmall(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    return;
  }
  scaleMatrix(m, n, beta, c, cOff, ldc);
  gemmPacked(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
};

/**
 * C += alpha · op(A) · op(B) (beta already applied), Goto/BLIS loop nest: for each nc-wide, kc-deep
 * block of op(B), pack it once, then pack each mc-row block of op(A) and run the macro-kernel.
 */
function gemmPacked(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  b: Float32Array,
  bOff: number,
  ldb: number,
  c: Float32Array,
  cOff: number,
  ldc: number,
): void {
  const kcMax = Math.min(k, KC);
  const aNeed = kcMax * roundUp(Math.min(m, MC), MR);
  const bNeed = kcMax * roundUp(Math.min(n, NC), NR);
  if (packedA.length < aNeed) packedA = new Float64Array(aNeed);
  if (packedB.length < bNeed) packedB = new Float64Array(bNeed);
  const ap = packedA;
  const bp = packedB;

  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      if (transB) packLanesAlongMemory(b, bOff, ldb, jc, nc, pc, kc, bp);
      else packLanesAcrossMemory(b, bOff, ldb, jc, nc, pc, kc, bp);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        if (transA) packLanesAcrossMemory(a, aOff, lda, ic, mc, pc, kc, ap);
        else packLanesAlongMemory(a, aOff, lda, ic, mc, pc, kc, ap);
        macroKernel(mc, nc, kc, alpha, ap, bp, c, cOff + ic * ldc + jc, ldc);
      }
    }
  }
}

function roundUp(x: number, q: number): number {
  return Math.ceil(x / q) * q;
}

/** C *= beta; with beta = 0, C = 0 (so NaN or Infinity in C does not survive). */
function scaleMatrix(m: number, n: number, beta: number, c: Float32Array, cOff: number, ldc: number): void {
  if (beta === 1) return;
  if (beta === 0) {
    if (ldc === n) c.fill(0, cOff, cOff + m * n);
    else for (let i = 0; i < m; i++) c.fill(0, cOff + i * ldc, cOff + i * ldc + n);
    return;
  }
  for (let i = 0; i < m; i++) {
    const row = cOff + i * ldc;
    for (let j = 0; j < n; j++) c[row + j] *= beta;
  }
}

/** Checks gemm's sizes and that op(A), op(B) and C fit their arrays (both backends' gemm). */
export function checkGemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  b: Float32Array,
  bOff: number,
  ldb: number,
  c: Float32Array,
  cOff: number,
  ldc: number,
): void {
  checkDim("gemm", "m", m);
  checkDim("gemm", "n", n);
  checkDim("gemm", "k", k);
  checkMatrix("gemm", "A", a, aOff, transA ? k : m, transA ? m : k, lda);
  checkMatrix("gemm", "B", b, bOff, transB ? n : k, transB ? k : n, ldb);
  checkMatrix("gemm", "C", c, cOff, m, n, ldc);
}
