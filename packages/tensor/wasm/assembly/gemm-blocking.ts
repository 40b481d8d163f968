// Blocking of the gemm kernels (gemm.ts, gemm-packing.ts, gemm-macro-kernel.ts), in one place so the
// packing layout, the micro-kernel's tile and the caller's scratch size cannot disagree.

// Register tile of the gemm micro-kernel: 4 rows × 8 columns of C = 8 f32x4 accumulators, plus two
// B vectors and one broadcast A value per step: 11 of the 16 XMM registers V8 has on x64.
export const MR: i32 = 4;
export const NR: i32 = 8;
/** Depth of a packed panel: a B micro-panel (KC × NR floats = 8 KiB) stays in L1. */
export const KC: i32 = 256;
/** Rows of the packed A block (MC × KC floats = 64 KiB, in L2). */
export const MC: i32 = 64;
/** Columns of the packed B block (KC × NC floats = 512 KiB). */
export const NC: i32 = 512;
/** Bytes of packing scratch the caller must reserve: packed A, packed B and one edge tile. */
export const SCRATCH_BYTES: i32 = (MC * KC + KC * NC + MR * NR) * 4;
