import { MR, NR } from "./gemm-blocking.ts";

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
export function packLanesAlongMemory(
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
export function packLanesAcrossMemory(
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
