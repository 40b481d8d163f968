import type { FlopCount, FlopOptions } from "./model.ts";

/** FLOPs of one pass, split by where they are spent. */
export interface FlopParts {
  /** gemm: 2·m·n·k. */
  matmul: number;
  /** Bias broadcast (forward) and bias-gradient column sums (backward): one per entry. */
  bias: number;
  /** Activations, gates, dropout and the like, a nonlinearity counting 1. */
  elementwise: number;
}

/** Checks `flops()` options (unknown keys rejected) and returns the batch. */
export function checkFlopBatch(opts: FlopOptions): number {
  for (const key of Object.keys(opts)) {
    if (!["batch", "steps", "backward", "lastK", "train"].includes(key)) {
      throw new RangeError(`flops: unknown option "${key}"; expected batch, steps, backward, lastK, train`);
    }
  }
  if (!Number.isInteger(opts.batch) || opts.batch < 1)
    throw new RangeError(`flops: batch must be a positive integer, got ${opts.batch}`);
  return opts.batch;
}

/** Number of regularised weights in (offset, length) pairs. */
export function regularizedCount(ranges: Int32Array): number {
  let n = 0;
  for (let r = 1; r < ranges.length; r += 2) n += ranges[r];
  return n;
}

/** Sums per-layer parts into a {@link FlopCount}. */
export function assembleFlops(
  layers: FlopCount["layers"],
  loss: FlopCount["loss"],
  penalty: FlopCount["penalty"],
  backward: boolean,
): FlopCount {
  let fwd = loss.forward;
  let bwd = loss.backward + penalty.backward + penalty.forward;
  for (const l of layers) {
    fwd += l.forward.matmul + l.forward.bias + l.forward.elementwise;
    bwd += l.backward.matmul + l.backward.bias + l.backward.elementwise;
  }
  if (!backward) {
    for (const l of layers) l.backward = { matmul: 0, bias: 0, elementwise: 0 };
    return {
      layers,
      loss: { forward: loss.forward, backward: 0 },
      penalty: { forward: 0, backward: 0 },
      forward: fwd,
      backward: 0,
      total: fwd,
    };
  }
  return { layers, loss, penalty, forward: fwd, backward: bwd, total: fwd + bwd };
}
