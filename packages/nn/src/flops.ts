/** FLOPs of one pass, split by where they are spent. */
export interface FlopParts {
  /** gemm: 2·m·n·k. */
  matmul: number;
  /** Bias broadcast (forward) and bias-gradient column sums (backward): one per entry. */
  bias: number;
  /** Activations, gates, dropout and the like, a nonlinearity counting 1. */
  elementwise: number;
}

/** FLOPs of one layer, forward and backward. */
export interface LayerFlops {
  name: string;
  forward: FlopParts;
  backward: FlopParts;
}

/**
 * Analytic FLOP count of a pass. `matmul` counts 2·m·n·k per gemm, `bias` one per bias entry added
 * or summed, `elementwise` the activations, gates and dropout (a nonlinearity counts 1).
 */
export interface FlopCount {
  layers: LayerFlops[];
  /** Output activation and loss. */
  loss: { forward: number; backward: number };
  /** L1/L2 penalty (value and gradient). */
  penalty: { forward: number; backward: number };
  /** All forward FLOPs. */
  forward: number;
  /** All backward FLOPs (0 unless asked for). */
  backward: number;
  total: number;
}

/** Options of `flops`. */
export interface FlopOptions {
  /** Samples (sequences) in the batch. */
  batch: number;
  /** Recurrent models: steps forwarded. */
  steps?: number;
  /** Count the backward pass too. */
  backward?: boolean;
  /** Recurrent models: steps backpropagated (default `steps`; see `backwardSequence`'s lastK). */
  lastK?: number;
  /** Training mode (dropout masks). */
  train?: boolean;
}

/** Checks `flops()` options (unknown keys rejected; a model type may accept `extra` ones) and returns the batch. */
export function checkFlopBatch(opts: FlopOptions, extra: readonly string[] = []): number {
  const known = ["batch", "steps", "backward", "lastK", "train", ...extra];
  for (const key of Object.keys(opts)) {
    if (!known.includes(key))
      throw new RangeError(`flops: unknown option "${key}"; expected ${known.join(", ")}`);
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
