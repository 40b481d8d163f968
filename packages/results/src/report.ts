import * as z from "zod";
import type { RecordError } from "./issues.ts";
import { anyNumber, count, nonNegative } from "./non-finite.ts";
import { overviewSchema } from "./overview.ts";
import { BASELINE_ROLES, METRIC_NAMES } from "./run-record.ts";
import { parseVersionedJson, serializeVersionedJson } from "./versioned-json.ts";

/** The version tag of `report.json`. */
export const REPORT_SCHEMA = "arena.report/1";

/** A number that may be missing (no values to summarise) or non-finite (e.g. an infinite ERT). */
const maybeNumber = anyNumber.nullable();

/** Across-seed summary of one figure. Every statistic is null when n = 0. */
export const summarySchema = z.strictObject({
  /** Number of values summarised (e.g. runs with a finite figure). */
  n: count,
  median: maybeNumber,
  q1: maybeNumber,
  q3: maybeNumber,
  iqr: maybeNumber,
  mean: maybeNumber,
  sd: maybeNumber,
  min: maybeNumber,
  max: maybeNumber,
  /** Percentile bootstrap CI of the median (level in `settings.confidence`); null when not computed. */
  medianCi: z.strictObject({ lo: anyNumber, hi: anyNumber }).nullable(),
});

/** Time-to-target statistics of one learner for one target of the ladder. */
export const targetSummarySchema = z.strictObject({
  target: anyNumber,
  runs: count,
  successes: count,
  successRate: z.number().min(0).max(1),
  /** Expected running time in FLOPs, evaluations and wall ms (Infinity with no success). */
  ertFlops: anyNumber,
  ertEvaluations: anyNumber,
  ertWallMs: anyNumber,
  /** Median over successful runs of the cost at first reach; null with no success. */
  medianFlops: maybeNumber,
  medianWallMs: maybeNumber,
});

/** One row of a problem's table: one (model, learner) pair over its repetitions. */
export const learnerSummarySchema = z.strictObject({
  /** `model/learner`: how comparisons refer to this row. */
  key: z.string().min(1),
  model: z.string().min(1),
  learner: z.string().min(1),
  runs: count,
  ok: count,
  diverged: count,
  failed: count,
  /** 1 = best median final test metric; ties share a rank. */
  rank: z.int().positive(),
  finalTestMetric: summarySchema,
  /** Best validation metric reached during training. */
  bestValMetric: summarySchema,
  /** Test metric at the checkpoint of best validation (what early stopping would deliver). */
  testAtBestVal: summarySchema,
  /** Final train metric minus final validation metric: the overfitting gap, sign as computed. */
  trainValGap: summarySchema,
  /** Total FLOPs and wall time per run. */
  flops: summarySchema,
  wallMs: summarySchema,
  /**
   * Peak memory per run, in bytes (the records' `measured.peakHeapBytes`: the worker's V8 heap and typed
   * arrays; `measured.peakRssBytes`: the whole process, shared by concurrent runs). Measured, so it
   * depends on the machine and the worker count. Absent in reports written before it was added.
   */
  peakHeapBytes: summarySchema.optional(),
  peakRssBytes: summarySchema.optional(),
  targets: z.array(targetSummarySchema),
  /**
   * Runs whose best training metric never left the trivial baseline of their repetition (majority class,
   * mean): they closed less than `settings.learnedFraction` of the way from it to a perfect fit.
   */
  didNotLearn: z.strictObject({ runs: count, of: count }).optional(),
  /** Keys of the baselines (linear, naive) whose median test metric is better than this row's median. */
  worseThan: z.array(z.string()).optional(),
});

/** One baseline's row: fitted in closed form per repetition, charged to no budget, not ranked. */
export const baselineSummarySchema = z.strictObject({
  /** `baseline/<method>`. */
  key: z.string().min(1),
  method: z.string().min(1),
  role: z.enum(BASELINE_ROLES),
  description: z.string(),
  runs: count,
  trainMetric: summarySchema,
  valMetric: summarySchema,
  finalTestMetric: summarySchema,
});

