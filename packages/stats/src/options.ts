/**
 * The options objects of the statistics as zod schemas (see @arena/options): each gives the TypeScript
 * type (`z.input` for callers), the defaults, the validation and the documentation, and `parseOptions`
 * turns any problem into one `OptionsError` naming the key, the value and what was expected.
 */
import * as z from "zod";

/** Default number of bootstrap resamples: 10 000, enough for stable 95% percentile limits. */
export const DEFAULT_RESAMPLES = 10_000;

/**
 * A source of uniform numbers in [0, 1). `@arena/rng`'s `Rng` satisfies it structurally, so this
 * package needs no dependency to be seeded.
 */
export interface UniformSource {
  float(): number;
}

const level = z.number().gt(0).lt(1).default(0.95).describe("confidence level in (0, 1)");

const alternative = z
  .enum(["two-sided", "less", "greater"])
  .default("two-sided")
  .describe('which difference the test looks for: "greater" means x tends to be larger than y');

const method = z
  .enum(["auto", "exact", "normal"])
  .default("auto")
  .describe(
    '"auto": the exact null distribution of U when there are no ties and both samples have fewer than 50 values (R\'s wilcox.test rule), else the normal approximation; "exact" insists (and throws on ties); "normal" always approximates',
  );

/** Options of `bootstrapCi`, `medianCi` and `meanCi`. */
export const bootstrapOptions = z.strictObject({
  rng: z
    .custom<UniformSource>((v) => typeof (v as { float?: unknown } | null)?.float === "function", {
      error: "expected a uniform source with a float() method, e.g. an Rng",
    })
    .describe("uniform source for the resampling indices; the same seed gives the same interval"),
  resamples: z
    .number()
    .int()
    .min(1)
    .default(DEFAULT_RESAMPLES)
    .describe(`number of resamples B (default ${DEFAULT_RESAMPLES})`),
  level,
});

/** Options of `mannWhitneyU`. */
export const mannWhitneyOptions = z.strictObject({
  alternative,
  method,
  continuity: z
    .boolean()
    .default(true)
    .describe("continuity correction of the normal approximation (±0.5 on U), as R and scipy"),
});

/** Options of `hodgesLehmannShift`. */
export const hodgesLehmannOptions = z.strictObject({ level, method });

/** Options of `mannWhitneyMinP`. */
export const mannWhitneyMinPOptions = z.strictObject({ alternative });

/** Options of `variance` and `standardDeviation`. */
export const dispersionOptions = z.strictObject({
  ddof: z
    .number()
    .int()
    .min(0)
    .default(1)
    .describe(
      "delta degrees of freedom: the sum of squares is divided by n − ddof; 1 is the unbiased sample variance (R's var/sd), 0 the population variance (numpy's default)",
    ),
});

/** Options of `timeToTarget`. */
export const timeToTargetOptions = z.strictObject({
  higherIsBetter: z
    .boolean()
    .describe(
      "true for accuracy-like figures (reached when value ≥ target), false for losses/RMSE (value ≤ target)",
    ),
});

/** A multiple-comparison adjustment, named as in R's `p.adjust`. */
export const pAdjustMethod = z
  .enum(["holm", "bonferroni", "none"])
  .describe("multiple-comparison correction applied over the family");

/** The design `canReachSignificance` judges. */
export const significanceDesign = z.strictObject({
  comparisons: z
    .number()
    .int()
    .min(1)
    .describe("number of comparisons in the family corrected together (e.g. k(k − 1)/2 pairs of k learners)"),
  correction: pAdjustMethod,
  alpha: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.05)
    .describe("significance level; an adjusted p ≤ alpha counts as significant"),
  alternative,
});
