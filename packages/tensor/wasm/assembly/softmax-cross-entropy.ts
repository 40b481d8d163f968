// Softmax cross-entropy over rows of logits, with its gradient (see src/softmax-cross-entropy.ts):
// the TypeScript loop's float64 operations in its order, with fdlibm's exp and log (fdlibm-exp.ts,
// fdlibm-log.ts), which are V8's Math.exp and Math.log, so the loss and the gradient are bit for bit
// the JavaScript ones.
import { exp1 } from "./fdlibm-exp";
import { log1 } from "./fdlibm-log";
import { rowMax } from "./rows";

/**
 * Σ_i sumY_i·lse_i − Σ_j y_ij·z_ij over the m rows of Z (m×n), lse_i = max_i + log Σ_j exp(z_ij −
 * max_i); when dz ≠ 0, DZ_ij = scale·(exp(z_ij − lse_i)·sumY_i − y_ij), rounded to float32.
 */
export function softmaxCrossEntropy(
  m: i32,
  n: i32,
  z: usize,
  ldz: i32,
  y: usize,
  ldy: i32,
  dz: usize,
  lddz: i32,
  scale: f64,
): f64 {
  let total: f64 = 0;
  for (let r = 0; r < m; r++) {
    const zr = z + ((<usize>r * <usize>ldz) << 2);
    const yr = y + ((<usize>r * <usize>ldy) << 2);
    const max = rowMax(zr, n);
    let s: f64 = 0;
    for (let j = 0; j < n; j++) s += exp1(<f64>load<f32>(zr + ((<usize>j) << 2)) - max);
    const lse = max + log1(s);
    let sumY: f64 = 0;
    let yz: f64 = 0;
    for (let j = 0; j < n; j++) {
      const o = (<usize>j) << 2;
      const t = <f64>load<f32>(yr + o);
      sumY += t;
      yz += t * <f64>load<f32>(zr + o);
    }
    total += sumY * lse - yz;
    if (dz === 0) continue;
    const dr = dz + ((<usize>r * <usize>lddz) << 2);
    for (let j = 0; j < n; j++) {
      const o = (<usize>j) << 2;
      const e = exp1(<f64>load<f32>(zr + o) - lse);
      store<f32>(dr + o, <f32>(scale * (e * sumY - <f64>load<f32>(yr + o))));
    }
  }
  return total;
}
