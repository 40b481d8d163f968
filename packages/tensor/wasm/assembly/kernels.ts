// AssemblyScript source of Arena's WebAssembly SIMD kernels (compiled by `pnpm build:wasm`, see
// ../build.ts). Every pointer is a byte address in the imported memory; every size, offset and
// leading dimension is in float32 elements. The JavaScript side (src/wasm/wasm-kernels.ts) checks
// sizes, resolves Float32Arrays to pointers and owns the memory layout; nothing here allocates.

// Register tile of the gemm micro-kernel: 4 rows × 8 columns of C = 8 f32x4 accumulators, plus two
// B vectors and one broadcast A value per step: 11 of the 16 XMM registers V8 has on x64.
const MR: i32 = 4;
const NR: i32 = 8;
/** Depth of a packed panel: a B micro-panel (KC × NR floats = 8 KiB) stays in L1. */
export const KC: i32 = 256;
/** Rows of the packed A block (MC × KC floats = 64 KiB, in L2). */
export const MC: i32 = 64;
/** Columns of the packed B block (KC × NC floats = 512 KiB). */
export const NC: i32 = 512;
/** Bytes of packing scratch the caller must reserve: packed A, packed B and one edge tile. */
export const SCRATCH_BYTES: i32 = (MC * KC + KC * NC + MR * NR) * 4;

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
 * Packs rows [i0, i0+mc) × depth [p0, p0+kc) of op(A) into micro-panels of MR rows: element
 * (i0 + ip·MR + r, p0 + p) goes to float `(ip·kc + p)·MR + r` of `dst`; rows past mc are zero.
 */
function packA(transA: bool, a: usize, lda: i32, i0: i32, mc: i32, p0: i32, kc: i32, dst: usize): void {
  for (let ip = 0; ip * MR < mc; ip++) {
    const rows = min(MR, mc - ip * MR);
    let d = dst + ((<usize>ip * <usize>kc * MR) << 2);
    const i = i0 + ip * MR;
    if (transA) {
      // op(A)(i, p) = A[p, i]: the MR values of one depth step are contiguous.
      let s = a + ((<usize>p0 * <usize>lda + <usize>i) << 2);
      const step = (<usize>lda) << 2;
      if (rows === MR) {
        for (let p = 0; p < kc; p++) {
          v128.store(d, v128.load(s));
          d += MR << 2;
          s += step;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let r = 0; r < MR; r++)
            store<f32>(d + ((<usize>r) << 2), r < rows ? load<f32>(s + ((<usize>r) << 2)) : 0);
          d += MR << 2;
          s += step;
        }
      }
    } else {
      for (let r = 0; r < MR; r++) {
        let dd = d + ((<usize>r) << 2);
        if (r < rows) {
          let s = a + ((<usize>(i + r) * <usize>lda + <usize>p0) << 2);
          for (let p = 0; p < kc; p++) {
            store<f32>(dd, load<f32>(s));
            dd += MR << 2;
            s += 4;
          }
        } else {
          for (let p = 0; p < kc; p++) {
            store<f32>(dd, 0);
            dd += MR << 2;
          }
        }
      }
    }
  }
}

/**
 * Packs depth [p0, p0+kc) × columns [j0, j0+nc) of op(B) into micro-panels of NR columns: element
 * (p0 + p, j0 + jp·NR + col) goes to float `(jp·kc + p)·NR + col` of `dst`; columns past nc are zero.
 */
