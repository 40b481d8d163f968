import * as z from "zod";
import { anyNumber, count, nonNegative } from "./non-finite.ts";
import { METRIC_NAMES } from "./run-record.ts";

/**
 * The report's answer across problems: which learner is best overall, and at which budget. Learners
 * are matched across problems by name (`sgd` on iris is `sgd` on digits); a problem with several
 * models gives one case per model, so a case is one (problem, model) pair.
 */

/** One column of the overview: a problem and model, with what its scores are normalised against. */
export const overviewCaseSchema = z.strictObject({
  /** `problem`, or `problem/model` when the problem has several models. */
  label: z.string().min(1),
  problem: z.string().min(1),
  model: z.string().min(1),
  metric: z.enum(METRIC_NAMES),
  higherIsBetter: z.boolean(),
  /**
   * The score 0 of the normalisation: the trivial baseline's median test metric (majority class, mean),
   * or the worst learner's median on the problem when it has no trivial baseline; null with neither.
   */
  reference: z.strictObject({ key: z.string(), median: anyNumber }).nullable(),
  /** The score 1: the problem's best-ranked learner row (over all its models) and its median. */
  best: z.strictObject({ key: z.string(), median: anyNumber }).nullable(),
  /** The target of the ladder its performance profile uses; null when no learner reached any target in half its runs. */
  profileTarget: anyNumber.nullable(),
});

/** The significance mark of a cell against the problem's best row (versus-best family, Holm-corrected). */
export const OVERVIEW_MARKS = ["best", "tied", "worse", "undetectable", "untested"] as const;

/** One learner on one case. */
export const overviewCellSchema = z.strictObject({
  /** The learner row's key on its problem, `model/learner`. */
  key: z.string().min(1),
  /** Median final test metric over its runs; null when none finished. */
  median: anyNumber.nullable(),
  /** (median − reference) / (best − reference): 1 = the problem's best, 0 = its trivial baseline; null when undefined. */
  normalized: anyNumber.nullable(),
  /** Rank among the case's learners by median (1 = best; ties share a rank). */
  rank: z.int().positive(),
  mark: z.enum(OVERVIEW_MARKS),
});

/** A learner's row of the overview, and its aggregates over the cases it ran on. */
export const overviewLearnerSchema = z.strictObject({
  learner: z.string().min(1),
  /** One entry per case (in the order of `cases`); null where the learner did not run. */
  cells: z.array(overviewCellSchema.nullable()),
  /** Mean of the finite normalised scores over the cases it ran on; null when there are none. */
  meanNormalized: anyNumber.nullable(),
  /** The same mean over `commonCases` only (every learner ran on them), so learners are compared on one set. */
  meanNormalizedCommon: anyNumber.nullable(),
  /** Mean rank over the cases it ran on. */
  meanRank: anyNumber,
  /** Cases where it is the best row or not significantly worse than it. */
  bestOrTied: count,
  cases: count,
});

/** One cost's performance profile over the cases (Dolan & Moré), with the AlgoPerf score. */
export const overviewProfileSchema = z.strictObject({
  cost: z.enum(["flops", "wallMs"]),
  /** τ_max of the score's integral (AlgoPerf: 4). */
  tauMax: z.number().gt(1),
  /** Indices into `cases` that have a profile target (the others are left out of every profile). */
  cases: z.array(count),
  learners: z.array(
    z.strictObject({
      learner: z.string().min(1),
      /** Per profiled case: ERT to the case's profile target divided by the fastest learner's (Infinity: never reached). */
      ratios: z.array(anyNumber),
      /** Area under the profile on [1, τ_max] divided by τ_max − 1: 1 = fastest on every case. */
      score: z.number().min(0).max(1),
    }),
  ),
});

/** The runtime ECDF pooled over every (case, target, run), as COCO aggregates over functions. */
export const overviewEcdfSchema = z.strictObject({
  cost: z.enum(["flops", "wallMs"]),
  /** Budgets (decades spanning the first hits to the largest spent cost). */
  budgets: z.array(nonNegative),
  learners: z.array(
    z.strictObject({
      learner: z.string().min(1),
      /** (case, target, run) triples it was tried on. */
      pairs: count,
      /** Fraction of them reached within each budget. */
      fractions: z.array(z.number().min(0).max(1)),
    }),
  ),
});

export const overviewSchema = z.strictObject({
  cases: z.array(overviewCaseSchema),
  /** Indices into `cases` every learner ran on: the set the learners are ordered on. */
  commonCases: z.array(count),
  /** Sorted best first: by mean normalised score over the common cases, then over their own cases, then mean rank. */
  learners: z.array(overviewLearnerSchema),
  profiles: z.array(overviewProfileSchema),
  ecdf: z.array(overviewEcdfSchema),
});

export type Overview = z.output<typeof overviewSchema>;
export type OverviewCase = z.output<typeof overviewCaseSchema>;
export type OverviewCell = z.output<typeof overviewCellSchema>;
export type OverviewMark = (typeof OVERVIEW_MARKS)[number];
export type OverviewLearner = z.output<typeof overviewLearnerSchema>;
export type OverviewProfile = z.output<typeof overviewProfileSchema>;
export type OverviewEcdf = z.output<typeof overviewEcdfSchema>;
