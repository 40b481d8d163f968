import { checkDim, checkMatrix } from "./checks.ts";
import { gemm } from "./gemm.ts";
import type { GemmBatchedFn, GemmFn } from "./kernels.ts";

/**
 * Checks the arguments of a strided batched gemm: the sizes, the strides, and that every item of A, B
 * and C lies inside its array (the last item is the farthest, strides being >= 0). Shared by every
 * backend so that a bad call fails the same way on each.
 */
export function checkGemmBatched(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  strideA: number,
  b: Float32Array,
  bOff: number,
  ldb: number,
  strideB: number,
  c: Float32Array,
  cOff: number,
  ldc: number,
  strideC: number,
  count: number,
): void {
  const fn = "gemmBatched";
  checkDim(fn, "m", m);
  checkDim(fn, "n", n);
  checkDim(fn, "k", k);
  checkDim(fn, "count", count);
  checkDim(fn, "strideA", strideA);
  checkDim(fn, "strideB", strideB);
  checkDim(fn, "strideC", strideC);
  // An empty batch reads nothing: only its leading dimensions are checked (rows = 0).
  const last = Math.max(0, count - 1);
  const some = count > 0 ? 1 : 0;
  checkMatrix(fn, "A", a, aOff + last * strideA, some * (transA ? k : m), transA ? m : k, lda);
  checkMatrix(fn, "B", b, bOff + last * strideB, some * (transB ? n : k), transB ? k : n, ldb);
  checkMatrix(fn, "C", c, cOff + last * strideC, some * m, n, ldc);
  if (count > 1 && m > 0 && n > 0) {
    // Two items of C sharing an element would make the result depend on the order of the products.
    // Items may follow one another (stride >= an item's span) or sit side by side within each row
    // (stride >= n, and all of them within the leading dimension): the layouts batched layers use.
    const span = (m - 1) * ldc + n;
    const sideBySide = strideC >= n && (count - 1) * strideC + n <= ldc;
    if (strideC < span && !sideBySide) {
      throw new RangeError(
        `${fn}: items of C overlap: strideC must be >= the ${span} elements one ${m}x${n} item spans, or >= ${n} with all ${count} items side by side within the leading dimension ${ldc}; got ${strideC}`,
      );
    }
  }
}

/**
 * Strided batched gemm (cuBLAS's `gemmStridedBatched`): for i < count,
 * `C_i = alpha · op(A_i) · op(B_i) + beta · C_i`, where item i of each operand starts `i · stride`
 * elements after the first. One call replaces `count` small gemm calls (a population's layers, say),
 * and each item is computed exactly as `gemm` computes it alone, so results are bit-identical to the
 * loop. A stride of 0 shares one operand across the batch. Items of C must not overlap.
 *
 * @example
 * ```ts
 * import { tsKernels } from "@arena/tensor";
 * // Two 1x2 rows times two 2x1 columns: [1 2]·[3 4]ᵀ and [5 6]·[7 8]ᵀ.
 * const a = Float32Array.of(1, 2, 5, 6);
 * const b = Float32Array.of(3, 4, 7, 8);
 * const c = new Float32Array(2);
 * tsKernels.gemmBatched(false, false, 1, 1, 2, 1, a, 0, 2, 2, b, 0, 1, 2, 0, c, 0, 1, 1, 2);
 * console.log(Array.from(c)); // [11, 83]
 * ```
 */
export const gemmBatched: GemmBatchedFn = (
  transA,
  transB,
  m,
  n,
  k,
  alpha,
  a,
  aOff,
  lda,
  strideA,
  b,
  bOff,
  ldb,
  strideB,
  beta,
  c,
  cOff,
  ldc,
  strideC,
  count,
) => {
  checkGemmBatched(
    transA,
    transB,
    m,
    n,
    k,
    a,
    aOff,
    lda,
    strideA,
    b,
    bOff,
    ldb,
    strideB,
    c,
    cOff,
    ldc,
    strideC,
    count,
  );
  gemmEachItem(
    gemm,
    transA,
    transB,
    m,
    n,
    k,
    alpha,
    a,
    aOff,
    lda,
    strideA,
    b,
    bOff,
    ldb,
    strideB,
    beta,
    c,
    cOff,
    ldc,
    strideC,
    count,
  );
};

/**
 * The batch as `count` calls of a backend's `gemm` (arguments as in {@link gemmBatched}, already
 * checked): the TypeScript backend's implementation, and the WebAssembly backend's fallback when a
 * batch's operands do not fit its per-call memory.
 */
export function gemmEachItem(
  gemmFn: GemmFn,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  strideA: number,
  b: Float32Array,
  bOff: number,
  ldb: number,
  strideB: number,
  beta: number,
  c: Float32Array,
  cOff: number,
  ldc: number,
  strideC: number,
  count: number,
): void {
  for (let i = 0; i < count; i++) {
    const ia = aOff + i * strideA;
    const ib = bOff + i * strideB;
    gemmFn(transA, transB, m, n, k, alpha, a, ia, lda, b, ib, ldb, beta, c, cOff + i * strideC, ldc);
  }
}