function packB(transB: bool, b: usize, ldb: i32, p0: i32, kc: i32, j0: i32, nc: i32, dst: usize): void {
  for (let jp = 0; jp * NR < nc; jp++) {
    const cols = min(NR, nc - jp * NR);
    const d = dst + ((<usize>jp * <usize>kc * NR) << 2);
    const j = j0 + jp * NR;
    if (!transB) {
      // op(B)(p, j) = B[p, j]: the NR values of one depth step are contiguous.
      let s = b + ((<usize>p0 * <usize>ldb + <usize>j) << 2);
      const step = (<usize>ldb) << 2;
      let dd = d;
      if (cols === NR) {
        for (let p = 0; p < kc; p++) {
          v128.store(dd, v128.load(s));
          v128.store(dd, v128.load(s, 16), 16);
          dd += NR << 2;
          s += step;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let col = 0; col < NR; col++)
            store<f32>(dd + ((<usize>col) << 2), col < cols ? load<f32>(s + ((<usize>col) << 2)) : 0);
          dd += NR << 2;
          s += step;
        }
      }
    } else {
      // op(B)(p, j) = B[j, p]: walk each column of op(B) (a row of B) contiguously.
      for (let col = 0; col < NR; col++) {
        let dd = d + ((<usize>col) << 2);
        if (col < cols) {
          let s = b + ((<usize>(j + col) * <usize>ldb + <usize>p0) << 2);
          for (let p = 0; p < kc; p++) {
            store<f32>(dd, load<f32>(s));
            dd += NR << 2;
            s += 4;
          }
        } else {
          for (let p = 0; p < kc; p++) {
            store<f32>(dd, 0);
            dd += NR << 2;
          }
        }
      }
    }
  }
}

/** c[0:4] = c + alpha·acc, computed in float64 and rounded to float32 once per element. */
function updateRow4(c: usize, acc: v128, alpha: v128): void {
  const old = v128.load(c);
  const lo = f64x2.add(f64x2.promote_low_f32x4(old), f64x2.mul(alpha, f64x2.promote_low_f32x4(acc)));
  const oldHi = v128.shuffle<f32>(old, old, 2, 3, 0, 1);
  const accHi = v128.shuffle<f32>(acc, acc, 2, 3, 0, 1);
  const hi = f64x2.add(f64x2.promote_low_f32x4(oldHi), f64x2.mul(alpha, f64x2.promote_low_f32x4(accHi)));
  v128.store(c, v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5));
}

/**
 * C[0:mc, 0:nc] += alpha · packedA · packedB over one kc-deep block (BLIS loop order: each B
 * micro-panel stays in L1 while the A micro-panels stream past). Each 4×8 tile of C accumulates in
 * eight f32x4 registers, then is added to C once.
 */
