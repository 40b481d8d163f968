// gemm for a single row of C (m = 1: a recurrent step, or any layer, at batch 1). The scalar
// dot-product path runs one float32 add after another per element, a chain of k dependent adds; here
// four columns of C share an f32x4 and several column groups run side by side. Each lane still does
// exactly gemmSmall's operations in its order (float32 products summed p = 0, 1, … in float32 over
// each KC-deep block, then C = C + alpha·sum in float64, rounded once), so every element of C is
// bit-identical to the scalar path's, and to the packed path's.
import { KC } from "./gemm-blocking";
import { updateRow4 } from "./gemm-macro-kernel";

/** C[0, j] += alpha·s for the columns gemmRow's lanes do not cover (fewer than four left). */
function rowTail(
  j0: i32,
  n: i32,
  k: i32,
  alpha: f64,
  a: usize,
  aStep: usize,
  b: usize,
  bCol: usize,
  bStep: usize,
  c: usize,
): void {
  for (let j = j0; j < n; j++) {
    const pc = c + ((<usize>j) << 2);
    let pa = a;
    let pb = b + <usize>j * bCol;
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

/**
 * op(B) = B (row-major k×n, rows contiguous): 32, then four columns at a time, one broadcast of a_p
 * per depth step. Each lane's sum is a chain of dependent float32 adds, so the speed comes from the
 * number of lanes in flight: eight accumulators (32 columns) hide the add latency.
 */
function rowNN(n: i32, k: i32, alpha: f64, a: usize, aStep: usize, b: usize, ldb: i32, c: usize): i32 {
  const alpha2 = f64x2.splat(alpha);
  const bRow = (<usize>ldb) << 2;
  let j0 = 0;
  for (; j0 + 32 <= n; j0 += 32) {
    const pc = c + ((<usize>j0) << 2);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const p1 = min(k, p0 + KC);
      let pa = a + <usize>p0 * aStep;
      let pb = b + <usize>p0 * bRow + ((<usize>j0) << 2);
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let s2 = f32x4.splat(0);
      let s3 = f32x4.splat(0);
      let s4 = f32x4.splat(0);
      let s5 = f32x4.splat(0);
      let s6 = f32x4.splat(0);
      let s7 = f32x4.splat(0);
      for (let p = p0; p < p1; p++) {
        const av = v128.load32_splat(pa);
        s0 = f32x4.add(s0, f32x4.mul(av, v128.load(pb)));
        s1 = f32x4.add(s1, f32x4.mul(av, v128.load(pb, 16)));
        s2 = f32x4.add(s2, f32x4.mul(av, v128.load(pb, 32)));
        s3 = f32x4.add(s3, f32x4.mul(av, v128.load(pb, 48)));
        s4 = f32x4.add(s4, f32x4.mul(av, v128.load(pb, 64)));
        s5 = f32x4.add(s5, f32x4.mul(av, v128.load(pb, 80)));
        s6 = f32x4.add(s6, f32x4.mul(av, v128.load(pb, 96)));
        s7 = f32x4.add(s7, f32x4.mul(av, v128.load(pb, 112)));
        pa += aStep;
        pb += bRow;
      }
      updateRow4(pc, s0, alpha2);
      updateRow4(pc + 16, s1, alpha2);
      updateRow4(pc + 32, s2, alpha2);
      updateRow4(pc + 48, s3, alpha2);
      updateRow4(pc + 64, s4, alpha2);
      updateRow4(pc + 80, s5, alpha2);
      updateRow4(pc + 96, s6, alpha2);
      updateRow4(pc + 112, s7, alpha2);
    }
  }
  for (; j0 + 4 <= n; j0 += 4) {
    const pc = c + ((<usize>j0) << 2);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const p1 = min(k, p0 + KC);
      let pa = a + <usize>p0 * aStep;
      let pb = b + <usize>p0 * bRow + ((<usize>j0) << 2);
      let s = f32x4.splat(0);
      for (let p = p0; p < p1; p++) {
        s = f32x4.add(s, f32x4.mul(v128.load32_splat(pa), v128.load(pb)));
        pa += aStep;
        pb += bRow;
      }
      updateRow4(pc, s, alpha2);
    }
  }
  return j0;
}

/**
 * Adds a_p·B[j0..j0+3, p] for p in [p, p + 4) to s, lane r summing row j0 + r in order: the four
 * rows' next four values are loaded and transposed in registers (four columns of op(B)).
 */