/** The Hodges–Lehmann estimate of a − b on the final test metric (metric units) and its confidence interval. */
export const shiftSchema = z.strictObject({
  estimate: anyNumber,
  lo: anyNumber,
  hi: anyNumber,
  /** The interval's level as asked (e.g. 0.95) and as the exact distribution could reach it. */
  level: z.number().gt(0).lt(1),
  achievedLevel: z.number().min(0).max(1),
  method: z.enum(["exact", "normal"]),
});

/** Whether a family of comparisons can reach significance at all with its seed counts. */
export const detectabilitySchema = z.strictObject({
  family: z.enum(["versus-best", "pairwise"]),
  /** Number of comparisons in the family (the Holm correction's m). */
  comparisons: count,
  /** Fewest runs on either side of any comparison of the family. */
  minRuns: count,
  /** Smallest p-value one comparison can produce with those runs (exact Mann–Whitney, no ties). */
  smallestP: z.number().min(0).max(1),
  /** Smallest Holm-adjusted p-value any comparison of the family can reach. */
  smallestAdjustedP: z.number().min(0).max(1),
  /** smallestAdjustedP ≤ settings.alpha: a consistent difference can be detected. */
  canDetect: z.boolean(),
});

/** A pairwise Mann–Whitney U test between two rows on the final test metric. */
export const comparisonSchema = z.strictObject({
  /** Row keys. */
  a: z.string().min(1),
  b: z.string().min(1),
  /** U of a. */
  u: nonNegative,
  z: anyNumber.nullable(),
  p: z.number().min(0).max(1),
  /** Holm-adjusted p over all comparisons of the problem. */
  pHolm: z.number().min(0).max(1),
  method: z.enum(["exact", "normal"]),
  /** Vargha–Delaney A12 of a over b, oriented so that > 0.5 means a is better. */
  a12: z.number().min(0).max(1),
  /** pHolm ≤ settings.alpha. */
  significant: z.boolean(),
  /** The better row when significant, else null. */
  better: z.string().nullable(),
  /** Hodges–Lehmann shift a − b with its CI; null when a row has a diverged run (no finite value). */
  shift: shiftSchema.nullable().optional(),
});

/** The best of k trials of a search (bootstrap over its trials), as `bestOfK` of @arena/stats gives it. */
export const bestOfKSchema = z.strictObject({
  k: count,
  mean: anyNumber,
  median: anyNumber,
  q1: anyNumber,
  q3: anyNumber,
});

/**
 * One tuned learner (model and learner) on a problem: its search, the configuration it chose on
 * validation, what the search cost, and its best-of-k curve, so a reader can see how its standing
 * depends on the tuning budget.
 */
export const tuningSummarySchema = z.strictObject({
  /** The learner row's key, `model/learner`. */
  key: z.string().min(1),
  trials: count,
  seeds: count,
  sampler: z.enum(["quasirandom", "random"]),
  /** Trials by outcome (a trial diverged or failed when any of its seeds did). */
  ok: count,
  diverged: count,
  failed: count,
  /** The chosen trial and its hyperparameters; null while the search has no trial on record. */
  chosen: z
    .strictObject({
      trial: count,
      params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
      /** Its mean final validation metric over its seeds. */
      score: anyNumber,
    })
    .nullable(),
  /** Every trial run: deterministic cost, and measured wall time summed. */
  cost: z.strictObject({ runs: count, flops: nonNegative, evaluations: nonNegative, wallMs: nonNegative }),
  /** Best validation metric of k trials, for k = 1 … trials. */
  bestOfK: z.array(bestOfKSchema),
});