function macroKernel(
  mc: i32,
  nc: i32,
  kc: i32,
  alpha: f64,
  ap: usize,
  bp: usize,
  c: usize,
  ldc: i32,
  tile: usize,
): void {
  const alpha2 = f64x2.splat(alpha);
  const ldcBytes = (<usize>ldc) << 2;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const cols = min(NR, nc - j0);
    const pbStart = bp + ((<usize>j0 * <usize>kc) << 2);
    for (let i0 = 0; i0 < mc; i0 += MR) {
      const rows = min(MR, mc - i0);
      let pa = ap + ((<usize>i0 * <usize>kc) << 2);
      let pb = pbStart;
      let c00 = f32x4.splat(0);
      let c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0);
      let c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0);
      let c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0);
      let c31 = f32x4.splat(0);
      for (let p = 0; p < kc; p++) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        const a0 = v128.load32_splat(pa);
        c00 = f32x4.add(c00, f32x4.mul(a0, b0));
        c01 = f32x4.add(c01, f32x4.mul(a0, b1));
        const a1 = v128.load32_splat(pa, 4);
        c10 = f32x4.add(c10, f32x4.mul(a1, b0));
        c11 = f32x4.add(c11, f32x4.mul(a1, b1));
        const a2 = v128.load32_splat(pa, 8);
        c20 = f32x4.add(c20, f32x4.mul(a2, b0));
        c21 = f32x4.add(c21, f32x4.mul(a2, b1));
        const a3 = v128.load32_splat(pa, 12);
        c30 = f32x4.add(c30, f32x4.mul(a3, b0));
        c31 = f32x4.add(c31, f32x4.mul(a3, b1));
        pa += MR << 2;
        pb += NR << 2;
      }
      let row = c + ((<usize>i0 * <usize>ldc + <usize>j0) << 2);
      if (rows === MR && cols === NR) {
        updateRow4(row, c00, alpha2);
        updateRow4(row + 16, c01, alpha2);
        row += ldcBytes;
        updateRow4(row, c10, alpha2);
        updateRow4(row + 16, c11, alpha2);
        row += ldcBytes;
        updateRow4(row, c20, alpha2);
        updateRow4(row + 16, c21, alpha2);
        row += ldcBytes;
        updateRow4(row, c30, alpha2);
        updateRow4(row + 16, c31, alpha2);
      } else {
        v128.store(tile, c00);
        v128.store(tile, c01, 16);
        v128.store(tile, c10, 32);
        v128.store(tile, c11, 48);
        v128.store(tile, c20, 64);
        v128.store(tile, c21, 80);
        v128.store(tile, c30, 96);
        v128.store(tile, c31, 112);
        for (let r = 0; r < rows; r++) {
          for (let col = 0; col < cols; col++) {
            const pc = row + ((<usize>col) << 2);
            const t = <f64>load<f32>(tile + ((<usize>(r * NR + col)) << 2));
            store<f32>(pc, <f32>(<f64>load<f32>(pc) + alpha * t));
          }
          row += ldcBytes;
        }
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
  scaleC(m, n, beta, c, ldc);
  if (k === 0 || alpha === 0) return;
  if (m === 1 || n === 1 || <i64>m * <i64>n * <i64>k < 64) {
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
        macroKernel(mc, nc, kc, alpha, ap, bp, c + ((<usize>ic * <usize>ldc + <usize>jc) << 2), ldc, tile);
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

/** out[i] = a[i] + b[i] (op 0), a[i] − b[i] (op 1) or a[i]·b[i] (op 2), four lanes at a time. */
export function binary(op: i32, n: i32, a: usize, b: usize, out: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const x = v128.load(a + o);
    const y = v128.load(b + o);
    v128.store(out + o, op === 0 ? f32x4.add(x, y) : op === 1 ? f32x4.sub(x, y) : f32x4.mul(x, y));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const x = load<f32>(a + o);
    const y = load<f32>(b + o);
    store<f32>(out + o, op === 0 ? x + y : op === 1 ? x - y : x * y);
  }
}

/**
 * y[i] = y[i] + alpha·x[i] (axpy) or, with x = 0 (null), y[i] = alpha·y[i] (scale); in float64 and
 * rounded once, so the result equals the TypeScript kernel's bit for bit.
 */
export function axpyScale(n: i32, alpha: f64, x: usize, y: usize): void {
  const al = f64x2.splat(alpha);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = (<usize>i) << 2;
    const yv = f64x2.promote_low_f32x4(v128.load64_zero(y + o));
    const r =
      x === 0
        ? f64x2.mul(yv, al)
        : f64x2.add(yv, f64x2.mul(al, f64x2.promote_low_f32x4(v128.load64_zero(x + o))));
    v128.store64_lane(y + o, f32x4.demote_f64x2_zero(r), 0);
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const yv = <f64>load<f32>(y + o);
    store<f32>(y + o, <f32>(x === 0 ? yv * alpha : yv + alpha * <f64>load<f32>(x + o)));
  }
}

/** C[i, j] += bias[j] for the m rows of C (m×n). */
export function addRowBias(m: i32, n: i32, bias: usize, c: usize, ldc: i32): void {
  for (let i = 0; i < m; i++)
    binary(0, n, c + ((<usize>i * <usize>ldc) << 2), bias, c + ((<usize>i * <usize>ldc) << 2));
}

/**
 * out[j] = alpha·Σ_i A[i, j] + beta·out[j], summing rows in order into float64 accumulators at `acc`
 * (n float64s of scratch), two lanes at a time: the same operations as the TypeScript kernel.
 */
