// The gemm macro-kernel: one kc-deep block of packed A times packed B added into C, through the 4×8
// f32x4 register-blocked micro-kernel.
import { MR, NR } from "./gemm-blocking";

/**
 * c[0:4] = c + alpha·acc, computed in float64 and rounded to float32 once per element; with
 * `overwrite`, the old c is taken as +0 without reading it (what beta = 0 left there), so the sum
 * is the same operation on the same operands and rounds to the same bits.
 */
export function updateRow4(c: usize, acc: v128, alpha: v128, overwrite: bool = false): void {
  const old = overwrite ? f32x4.splat(0) : v128.load(c);
  const lo = f64x2.add(f64x2.promote_low_f32x4(old), f64x2.mul(alpha, f64x2.promote_low_f32x4(acc)));
  const oldHi = v128.shuffle<f32>(old, old, 2, 3, 0, 1);
  const accHi = v128.shuffle<f32>(acc, acc, 2, 3, 0, 1);
  const hi = f64x2.add(f64x2.promote_low_f32x4(oldHi), f64x2.mul(alpha, f64x2.promote_low_f32x4(accHi)));
  v128.store(c, v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5));
}

/**
 * C[0:mc, 0:nc] += alpha · packedA · packedB over one kc-deep block (BLIS loop order: each B
 * micro-panel stays in L1 while the A micro-panels stream past). Each 4×8 tile of C accumulates in
 * eight f32x4 registers, then is added to C once; a panel of at most 4 columns (the edge of a narrow
 * C, such as a 10-class output layer) accumulates only the four lanes it needs. With `overwrite`
 * (beta = 0 on the first block) C is written without being read, as if it held +0.
 */
export function macroKernel(
  mc: i32,
  nc: i32,
  kc: i32,
  alpha: f64,
  ap: usize,
  bp: usize,
  c: usize,
  ldc: i32,
  tile: usize,
  overwrite: bool,
): void {
  const alpha2 = f64x2.splat(alpha);
  const ldcBytes = (<usize>ldc) << 2;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const cols = min(NR, nc - j0);
    const pbStart = bp + ((<usize>j0 * <usize>kc) << 2);
    if (cols <= 4) {
      narrowPanel(mc, cols, kc, alpha, ap, pbStart, c + ((<usize>j0) << 2), ldc, tile, overwrite);
      continue;
    }
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
        updateRow4(row, c00, alpha2, overwrite);
        updateRow4(row + 16, c01, alpha2, overwrite);
        row += ldcBytes;
        updateRow4(row, c10, alpha2, overwrite);
        updateRow4(row + 16, c11, alpha2, overwrite);
        row += ldcBytes;
        updateRow4(row, c20, alpha2, overwrite);
        updateRow4(row + 16, c21, alpha2, overwrite);
        row += ldcBytes;
        updateRow4(row, c30, alpha2, overwrite);
        updateRow4(row + 16, c31, alpha2, overwrite);
      } else {
        v128.store(tile, c00);
        v128.store(tile, c01, 16);
        v128.store(tile, c10, 32);
        v128.store(tile, c11, 48);
        v128.store(tile, c20, 64);
        v128.store(tile, c21, 80);
        v128.store(tile, c30, 96);
        v128.store(tile, c31, 112);
        addTile(row, ldc, rows, cols, NR, tile, alpha, overwrite);
      }
    }
  }
}

/** C[0:rows, 0:cols] += alpha · tile (row stride `ldt` floats), element by element in float64. */
function addTile(
  c: usize,
  ldc: i32,
  rows: i32,
  cols: i32,
  ldt: i32,
  tile: usize,
  alpha: f64,
  overwrite: bool,
): void {
  let row = c;
  for (let r = 0; r < rows; r++) {
    for (let col = 0; col < cols; col++) {
      const pc = row + ((<usize>col) << 2);
      const t = <f64>load<f32>(tile + ((<usize>(r * ldt + col)) << 2));
      const old: f64 = overwrite ? 0 : <f64>load<f32>(pc);
      store<f32>(pc, <f32>(old + alpha * t));
    }
    row += (<usize>ldc) << 2;
  }
}

/**
 * The macro-kernel's loop for one B micro-panel of `cols` ≤ 4 columns: the left half of the 4×8
 * tile (lanes 0–3 of each row, the same products summed in the same order), so a narrow C costs
 * half the multiply-adds of a full panel.
 */
function narrowPanel(
  mc: i32,
  cols: i32,
  kc: i32,
  alpha: f64,
  ap: usize,
  pb0: usize,
  c: usize,
  ldc: i32,
  tile: usize,
  overwrite: bool,
): void {
  const alpha2 = f64x2.splat(alpha);
  const ldcBytes = (<usize>ldc) << 2;
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const rows = min(MR, mc - i0);
    let pa = ap + ((<usize>i0 * <usize>kc) << 2);
    let pb = pb0;
    let c0 = f32x4.splat(0);
    let c1 = f32x4.splat(0);
    let c2 = f32x4.splat(0);
    let c3 = f32x4.splat(0);
    for (let p = 0; p < kc; p++) {
      const b0 = v128.load(pb);
      c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(pa), b0));
      c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(pa, 4), b0));
      c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(pa, 8), b0));
      c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(pa, 12), b0));
      pa += MR << 2;
      pb += NR << 2;
    }
    const row = c + ((<usize>i0 * <usize>ldc) << 2);
    if (rows === MR && cols === 4) {
      updateRow4(row, c0, alpha2, overwrite);
      updateRow4(row + ldcBytes, c1, alpha2, overwrite);
      updateRow4(row + 2 * ldcBytes, c2, alpha2, overwrite);
      updateRow4(row + 3 * ldcBytes, c3, alpha2, overwrite);
    } else {
      v128.store(tile, c0);
      v128.store(tile, c1, 16);
      v128.store(tile, c2, 32);
      v128.store(tile, c3, 48);
      addTile(row, ldc, rows, cols, 4, tile, alpha, overwrite);
    }
  }
}
