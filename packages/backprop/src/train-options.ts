/** The options of `train` (one schema) and the shapes of what it returns. */
import type { Cost, Samples } from "@arena/nn";
import { RngOption } from "@arena/options";
import * as z from "zod";
import { trainingShape } from "./backprop-config.ts";
import type { OptimizerConfig } from "./optimizers/create-optimizer.ts";
import type { GradientOptimizer } from "./optimizers/gradient-optimizer.ts";

/** What `train` trains on: a training split and, optionally, a validation split (a `Problem` fits). */
export interface TrainData {
  train: Samples;
  validation?: Samples;
}

const positiveInt = z.number().int().min(1);

/**
 * Options of `train`: the learner's training options plus how long to train, the run's random
 * stream and the checkpoint hooks. Give `epochs`, `steps` or both (training stops at whichever comes
 * first). `optimizer` may also be an optimizer instance (kept and updated).
 */
export const trainOptions = z
  .strictObject({
    ...trainingShape,
    rng: RngOption.describe(
      'the run\'s random stream, or its seed: minibatch order (fork "minibatches"), dropout (fork "dropout"), feedback-alignment matrices (fork "feedback")',
    ),
    epochs: positiveInt
      .optional()
      .describe("passes over the training split (training stops after the last update of the last epoch)"),
    steps: positiveInt.optional().describe("parameter updates"),
    evalEvery: positiveInt
      .optional()
      .describe(
        "updates between checkpoints; default one epoch's updates; early stopping evaluates at checkpoints",
      ),
    diagnostics: z
      .boolean()
      .default(true)
      .describe(
        "record the stepper's diagnostics (gradient norms per layer and through time; alignment angles with feedback alignment) at checkpoints",
      ),
    onCheckpoint: z
      .custom<(checkpoint: TrainCheckpoint) => void>((v) => typeof v === "function", {
        error: "expected a function",
      })
      .optional()
      .describe("called with every checkpoint as it is recorded"),
  })
  .superRefine((o, ctx) => {
    if (o.epochs === undefined && o.steps === undefined)
      ctx.addIssue({ code: "custom", path: [], message: "expected epochs and/or steps (how long to train)" });
  });

/** Options of `train` as written; `optimizer` is a config or an optimizer instance. */
export type TrainOptions = Omit<z.input<typeof trainOptions>, "optimizer"> & {
  optimizer: OptimizerConfig | GradientOptimizer;
};

export function isOptimizer(v: unknown): v is GradientOptimizer {
  return typeof v === "object" && v !== null && typeof (v as GradientOptimizer).step === "function";
}

/** The figures recorded at a checkpoint (the state after `step` updates). */
export interface TrainCheckpoint {
  /** Updates done. */
  step: number;
  /** Epochs of training data seen (fractional). */
  epoch: number;
  /** Training FLOPs so far (updates only; see `TrainResult.evaluationCost` for the checkpoints' own). */
  flops: number;
  /** Training samples forwarded so far. */
  evaluations: number;
  /** Learning rate of the next update. */
  lr: number;
  /** Mean minibatch loss of the updates since the previous checkpoint (NaN at step 0). */
  batchLoss: number;
  /** Unclipped gradient norm of the last update (NaN at step 0). */
  gradNorm: number;
  /** Mean data loss and metric over the whole training split. */
  trainLoss: number;
  trainMetric: number;
  /** The same over the validation split, when one is given. */
  valLoss?: number;
  valMetric?: number;
  /** The stepper's diagnostics after the last update: `grad_norm/<layer>`, `dh_norm/<layer>`, `alignment_angle`. */
  diagnostics?: Record<string, number[]>;
}

/** The best validation checkpoint. */
export interface BestCheckpoint {
  /** Index into `history`. */
  checkpoint: number;
  step: number;
  epoch: number;
  valLoss: number;
  valMetric: number;
}

/** What `train` returns. */
export interface TrainResult {
  /** "completed": the budget was spent; "early-stopped": patience ran out; "diverged": see `divergence`. */
  status: "completed" | "early-stopped" | "diverged";
  /** Updates done (the diverged update not counted). */
  steps: number;
  epochs: number;
  /** Training work: updates' forward, backward, clipping and optimizer FLOPs; samples forwarded. */
  cost: Cost;
  /** Checkpoint evaluations (train and validation forward passes), kept apart from the training cost. */
  evaluationCost: Cost;
  metric: "accuracy" | "rmse";
  history: TrainCheckpoint[];
  /**
   * The checkpoint with the best validation figure (the early-stopping monitor, or the validation loss
   * without early stopping); null without a validation split.
   */
  best: BestCheckpoint | null;
  /** True when early stopping put the best checkpoint's parameters back into the model. */
  restoredBest: boolean;
  /** Where training diverged: the 1-based update whose loss or gradient was not finite. */
  divergence: { step: number; flops: number; message: string } | null;
  /** Train and validation figures of the parameters the model holds at the end. */
  final: { trainLoss: number; trainMetric: number; valLoss?: number; valMetric?: number };
}
