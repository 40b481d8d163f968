import { checkDim, checkMatrix } from "./checks.ts";

/**
 * Square tile of the blocked transpose: a 32×32 float32 tile of A (4 KiB) and of OUT fit in L1
 * together, so the strided writes hit cache lines the tile has just loaded.
 */
const TILE = 32;

/**
 * OUT (n×m) = Aᵀ for A (m×n), both row-major with their own leading dimensions. OUT must not overlap A.
 * Works tile by tile so that neither the reads nor the writes stride through the whole matrix.
 */
export function transpose(
  m: number,
  n: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  out: Float32Array,
  outOff: number,
  ldo: number,
): void {
  checkDim("transpose", "m", m);
  checkDim("transpose", "n", n);
  checkMatrix("transpose", "A", a, aOff, m, n, lda);
  checkMatrix("transpose", "OUT", out, outOff, n, m, ldo);
  for (let i0 = 0; i0 < m; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, m);
    for (let j0 = 0; j0 < n; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, n);
      for (let i = i0; i < i1; i++) {
        const src = aOff + i * lda;
        let dst = outOff + j0 * ldo + i;
        for (let j = j0; j < j1; j++) {
          out[dst] = a[src + j];
          dst += ldo;
        }
      }
    }
  }
}
