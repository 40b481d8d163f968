// gemm and strided batched gemm (BLAS sgemm, row-major): beta scaling, the single-row path
// (gemm-row.ts), the unpacked path for small shapes, and the Goto/BLIS loop nest around packing
// (gemm-packing.ts) and the macro-kernel.
import { KC, MC, NC } from "./gemm-blocking";
import { macroKernel } from "./gemm-macro-kernel";
import { packA, packB } from "./gemm-packing";
import { gemmRow } from "./gemm-row";

/** C (m×n) *= beta in float64; beta = 0 overwrites C with zeros (NaN in C does not survive). */
function scaleC(m: i32, n: i32, beta: f64, c: usize, ldc: i32): void {
  if (beta === 1) return;
  for (let i = 0; i < m; i++) {
    const row = c + ((<usize>i * <usize>ldc) << 2);
    if (beta === 0) {
      memory.fill(row, 0, (<usize>n) << 2);
    } else {
      for (let j = 0; j < n; j++) {
        const p = row + ((<usize>j) << 2);
        store<f32>(p, <f32>(<f64>load<f32>(p) * beta));
      }
    }
  }
}

/**
 * C = alpha·op(A)·op(B) + C by one dot product per element of C, for shapes where packing does not
 * pay (a single row or column, or fewer than 64 multiply-adds); beta is already applied. It rounds
 * exactly as the packed path does (float32 products summed in order in float32 over each KC-deep
 * block, then C = C + alpha·sum in float64, rounded once per block), so an element of C comes out
 * bit-identical whichever path computed it: a row's result does not depend on the batch around it.
 */
function gemmSmall(
  transA: bool,
  transB: bool,
  m: i32,
  n: i32,
  k: i32,
  alpha: f64,
  a: usize,
  lda: i32,
  b: usize,
  ldb: i32,
  c: usize,
  ldc: i32,
): void {
  const aRow: usize = (transA ? 1 : <usize>lda) << 2;
  const aStep: usize = (transA ? <usize>lda : 1) << 2;
  const bCol: usize = (transB ? <usize>ldb : 1) << 2;
  const bStep: usize = (transB ? 1 : <usize>ldb) << 2;
  for (let i = 0; i < m; i++) {
    const ci = c + ((<usize>i * <usize>ldc) << 2);
    for (let j = 0; j < n; j++) {
      let pa = a + <usize>i * aRow;
      let pb = b + <usize>j * bCol;
      const pc = ci + ((<usize>j) << 2);
      for (let p0 = 0; p0 < k; p0 += KC) {
        const p1 = min(k, p0 + KC);
        let s: f32 = 0;
        for (let p = p0; p < p1; p++) {
          s += load<f32>(pa) * load<f32>(pb);
          pa += aStep;
          pb += bStep;
        }
        store<f32>(pc, <f32>(<f64>load<f32>(pc) + alpha * <f64>s));
      }
    }
  }
}

/**
 * C = alpha·op(A)·op(B) + beta·C (BLAS sgemm, row-major). Goto/BLIS blocking: for each kc-deep
 * slice, a kc×nc block of op(B) and each mc×kc block of op(A) are packed into `scratch` (which must
 * hold SCRATCH_BYTES), absorbing the transposes and leading dimensions, so one contiguous SIMD
 * micro-kernel serves all four variants. Products accumulate in float32 lanes per block; alpha
 * and beta are applied in float64 and rounded once, as in BLAS (alpha scales the accumulated sum). Sizes are checked by the caller; m, n > 0.
 */
export function gemm(
  transA: bool,
  transB: bool,
  m: i32,
  n: i32,
  k: i32,
  alpha: f64,
  a: usize,
  lda: i32,
  b: usize,
  ldb: i32,
  beta: f64,
  c: usize,
  ldc: i32,
  scratch: usize,
): void {
  const packed = k > 0 && alpha !== 0 && m > 1 && n > 1 && <i64>m * <i64>n * <i64>k >= 64;
  // beta = 0 on the packed path: the first kc block writes C without reading it (macroKernel's
  // `overwrite`), which saves a pass over C and rounds as zeroing it first would.
  if (!(packed && beta === 0)) scaleC(m, n, beta, c, ldc);
  if (k === 0 || alpha === 0) return;
  if (m === 1 && n >= 4) {
    gemmRow(transA, transB, n, k, alpha, a, lda, b, ldb, c);
    return;
  }
  if (!packed) {
    gemmSmall(transA, transB, m, n, k, alpha, a, lda, b, ldb, c, ldc);
    return;
  }
  const ap = scratch;
  const bp = ap + <usize>(MC * KC * 4);
  const tile = bp + <usize>(KC * NC * 4);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(transB, b, ldb, pc, kc, jc, nc, bp);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA(transA, a, lda, ic, mc, pc, kc, ap);
        const cBlock = c + ((<usize>ic * <usize>ldc + <usize>jc) << 2);
        macroKernel(mc, nc, kc, alpha, ap, bp, cBlock, ldc, tile, beta === 0 && pc === 0);
      }
    }
  }
}

/**
 * Strided batched gemm: item i (i < count) is `gemm` on A, B and C advanced by i times their strides
 * (in floats), so each item rounds exactly as a lone gemm call does. Sizes are checked by the caller.
 */
export function gemmBatched(
  transA: bool,
  transB: bool,
  m: i32,
  n: i32,
  k: i32,
  alpha: f64,
  a: usize,
  lda: i32,
  strideA: i32,
  b: usize,
  ldb: i32,
  strideB: i32,
  beta: f64,
  c: usize,
  ldc: i32,
  strideC: i32,
  count: i32,
  scratch: usize,
): void {
  for (let i = 0; i < count; i++) {
    const ia = a + ((<usize>i * <usize>strideA) << 2);
    const ib = b + ((<usize>i * <usize>strideB) << 2);
    const ic = c + ((<usize>i * <usize>strideC) << 2);
    gemm(transA, transB, m, n, k, alpha, ia, lda, ib, ldb, beta, ic, ldc, scratch);
  }
}
