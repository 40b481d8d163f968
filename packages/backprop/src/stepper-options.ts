import type { RngLike } from "@arena/rng";
import type { ResolvedBptt } from "./bptt-chunks.ts";
import type { ResolvedClip } from "./clipping.ts";
import type { GradientEstimator } from "./gradient-estimator.ts";
import type { GradientOptimizer } from "./optimizers/gradient-optimizer.ts";

/** What a `BackpropStepper` takes, and what one of its updates reports. */

/** Options of {@link BackpropStepper}. */
export interface StepperOptions {
  optimizer: GradientOptimizer;
  /** Samples (sequences) per minibatch; a value >= n gives full-batch gradient descent. */
  batchSize: number;
  /**
   * Minibatch order (forked as "minibatches"), dropout masks (forked as "dropout") and the feedback
   * matrices of feedback alignment (forked as "feedback"); or its seed.
   */
  rng: RngLike;
  /** Reshuffle every epoch (default true). */
  shuffle?: boolean;
  clip?: ResolvedClip | null;
  /** Truncated BPTT for recurrent models; null or absent: full BPTT over each sequence. */
  bptt?: ResolvedBptt | null;
  /** The gradient to follow (default backprop); the feedback-alignment estimators need an MLP. */
  gradient?: GradientEstimator;
}

/** What one update did. */
export interface StepResult {
  /** Loss of the update's minibatch (the chunk's, for chunk updates), including the L1/L2 penalty. */
  loss: number;
  /** L2 norm of the update's gradient before clipping. */
  gradNorm: number;
  /** Analytic FLOPs of the update: forward, backward, clipping, chunk accumulation, optimizer. */
  flops: number;
  /** Samples forwarded by the update; a sequence counts once (at its first chunk). */
  evaluations: number;
  /** Sequences (samples) in the minibatch; 0 when nothing fitted the allowance (nothing was done). */
  batch: number;
}

/** The result of a step that did nothing (not one sample fitted the allowance). */
export function nothingDone(): StepResult {
  return { loss: Number.NaN, gradNorm: Number.NaN, flops: 0, evaluations: 0, batch: 0 };
}
