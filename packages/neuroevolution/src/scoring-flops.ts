import type { Model } from "@arena/nn";

/**
 * FLOPs of scoring one candidate on `batch` samples: the forward pass plus the L1/L2 penalty. Forward-only
 * FLOPs omit the penalty; lossBatch adds it per candidate, so it is taken from the backward-enabled count,
 * whose `penalty.forward` is the value's arithmetic alone.
 */
export function scoringFlops(model: Model, batch: number, steps: number): number {
  const fwd = model.flops({ batch, steps }).forward;
  const penalty = model.flops({ batch: 1, steps, backward: true }).penalty.forward;
  return fwd + penalty;
}
