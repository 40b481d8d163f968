// The gemm macro-kernel: one kc-deep block of packed A times packed B added into C, through the 4×8
// f32x4 register-blocked micro-kernel.
import { MR, NR } from "./gemm-blocking";

/** c[0:4] = c + alpha·acc, computed in float64 and rounded to float32 once per element. */
export function updateRow4(c: usize, acc: v128, alpha: v128): void {
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
