import { checkDim, checkMatrix } from "./checks.ts";
import { gemvStrided } from "./gemv.ts";

/**
 * Blocking parameters of {@link gemm}, in the terms of Goto & van de Geijn, "Anatomy of
 * High-Performance Matrix Multiplication" (ACM TOMS 34(3), 2008) and the BLIS papers:
 *
 * - `mr`×`nr` is the register tile: the micro-kernel keeps `mr·nr` accumulators in locals.
 *   4×4 = 16 accumulators fills V8's 16 XMM registers; 3×4, 4×3 and 2×6 measured the same within
 *   noise, 2×2/2×4/4×2 were 10–20% slower (more loads per multiply-add), 4×8/8×4 slower (spills).
 * - `kc` is the depth of a packed panel: one B micro-panel (`kc`×`nr` float64 = 8 KiB) stays in
 *   the 48 KiB L1 while the micro-kernel streams the A micro-panels past it. 128–256 were best.
 * - `mc`×`kc` float64 (128 KiB) is the packed block of A, sized for L2.
 * - `kc`×`nc` float64 (1 MiB) is the packed block of B, sized for L2/L3.
 */
export const GEMM_BLOCKING = Object.freeze({ mr: 4, nr: 4, kc: 256, mc: 64, nc: 512 });

const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;
const NC = 512;
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
const edgeTile = new Float64Array(MR * NR);

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
export function gemm(
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
  beta: number,
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
  if (m === 0 || n === 0) return;
  if (k === 0 || alpha === 0) {
    scaleMatrix(m, n, beta, c, cOff, ldc);
    return;
  }
  // A single row or column of C is a matrix-vector product: no packing, no wasted tile lanes.
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
  if (n === 1) {
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
    return;
  }
  if (m < THIN || n < THIN || m * n * k < SMALL_VOLUME) {
    gemmSmall(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    return;
  }
  scaleMatrix(m, n, beta, c, cOff, ldc);

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

/**
 * C = alpha · op(A) · op(B) + beta · C by one strided dot product per element of C, for shapes too
 * thin or too small for packing to pay (see THIN and SMALL_VOLUME).
 */
function gemmSmall(
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
  beta: number,
  c: Float32Array,
  cOff: number,
  ldc: number,
): void {
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

/**
 * The packing routines. A micro-panel holds PANEL lanes (rows of A, columns of B) side by side for
 * each depth p: lane l of panel q at depth p goes to `dst[q·kc·PANEL + p·PANEL + l]`, and lanes past
 * the matrix are zero. A and B share them because MR = NR = PANEL; what differs between the four
 * cases is only whether a lane runs along memory or across it.
 */
const PANEL = MR;
if (NR !== PANEL) throw new Error("gemm: the packing routines assume MR = NR");

/**
 * Lanes [l0, l0+len) × depths [d0, d0+kc) of a matrix whose lane l, depth d is `x[off + l·ld + d]`
 * (each lane contiguous): rows of A not transposed, columns of B transposed.
 */
function packLanesAlongMemory(
  x: Float32Array,
  off: number,
  ld: number,
  l0: number,
  len: number,
  d0: number,
  kc: number,
  dst: Float64Array,
): void {
  for (let q = 0; q * PANEL < len; q++) {
    const base = q * kc * PANEL;
    const lanes = Math.min(PANEL, len - q * PANEL);
    for (let l = 0; l < PANEL; l++) {
      if (l < lanes) {
        const src = off + (l0 + q * PANEL + l) * ld + d0;
        for (let p = 0; p < kc; p++) dst[base + p * PANEL + l] = x[src + p];
      } else {
        for (let p = 0; p < kc; p++) dst[base + p * PANEL + l] = 0;
      }
    }
  }
}

/**
 * Lanes [l0, l0+len) × depths [d0, d0+kc) of a matrix whose lane l, depth d is `x[off + d·ld + l]`
 * (the lanes of one depth contiguous): rows of A transposed, columns of B not transposed.
 */
function packLanesAcrossMemory(
  x: Float32Array,
  off: number,
  ld: number,
  l0: number,
  len: number,
  d0: number,
  kc: number,
  dst: Float64Array,
): void {
  for (let q = 0; q * PANEL < len; q++) {
    let at = q * kc * PANEL;
    const lanes = Math.min(PANEL, len - q * PANEL);
    let src = off + d0 * ld + l0 + q * PANEL;
    if (lanes === PANEL) {
      for (let p = 0; p < kc; p++) {
        dst[at] = x[src];
        dst[at + 1] = x[src + 1];
        dst[at + 2] = x[src + 2];
        dst[at + 3] = x[src + 3];
        at += PANEL;
        src += ld;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let l = 0; l < PANEL; l++) dst[at + l] = l < lanes ? x[src + l] : 0;
        at += PANEL;
        src += ld;
      }
    }
  }
}

/**
 * C[0:mc, 0:nc] += alpha · Apacked · Bpacked over one kc-deep block. Loop order as in BLIS: for each
 * B micro-panel (held in L1), sweep the A micro-panels; each MR×NR tile of C accumulates in 16
 * float64 locals, then is added to C once.
 */
function macroKernel(
  mc: number,
  nc: number,
  kc: number,
  alpha: number,
  ap: Float64Array,
  bp: Float64Array,
  c: Float32Array,
  cOff: number,
  ldc: number,
): void {
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const cols = Math.min(NR, nc - j0);
    // Micro-panel j0/NR of B starts at (j0/NR)·kc·NR = j0·kc; likewise for A (integer arithmetic only).
    const pbStart = j0 * kc;
    for (let i0 = 0; i0 < mc; i0 += MR) {
      const rows = Math.min(MR, mc - i0);
      let pa = i0 * kc;
      let pb = pbStart;
      let c00 = 0;
      let c01 = 0;
      let c02 = 0;
      let c03 = 0;
      let c10 = 0;
      let c11 = 0;
      let c12 = 0;
      let c13 = 0;
      let c20 = 0;
      let c21 = 0;
      let c22 = 0;
      let c23 = 0;
      let c30 = 0;
      let c31 = 0;
      let c32 = 0;
      let c33 = 0;
      // `| 0` keeps the index arithmetic in int32 so V8 drops its overflow checks (~10% here).
      for (let p = 0; p < kc; p++) {
        const a0 = ap[pa];
        const a1 = ap[(pa + 1) | 0];
        const a2 = ap[(pa + 2) | 0];
        const a3 = ap[(pa + 3) | 0];
        const b0 = bp[pb];
        const b1 = bp[(pb + 1) | 0];
        const b2 = bp[(pb + 2) | 0];
        const b3 = bp[(pb + 3) | 0];
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3;
        pa = (pa + MR) | 0;
        pb = (pb + NR) | 0;
      }
      let row = cOff + i0 * ldc + j0;
      if (rows === MR && cols === NR) {
        c[row] += alpha * c00;
        c[row + 1] += alpha * c01;
        c[row + 2] += alpha * c02;
        c[row + 3] += alpha * c03;
        row += ldc;
        c[row] += alpha * c10;
        c[row + 1] += alpha * c11;
        c[row + 2] += alpha * c12;
        c[row + 3] += alpha * c13;
        row += ldc;
        c[row] += alpha * c20;
        c[row + 1] += alpha * c21;
        c[row + 2] += alpha * c22;
        c[row + 3] += alpha * c23;
        row += ldc;
        c[row] += alpha * c30;
        c[row + 1] += alpha * c31;
        c[row + 2] += alpha * c32;
        c[row + 3] += alpha * c33;
      } else {
        const t = edgeTile;
        t[0] = c00;
        t[1] = c01;
        t[2] = c02;
        t[3] = c03;
        t[4] = c10;
        t[5] = c11;
        t[6] = c12;
        t[7] = c13;
        t[8] = c20;
        t[9] = c21;
        t[10] = c22;
        t[11] = c23;
        t[12] = c30;
        t[13] = c31;
        t[14] = c32;
        t[15] = c33;
        for (let r = 0; r < rows; r++) {
          for (let col = 0; col < cols; col++) c[row + col] += alpha * t[r * NR + col];
          row += ldc;
        }
      }
    }
  }
}