export const problemReportSchema = z.strictObject({
  problem: z.string().min(1),
  metric: z.strictObject({ name: z.enum(METRIC_NAMES), higherIsBetter: z.boolean() }),
  /** The suite's target ladder for this problem, in order. */
  targets: z.array(anyNumber),
  /** Rows sorted by rank. */
  learners: z.array(learnerSummarySchema),
  /** Every pair of learners, Holm-corrected over all pairs. */
  comparisons: z.array(comparisonSchema),
  /** True when test = train by definition (XOR, parity): test figures measure fit, not generalisation. */
  testIsTrain: z.boolean().optional(),
  /** Baseline rows (majority/mean, linear, naive forecasts) on the same splits. */
  baselines: z.array(baselineSummarySchema).optional(),
  /**
   * The headline family: each learner against the best-ranked one (k − 1 comparisons, Holm-corrected
   * among themselves); null with fewer than two learners.
   */
  versusBest: z
    .strictObject({ control: z.string(), comparisons: z.array(comparisonSchema) })
    .nullable()
    .optional(),
  /** For each family, whether it can reach significance at all with these seed counts. */
  detectability: z.array(detectabilitySchema).optional(),
  /** The tuned learners' searches (trials are not learner rows); absent when nothing was tuned. */
  tuning: z.array(tuningSummarySchema).optional(),
});

export const reportSchema = z.strictObject({
  schema: z.literal(REPORT_SCHEMA),
  suite: z.string().min(1),
  /** ISO 8601 time the report was written (measured). */
  generatedAt: z.iso.datetime({ offset: true }),
  /** What was read from results.jsonl. */
  source: z.strictObject({ records: count, skipped: count, tornTail: z.boolean() }),
  settings: z.strictObject({
    /** Level of the bootstrap CIs, e.g. 0.95. */
    confidence: z.number().gt(0).lt(1),
    /** Significance level for Holm-adjusted p-values, e.g. 0.05. */
    alpha: z.number().gt(0).lt(1),
    bootstrapResamples: z.int().positive(),
    /** Seed path of the bootstrap's Rng, so the CIs can be reproduced. */
    bootstrapSeed: z.string(),
    /** Level of the Hodges–Lehmann shift intervals. */
    shiftConfidence: z.number().gt(0).lt(1).optional(),
    /** A run "did not learn" when it closed less than this share of the gap from the trivial baseline to a perfect fit. */
    learnedFraction: z.number().gt(0).lt(1).optional(),
  }),
  problems: z.array(problemReportSchema),
  /** Across problems: the normalised table, performance profiles and the pooled runtime ECDF. */
  overview: overviewSchema.optional(),
});

export type Report = z.output<typeof reportSchema>;
export type ProblemReport = z.output<typeof problemReportSchema>;
export type LearnerSummary = z.output<typeof learnerSummarySchema>;
export type Summary = z.output<typeof summarySchema>;

/** The summary of no values (every run of a row failed, or none reached a checkpoint): n = 0, all null. */
export const EMPTY_SUMMARY: Readonly<Summary> = Object.freeze({
  n: 0,
  median: null,
  q1: null,
  q3: null,
  iqr: null,
  mean: null,
  sd: null,
  min: null,
  max: null,
  medianCi: null,
});
export type TargetSummary = z.output<typeof targetSummarySchema>;
export type BaselineSummary = z.output<typeof baselineSummarySchema>;
export type Shift = z.output<typeof shiftSchema>;
export type Detectability = z.output<typeof detectabilitySchema>;
export type TuningSummary = z.output<typeof tuningSummarySchema>;
export type BestOfKSummary = z.output<typeof bestOfKSchema>;
export type Comparison = z.output<typeof comparisonSchema>;

/** Either the report or why it could not be read. Never throws. */
export type ParseReportResult = { ok: true; report: Report } | { ok: false; error: RecordError };

/** Parses the text of `report.json`, decoding non-finite number tokens. Never throws. */
export function parseReport(text: string): ParseReportResult {
  const r = parseVersionedJson(text, reportSchema, REPORT_SCHEMA);
  return r.ok ? { ok: true, report: r.value } : r;
}

/** Validates a report and writes it as indented JSON (non-finite numbers as tokens). Throws on a bad one. */
export function serializeReport(report: Report): string {
  return serializeVersionedJson(reportSchema, report, "serializeReport");
}
