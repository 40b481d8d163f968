// Register tile and block sizes of the TypeScript gemm (gemm.ts), shared with its packing
// (gemm-packing.ts) and macro-kernel (gemm-macro-kernel.ts) so the packed layout cannot disagree.
// The micro-kernel's 16 locals and the packing's unrolled lanes are written for exactly MR = NR = 4.
export const MR = 4;
export const NR = 4;
export const KC = 256;
export const MC = 64;
export const NC = 512;

/**
 * Blocking parameters of the TypeScript gemm, in the terms of Goto & van de Geijn, "Anatomy of
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
export const GEMM_BLOCKING = Object.freeze({ mr: MR, nr: NR, kc: KC, mc: MC, nc: NC });
