import { optimizerConfig } from "@arena/backprop";
import * as z from "zod";

/**
 * The local search's defaults: one plain-SGD step per candidate on 32 samples. The rate is 0.1 rather
 * than backprop's SGD default 1e-3: a single step at 1e-3 moves a candidate by less than the GA's own
 * mutation does, so the refinement would cost FLOPs and change nothing (README, "Measured").
 */
export const LOCAL_SEARCH_DEFAULTS = {
  k: 1,
  batchSize: 32,
  optimizer: { kind: "sgd", lr: 0.1 },
} as const;

/**
 * How each candidate is improved before it is scored: `k` steps of a gradient optimizer (any of
 * `@arena/backprop`'s, its state fresh for every candidate) on minibatches of `batchSize` samples drawn
 * afresh (seeded) for every step.
 */
export const LocalSearchConfig = z
  .strictObject({
    k: z
      .number()
      .int()
      .min(1)
      .default(LOCAL_SEARCH_DEFAULTS.k)
      .describe("gradient steps each candidate takes before it is scored"),
    batchSize: z
      .number()
      .int()
      .min(1)
      .default(LOCAL_SEARCH_DEFAULTS.batchSize)
      .describe("samples per gradient step; as many as the training split or more: the full split"),
    optimizer: optimizerConfig
      .prefault(LOCAL_SEARCH_DEFAULTS.optimizer)
      .describe(
        "the gradient optimizer of the steps, as in @arena/backprop (lr inside); fresh per candidate",
      ),
  })
  .describe("the gradient steps each candidate takes before it is scored");
export type LocalSearchConfig = z.input<typeof LocalSearchConfig>;
export type ResolvedLocalSearch = z.output<typeof LocalSearchConfig>;

/** Whether a refined candidate replaces its original in the population or only lends it its score. */
export const RefinementMode = z
  .enum(["lamarckian", "baldwinian"])
  .describe(
    "lamarckian: the improved weights are written back into the population; baldwinian: only the score of the improved copy counts",
  );
export type RefinementMode = z.output<typeof RefinementMode>;
