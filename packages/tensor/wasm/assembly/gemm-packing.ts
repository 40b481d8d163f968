// Packing of the gemm operands into the contiguous micro-panels the macro-kernel streams through:
// it absorbs the transposes and leading dimensions, so one SIMD micro-kernel serves all four variants.
import { MR, NR } from "./gemm-blocking";

/**
 * Packs rows [i0, i0+mc) × depth [p0, p0+kc) of op(A) into micro-panels of MR rows: element
 * (i0 + ip·MR + r, p0 + p) goes to float `(ip·kc + p)·MR + r` of `dst`; rows past mc are zero.
 */
export function packA(
  transA: bool,
  a: usize,
  lda: i32,
  i0: i32,
  mc: i32,
  p0: i32,
  kc: i32,
  dst: usize,
): void {
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
export function packB(
  transB: bool,
  b: usize,
  ldb: i32,
  p0: i32,
  kc: i32,
  j0: i32,
  nc: i32,
  dst: usize,
): void {
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
