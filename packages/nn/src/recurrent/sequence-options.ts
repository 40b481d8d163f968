import type { UniformSource } from "@arena/rng";
import type { RecurrentState } from "./state.ts";

/** Options of {@link RecurrentNet.forwardSequence}. */
export interface SequenceForwardOptions {
  /**
   * Where the chunk starts: "zero" (default without `keep`), "carry" (the final state of the previous
   * forwardSequence, same batch; the default with `keep`), or an explicit state (e.g. from `state()`).
   */
  initialState?: "zero" | "carry" | RecurrentState;
  /**
   * Keep the last `keep` steps of the previous call's window in front of this chunk, so that the next
   * backward can reach back into them: truncated BPTT(k1, k2) with k2 > k1 forwards k1 steps with
   * keep = k2 − k1. Implies "carry". Default 0.
   */
  keep?: number;
  /** The chunk's first step within each sample of x; default 0. */
  stepOffset?: number;
  /** Steps per sample stored in x; default x.length / (n · input). */
  totalSteps?: number;
  /** Training mode: dropout masks come from here. */
  rng?: UniformSource;
}

/** Options of {@link RecurrentNet.backwardSequence}. */
export interface SequenceBackwardOptions {
  /**
   * Backpropagate through the last `lastK` stored steps only (kept + new); gradients stop at the
   * window's start. Default: every stored step. Errors of steps before the window still reach the
   * readout's weights but not the recurrent layers.
   */
  lastK?: number;
  /** Every-step targets: the chunk's first step within each sample of y; default the forward's stepOffset. */
  stepOffset?: number;
  /** Every-step targets: steps per sample stored in y; default y.length / (n · output). */
  totalSteps?: number;
}
