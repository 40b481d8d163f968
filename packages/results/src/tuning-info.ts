import * as z from "zod";
import { jsonObject } from "./json-value.ts";
import { anyNumber, count, nonNegative } from "./non-finite.ts";

/** A tuned learner's runs: the trials of its search, and the runs of the chosen configuration. */
export const TUNING_ROLES = ["trial", "final"] as const;
export type TuningRole = (typeof TUNING_ROLES)[number];

/**
 * What a record of a tuned learner says about the tuning: on a trial, its index, its point of the search
 * space and the protocol; on a final run (the chosen configuration, re-run on fresh seeds), the trial
 * chosen on validation, its score, and the deterministic cost of all the trials.
 */
export const tuningInfoSchema = z.strictObject({
  role: z.enum(TUNING_ROLES),
  /** The trial's index; on a final run, the index of the trial chosen. */
  trial: count,
  /** Trials of the search (N) and seeds per trial (k). */
  trials: count,
  seeds: count,
  sampler: z.enum(["quasirandom", "random"]),
  /** The trial's hyperparameters by option path, e.g. { "optimizer.lr": 0.0316 }. */
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  /** The search space by option path: { low, high, scale, integer } or { values }. */
  space: z.record(z.string(), jsonObject),
  /** Final runs: the chosen trial's selection score, its mean final validation metric over its seeds. */
  score: anyNumber.optional(),
  /** Final runs: the total deterministic cost of the search (every trial run); wall time is in the trial records. */
  cost: z.strictObject({ runs: count, flops: nonNegative, evaluations: nonNegative }).optional(),
});
export type TuningInfo = z.output<typeof tuningInfoSchema>;
