import { gemvStrided } from "./gemv.ts";
import type { GemmFn } from "./kernels.ts";

// The gemm paths that skip packing (gemm.ts picks them): a single row or column of C, and shapes too
// thin or too small for packing to pay. Arguments are already checked, and m, n, k >= 1, alpha != 0.

/**
 * C (1×n or m×1) as a matrix-vector product: no packing, no wasted tile lanes. Only for m = 1 or
 * n = 1; beta is applied by gemv.
 */
export const gemmAsGemv: GemmFn = (
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
  if (m === 1) {
    // c (1×n) = op(A) (1×k) · op(B): as a column, op(B)ᵀ · op(A)ᵀ.
    gemvStrided(
      !transB,
      transB ? n : k,
      transB ? k : n,
      alpha,
      b,
      bOff,
      ldb,
      a,
      aOff,
      transA ? lda : 1,
      beta,
      c,
      cOff,
      1,
    );
    return;
  }
  gemvStrided(
    transA,
    transA ? k : m,
    transA ? m : k,
    alpha,
    a,
    aOff,
    lda,
    b,
    bOff,
    transB ? 1 : ldb,
    beta,
    c,
    cOff,
    ldc,
  );
};

/** C = alpha · op(A) · op(B) + beta · C by one strided dot product per element of C. */
export const gemmSmall: GemmFn = (
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
  const aRow = transA ? 1 : lda; // distance between rows of op(A)
  const aStep = transA ? lda : 1; // distance along k in op(A)
  const bCol = transB ? ldb : 1;
  const bStep = transB ? 1 : ldb;
  for (let i = 0; i < m; i++) {
    const ci = cOff + i * ldc;
    for (let j = 0; j < n; j++) {
      let pa = aOff + i * aRow;
      let pb = bOff + j * bCol;
      let s = 0;
      for (let p = 0; p < k; p++) {
        s += a[pa] * b[pb];
        pa += aStep;
        pb += bStep;
      }
      const v = alpha * s;
      c[ci + j] = beta === 0 ? v : beta === 1 ? c[ci + j] + v : beta * c[ci + j] + v;
    }
  }
};