function add4x4(s: v128, pa: usize, aStep: usize, pb: usize, bRow: usize): v128 {
  const r0 = v128.load(pb);
  const r1 = v128.load(pb + bRow);
  const r2 = v128.load(pb + 2 * bRow);
  const r3 = v128.load(pb + 3 * bRow);
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  s = f32x4.add(s, f32x4.mul(v128.load32_splat(pa), v128.shuffle<f32>(t0, t2, 0, 1, 4, 5)));
  s = f32x4.add(s, f32x4.mul(v128.load32_splat(pa + aStep), v128.shuffle<f32>(t0, t2, 2, 3, 6, 7)));
  s = f32x4.add(s, f32x4.mul(v128.load32_splat(pa + 2 * aStep), v128.shuffle<f32>(t1, t3, 0, 1, 4, 5)));
  return f32x4.add(s, f32x4.mul(v128.load32_splat(pa + 3 * aStep), v128.shuffle<f32>(t1, t3, 2, 3, 6, 7)));
}

/** Adds a_p·B[j0..j0+3, p] for one p, the column gathered lane by lane (depth tails). */
function add4x1(s: v128, pa: usize, pb: usize, bRow: usize): v128 {
  let col = v128.load32_zero(pb);
  col = f32x4.replace_lane(col, 1, load<f32>(pb + bRow));
  col = f32x4.replace_lane(col, 2, load<f32>(pb + 2 * bRow));
  col = f32x4.replace_lane(col, 3, load<f32>(pb + 3 * bRow));
  return f32x4.add(s, f32x4.mul(v128.load32_splat(pa), col));
}

/**
 * op(B) = Bᵀ (B row-major n×k, so column j of op(B) is row j of B, contiguous in p): four rows of B
 * per f32x4, transposed in registers four depth steps at a time; sixteen columns (four accumulator
 * chains, for the add latency) at a time, then four.
 */
function rowNT(n: i32, k: i32, alpha: f64, a: usize, aStep: usize, b: usize, ldb: i32, c: usize): i32 {
  const alpha2 = f64x2.splat(alpha);
  const bRow = (<usize>ldb) << 2;
  const b4 = 4 * bRow;
  let j0 = 0;
  for (; j0 + 16 <= n; j0 += 16) {
    const pc = c + ((<usize>j0) << 2);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const p1 = min(k, p0 + KC);
      let pa = a + <usize>p0 * aStep;
      let pb = b + <usize>j0 * bRow + ((<usize>p0) << 2);
      let s0 = f32x4.splat(0);
      let s1 = f32x4.splat(0);
      let s2 = f32x4.splat(0);
      let s3 = f32x4.splat(0);
      let p = p0;
      for (; p + 4 <= p1; p += 4) {
        s0 = add4x4(s0, pa, aStep, pb, bRow);
        s1 = add4x4(s1, pa, aStep, pb + b4, bRow);
        s2 = add4x4(s2, pa, aStep, pb + 2 * b4, bRow);
        s3 = add4x4(s3, pa, aStep, pb + 3 * b4, bRow);
        pa += 4 * aStep;
        pb += 16;
      }
      for (; p < p1; p++) {
        s0 = add4x1(s0, pa, pb, bRow);
        s1 = add4x1(s1, pa, pb + b4, bRow);
        s2 = add4x1(s2, pa, pb + 2 * b4, bRow);
        s3 = add4x1(s3, pa, pb + 3 * b4, bRow);
        pa += aStep;
        pb += 4;
      }
      updateRow4(pc, s0, alpha2);
      updateRow4(pc + 16, s1, alpha2);
      updateRow4(pc + 32, s2, alpha2);
      updateRow4(pc + 48, s3, alpha2);
    }
  }
  for (; j0 + 4 <= n; j0 += 4) {
    const pc = c + ((<usize>j0) << 2);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const p1 = min(k, p0 + KC);
      let pa = a + <usize>p0 * aStep;
      let pb = b + <usize>j0 * bRow + ((<usize>p0) << 2);
      let s = f32x4.splat(0);
      let p = p0;
      for (; p + 4 <= p1; p += 4) {
        s = add4x4(s, pa, aStep, pb, bRow);
        pa += 4 * aStep;
        pb += 16;
      }
      for (; p < p1; p++) {
        s = add4x1(s, pa, pb, bRow);
        pa += aStep;
        pb += 4;
      }
      updateRow4(pc, s, alpha2);
    }
  }
  return j0;
}

/**
 * C (1×n) += alpha·op(A)·op(B) with op(A) 1×k; beta is already applied. Same rounding as gemmSmall,
 * element for element (see above).
 */
export function gemmRow(
  transA: bool,
  transB: bool,
  n: i32,
  k: i32,
  alpha: f64,
  a: usize,
  lda: i32,
  b: usize,
  ldb: i32,
  c: usize,
): void {
  const aStep: usize = (transA ? <usize>lda : 1) << 2;
  const j0 = transB ? rowNT(n, k, alpha, a, aStep, b, ldb, c) : rowNN(n, k, alpha, a, aStep, b, ldb, c);
  const bCol: usize = (transB ? <usize>ldb : 1) << 2;
  const bStep: usize = (transB ? 1 : <usize>ldb) << 2;
  rowTail(j0, n, k, alpha, a, aStep, b, bCol, bStep, c);
}
