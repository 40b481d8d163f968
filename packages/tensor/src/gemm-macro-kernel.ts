import * as blocking from "./gemm-blocking.ts";

// Module-local copies of the tile size: V8 folds a module's own constants into the compiled loops,
// but reads an imported binding through its module cell on every use (measured: 14% slower gemm).
const MR = blocking.MR;
const NR = blocking.NR;

// Stand-in for a tile of C cut by the matrix's edge: the micro-kernel updates a full MR×NR tile, so
// edge tiles are copied here, updated, and their rows×cols part copied back. Each element still gets
// exactly fround(c + alpha·acc), as it does in place.
const edgeC = new Float32Array(MR * NR);

/**
 * C[0:mc, 0:nc] += alpha · Apacked · Bpacked over one kc-deep block. Loop order as in BLIS: for each
 * B micro-panel (held in L1), sweep the A micro-panels, one MR×NR tile of C each.
 */
export function macroKernel(
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
    const pb = j0 * kc;
    for (let i0 = 0; i0 < mc; i0 += MR) {
      const rows = Math.min(MR, mc - i0);
      const row = cOff + i0 * ldc + j0;
      if (rows === MR && cols === NR) {
        microKernel(kc, ap, i0 * kc, bp, pb, alpha, c, row, ldc);
        continue;
      }
      // Element loops, not subarray copies: those would allocate a view per row.
      for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) edgeC[r * NR + j] = c[row + r * ldc + j];
      microKernel(kc, ap, i0 * kc, bp, pb, alpha, edgeC, 0, NR);
      for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) c[row + r * ldc + j] = edgeC[r * NR + j];
    }
  }
}

/**
 * C[0:MR, 0:NR] at `row` += alpha · (MR rows of packed A from `pa`) · (NR columns of packed B from
 * `pb`), kc deep: the sums accumulate in order in 16 float64 locals (registers), and each element of
 * C is updated once. `| 0` keeps the index arithmetic in int32 so V8 drops its overflow checks (~10%).
 */
function microKernel(
  kc: number,
  ap: Float64Array,
  pa: number,
  bp: Float64Array,
  pb: number,
  alpha: number,
  c: Float32Array,
  row: number,
  ldc: number,
): void {
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
}
