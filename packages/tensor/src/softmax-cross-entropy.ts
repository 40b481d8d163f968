import { checkDim, checkMatrix } from "./checks.ts";
import { rowMax } from "./rows.ts";

/**
 * Softmax cross-entropy of the m rows of logits Z (m×n) against targets Y (m×n, one-hot or any
 * non-negative weights), by log-sum-exp: returns Σ_i sumY_i·lse_i − Σ_j y_ij·z_ij, with lse_i =
 * max_i + log Σ_j exp(z_ij − max_i) and sumY_i = Σ_j y_ij, all in float64 with j in order. When `dz`
 * is given, DZ = scale·∂(that sum)/∂Z, that is DZ_ij = scale·(exp(z_ij − lse_i)·sumY_i − y_ij),
 * rounded to float32 (pass scale = 1 / the loss's denominator for the mean's gradient); DZ may be Z.
 * This TypeScript kernel is that loop with `Math.exp` and `Math.log`; the WebAssembly one evaluates
 * the same fdlibm functions V8 does and returns the same bits (`test/softmax-cross-entropy.test.ts`).
 */
export function softmaxCrossEntropy(
  m: number,
  n: number,
  z: Float32Array,
  zOff: number,
  ldz: number,
  y: Float32Array,
  yOff: number,
  ldy: number,
  dz: Float32Array | null,
  dzOff: number,
  lddz: number,
  scale: number,
): number {
  checkSoftmaxCrossEntropy(m, n, z, zOff, ldz, y, yOff, ldy, dz, dzOff, lddz);
  let total = 0;
  for (let r = 0; r < m; r++) {
    const zr = zOff + r * ldz;
    const yr = yOff + r * ldy;
    const max = rowMax(z, zr, n);
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.exp(z[zr + j] - max);
    const lse = max + Math.log(s);
    let sumY = 0;
    let yz = 0;
    for (let j = 0; j < n; j++) {
      const t = y[yr + j];
      sumY += t;
      yz += t * z[zr + j];
    }
    total += sumY * lse - yz;
    if (dz !== null) {
      const dr = dzOff + r * lddz;
      for (let j = 0; j < n; j++) dz[dr + j] = scale * (Math.exp(z[zr + j] - lse) * sumY - y[yr + j]);
    }
  }
  return total;
}

/** The size checks of {@link softmaxCrossEntropy}, shared by every backend. */
export function checkSoftmaxCrossEntropy(
  m: number,
  n: number,
  z: Float32Array,
  zOff: number,
  ldz: number,
  y: Float32Array,
  yOff: number,
  ldy: number,
  dz: Float32Array | null,
  dzOff: number,
  lddz: number,
): void {
  const fn = "softmaxCrossEntropy";
  checkDim(fn, "m", m);
  checkDim(fn, "n", n);
  checkMatrix(fn, "Z", z, zOff, m, n, ldz);
  checkMatrix(fn, "Y", y, yOff, m, n, ldy);
  if (dz !== null) checkMatrix(fn, "DZ", dz, dzOff, m, n, lddz);
}