export function colSums(
  m: i32,
  n: i32,
  alpha: f64,
  a: usize,
  lda: i32,
  beta: f64,
  out: usize,
  acc: usize,
): void {
  memory.fill(acc, 0, (<usize>n) << 3);
  for (let i = 0; i < m; i++) {
    const row = a + ((<usize>i * <usize>lda) << 2);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const pa = acc + ((<usize>j) << 3);
      v128.store(
        pa,
        f64x2.add(v128.load(pa), f64x2.promote_low_f32x4(v128.load64_zero(row + ((<usize>j) << 2)))),
      );
    }
    for (; j < n; j++) {
      const pa = acc + ((<usize>j) << 3);
      store<f64>(pa, load<f64>(pa) + <f64>load<f32>(row + ((<usize>j) << 2)));
    }
  }
  for (let j = 0; j < n; j++) {
    const s = alpha * load<f64>(acc + ((<usize>j) << 3));
    const po = out + ((<usize>j) << 2);
    store<f32>(po, <f32>(beta === 0 ? s : s + beta * <f64>load<f32>(po)));
  }
}

/** Row-wise softmax, max-subtracted, exp and sum in float64 (as the TypeScript kernel). May alias. */
export function softmaxRows(m: i32, n: i32, x: usize, ldx: i32, out: usize, ldo: i32): void {
  for (let i = 0; i < m; i++) {
    const xr = x + ((<usize>i * <usize>ldx) << 2);
    const or = out + ((<usize>i * <usize>ldo) << 2);
    let mx: f64 = -Infinity;
    for (let j = 0; j < n; j++) {
      const v = <f64>load<f32>(xr + ((<usize>j) << 2));
      if (v > mx) mx = v;
    }
    let s: f64 = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.exp(<f64>load<f32>(xr + ((<usize>j) << 2)) - mx);
      store<f32>(or + ((<usize>j) << 2), <f32>e);
      s += e;
    }
    const inv = 1 / s;
    for (let j = 0; j < n; j++) {
      const p = or + ((<usize>j) << 2);
      store<f32>(p, <f32>(<f64>load<f32>(p) * inv));
    }
  }
}

// Activations. The rational tanh of Eigen/XLA/MLAS (x·P(x²)/Q(x²), input clamped to ±7.9053), the
// same coefficients as src/activation.ts, evaluated in float32 four lanes at a time as Eigen does;
// sigmoid is ½ + ½·tanh(x/2). Kind codes follow ACTIVATION_KINDS: 0 tanh, 1 sigmoid, 2 relu, 3 linear.
const T_CLAMP: f32 = 7.905311107635498;
const T_A1: f32 = 4.89352455891786e-3;
const T_A3: f32 = 6.37261928875436e-4;
const T_A5: f32 = 1.48572235717979e-5;
const T_A7: f32 = 5.12229709037114e-8;
const T_A9: f32 = -8.60467152213735e-11;
const T_A11: f32 = 2.00018790482477e-13;
const T_A13: f32 = -2.76076847742355e-16;
const T_B0: f32 = 4.89352518554385e-3;
const T_B2: f32 = 2.268434632439e-3;
const T_B4: f32 = 1.18534705686654e-4;
const T_B6: f32 = 1.19825839466702e-6;
/**
 * The approximant's value at the clamp, evaluated exactly and rounded to float32 (1 − 2^-22). Float32
 * evaluation overshoots to 1 near the clamp; capping |tanh| here keeps saturated units' gradient
 * 1 − y² nonzero and their outputs equal to the TypeScript kernel's, so saturated (or diverging)
 * networks behave the same on both backends.
 */
const T_MAX: f32 = 0.9999997615814209;

