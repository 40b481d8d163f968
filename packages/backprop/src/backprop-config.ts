/**
 * The JSON config of the backprop learner, as a suite file names it: one zod schema
 * (`backpropLearnerConfig`) from which its type, defaults, validation and documentation come. A harness
 * can check a suite's learner configs with it before any run, and emit its JSON Schema.
 */
import { parseOptions, searchable } from "@arena/options";
import * as z from "zod";
import { bpttConfig } from "./bptt-chunks.ts";
import { clipConfig } from "./clipping.ts";
import { earlyStoppingConfig } from "./early-stopping.ts";
import { gradientConfig } from "./gradient-estimator.ts";
import { optimizerConfig, optimizerFrom } from "./optimizers/create-optimizer.ts";
import type { GradientOptimizer } from "./optimizers/gradient-optimizer.ts";

/** Default samples per minibatch. */
export const DEFAULT_BATCH_SIZE = 32;

/** The options gradient training takes, shared by the learner's config and `train`'s options. */
export const trainingShape = {
  optimizer: optimizerConfig,
  gradient: gradientConfig,
  batchSize: searchable(z.number().int().min(1).default(DEFAULT_BATCH_SIZE), {
    values: [16, 32, 64, 128],
  }).describe(
    "samples (sequences) per minibatch, >= 1; a value >= the training set gives full-batch descent",
  ),
  shuffle: z.boolean().default(true).describe("reshuffle the training samples every epoch"),
  clip: clipConfig.optional(),
  bptt: bpttConfig.optional(),
  earlyStopping: earlyStoppingConfig.optional(),
  evalEvery: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("updates between validation evaluations for early stopping; default one epoch's updates"),
};

/**
 * The backprop learner's config, plain JSON.
 *
 * @example
 * ```ts
 * import { backpropLearnerConfig } from "@arena/backprop";
 * const config = backpropLearnerConfig.parse({
 *   optimizer: { kind: "adam", lr: 1e-3 },
 *   clip: { norm: 1 },
 *   bptt: { k1: 10, k2: 20 },
 *   earlyStopping: { patience: 5, minDelta: 1e-4 },
 * });
 * console.log(config.batchSize, config.optimizer); // 32 { kind: "adam", lr: 0.001, beta1: 0.9, … }
 * ```
 */
export const backpropLearnerConfig = z
  .strictObject(trainingShape)
  .superRefine((c, ctx) => {
    if (c.evalEvery !== undefined && c.earlyStopping === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["evalEvery"],
        input: c.evalEvery,
        message:
          "only sets how often early stopping evaluates; expected earlyStopping as well, or no evalEvery",
      });
  })
  .describe("gradient training by minibatch backpropagation (full or truncated BPTT)");

/** The backprop learner's config as written (defaults may be left out). */
export type BackpropLearnerConfig = z.input<typeof backpropLearnerConfig>;
/** @deprecated the same type as {@link BackpropLearnerConfig}. */
export type BackpropConfig = BackpropLearnerConfig;

/** The keys a learner config may have. */
export const BACKPROP_CONFIG_KEYS: readonly string[] = Object.keys(trainingShape);

/** A config with its defaults filled in and its optimizer built. */
export type ResolvedBackpropConfig = Omit<z.output<typeof backpropLearnerConfig>, "optimizer"> & {
  optimizer: GradientOptimizer;
};

/**
 * Checks a learner config and fills in the defaults; any problem, at any depth, throws one
 * `OptionsError` naming each path and value, e.g.
 * `backprop learner: clip.norm: Too small: expected number to be >0 (got -1)`.
 */
export function resolveBackpropConfig(config: unknown, owner = "backprop learner"): ResolvedBackpropConfig {
  const c = parseOptions(owner, backpropLearnerConfig, config);
  return { ...c, optimizer: optimizerFrom(c.optimizer) };
}
