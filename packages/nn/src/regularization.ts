import type { Kernels } from "@arena/tensor";

/**
 * L2 and L1 weight penalties over the regularised tensors (weights, not biases):
 * penalty = λ₂/2 · Σ w² + λ₁ · Σ |w|, gradient λ₂·w + λ₁·sign(w) (sign(0) = 0, the subgradient
 * that leaves an exact zero alone). With λ₂/2 the L2 gradient is exactly "weight decay λ₂".
 *
 * `ranges` holds (offset, length) pairs relative to `base`, so the same code reads a model's params
 * or one row of a population matrix.
 */
export function penaltyValue(
  k: Kernels,
  p: Float32Array,
  base: number,
  ranges: Int32Array,
  l2: number,
  l1: number,
): number {
  if (l2 === 0 && l1 === 0) return 0;
  let sq = 0;
  let abs = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    const off = base + ranges[r];
    const len = ranges[r + 1];
    if (l2 !== 0) sq += k.dot(len, p, off, p, off);
    if (l1 !== 0) for (let i = 0; i < len; i++) abs += Math.abs(p[off + i]);
  }
  return 0.5 * l2 * sq + l1 * abs;
}

/** g += ∂penalty/∂w over the regularised ranges (params at `base`, grads at 0). */
export function penaltyGradient(
  k: Kernels,
  p: Float32Array,
  base: number,
  g: Float32Array,
  ranges: Int32Array,
  l2: number,
  l1: number,
): void {
  for (let r = 0; r < ranges.length; r += 2) {
    const off = ranges[r];
    const len = ranges[r + 1];
    if (l2 !== 0) k.axpy(len, l2, p, base + off, g, off);
    if (l1 !== 0) {
      for (let i = 0; i < len; i++) {
        const w = p[base + off + i];
        g[off + i] += w > 0 ? l1 : w < 0 ? -l1 : 0;
      }
    }
  }
}

/** FLOPs of one penalty evaluation (value and gradient) over `weights` regularised entries. */
export function penaltyFlops(weights: number, l2: number, l1: number): { forward: number; backward: number } {
  return {
    forward: (l2 !== 0 ? 2 * weights : 0) + (l1 !== 0 ? 2 * weights : 0),
    backward: (l2 !== 0 ? 2 * weights : 0) + (l1 !== 0 ? weights : 0),
  };
}