/** tanh of four lanes; NaN stays NaN (wasm min/max propagate it). */
function tanh4(x: v128): v128 {
  const c = f32x4.min(f32x4.max(x, f32x4.splat(-T_CLAMP)), f32x4.splat(T_CLAMP));
  const x2 = f32x4.mul(c, c);
  let p = f32x4.add(f32x4.splat(T_A11), f32x4.mul(x2, f32x4.splat(T_A13)));
  p = f32x4.add(f32x4.splat(T_A9), f32x4.mul(x2, p));
  p = f32x4.add(f32x4.splat(T_A7), f32x4.mul(x2, p));
  p = f32x4.add(f32x4.splat(T_A5), f32x4.mul(x2, p));
  p = f32x4.add(f32x4.splat(T_A3), f32x4.mul(x2, p));
  p = f32x4.mul(c, f32x4.add(f32x4.splat(T_A1), f32x4.mul(x2, p)));
  let q = f32x4.add(f32x4.splat(T_B4), f32x4.mul(x2, f32x4.splat(T_B6)));
  q = f32x4.add(f32x4.splat(T_B2), f32x4.mul(x2, q));
  q = f32x4.add(f32x4.splat(T_B0), f32x4.mul(x2, q));
  return f32x4.min(f32x4.max(f32x4.div(p, q), f32x4.splat(-T_MAX)), f32x4.splat(T_MAX));
}

/** The scalar twin of tanh4, operation for operation, so tail elements round as the lanes do. */
function tanh1(x: f32): f32 {
  const c = min<f32>(max<f32>(x, -T_CLAMP), T_CLAMP);
  const x2 = c * c;
  const p = c * (T_A1 + x2 * (T_A3 + x2 * (T_A5 + x2 * (T_A7 + x2 * (T_A9 + x2 * (T_A11 + x2 * T_A13))))));
  const q = T_B0 + x2 * (T_B2 + x2 * (T_B4 + x2 * T_B6));
  return min<f32>(max<f32>(p / q, -T_MAX), T_MAX);
}

/** out[i] = f(x[i]) for kind 0–3 (see above); out may alias x. */
export function activation(kind: i32, n: i32, x: usize, out: usize): void {
  if (kind === 3) {
    if (out !== x) memory.copy(out, x, (<usize>n) << 2);
    return;
  }
  const half = f32x4.splat(0.5);
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const v = v128.load(x + o);
    let r: v128;
    if (kind === 0) r = tanh4(v);
    else if (kind === 1) r = f32x4.add(half, f32x4.mul(half, tanh4(f32x4.mul(half, v))));
    else r = f32x4.max(v, zero);
    v128.store(out + o, r);
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const v = load<f32>(x + o);
    let r: f32;
    if (kind === 0) r = tanh1(v);
    else if (kind === 1) r = <f32>0.5 + <f32>0.5 * tanh1(<f32>0.5 * v);
    else r = max<f32>(v, 0);
    store<f32>(out + o, r);
  }
}

/**
 * dx[i] = dy[i]·f′ from the output y: tanh (1 − y)(1 + y), sigmoid y(1 − y), relu [y > 0], linear 1.
 * tanh's 1 − y² is factored so that it keeps its relative accuracy in float32 as |y| → 1 (1 − y is
 * exact there by Sterbenz's lemma; 1 − y·y would lose it to the rounding of y·y). dx may alias dy or y.
 */
export function activationGrad(kind: i32, n: i32, y: usize, dy: usize, dx: usize): void {
  if (kind === 3) {
    if (dx !== dy) memory.copy(dx, dy, (<usize>n) << 2);
    return;
  }
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const yv = v128.load(y + o);
    const g = v128.load(dy + o);
    let r: v128;
    if (kind === 0) r = f32x4.mul(g, f32x4.mul(f32x4.sub(one, yv), f32x4.add(one, yv)));
    else if (kind === 1) r = f32x4.mul(f32x4.mul(g, yv), f32x4.sub(one, yv));
    else r = v128.and(g, f32x4.gt(yv, zero));
    v128.store(dx + o, r);
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const yv = load<f32>(y + o);
    const g = load<f32>(dy + o);
    let r: f32;
    if (kind === 0) r = g * ((<f32>1 - yv) * (<f32>1 + yv));
    else if (kind === 1) r = g * yv * (<f32>1 - yv);
    else r = yv > 0 ? g : 0;
    store<f32>(dx + o, r);
  }
}
