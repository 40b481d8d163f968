import * as z from "zod";
import type { RecordError } from "./issues.ts";
import { anyNumber, count, nonNegative } from "./non-finite.ts";
import { METRIC_NAMES } from "./run-record.ts";
import { parseVersionedJson, serializeVersionedJson } from "./versioned-json.ts";

/** The version tag of `compare.json`. */
export const COMPARE_SCHEMA = "arena.compare/1";

/**
 * The figures compared per row: the final test metric, the FLOPs to reach a target of the problem's
 * ladder, and the training wall time (measured).
 */
export const COMPARE_FIGURES = ["finalMetric", "costToTarget", "wallMs"] as const;

/**
 * What a comparison of one figure concluded, NEW against BASE: `regression` (flagged), `worse`
 * (significantly worse but within the threshold, or wall time with no time threshold), `better`
 * (significantly better), `no change` (not significant), `not tested` (see the figure's `note`).
 */
export const COMPARE_VERDICTS = ["regression", "worse", "better", "no change", "not tested"] as const;

/** The verdict of a whole comparison (the summary line). */
export const COMPARE_OUTCOMES = ["regression", "no regression", "cannot detect"] as const;

const probability = z.number().min(0).max(1);

/** Runs of one side of a row (or of a whole side), by status. */
export const statusCountsSchema = z.strictObject({
  runs: count,
  ok: count,
  diverged: count,
  failed: count,
});

/** One figure of one row: medians of both sides, their relative change, the test and the verdict. */
export const compareFigureSchema = z.strictObject({
  figure: z.enum(COMPARE_FIGURES),
  /** Values tested per side: the runs that did not fail. */
  nBase: count,
  nNew: count,
  /** Cost to target only: the target whose first reach is counted; null when none qualifies. */
  target: anyNumber.nullable().optional(),
  baseMedian: anyNumber.nullable(),
  newMedian: anyNumber.nullable(),
  /**
   * (new − base) / |base| of the medians, not oriented (for accuracy a negative change is worse); 0 when
   * they are equal, ±Infinity when the base median is 0 or non-finite and they differ; null when a
   * side has no values.
   */
  relativeChange: anyNumber.nullable(),
  /** Mann–Whitney U of NEW against BASE, its two-sided p and method; null when not tested. */
  u: nonNegative.nullable(),
  p: probability.nullable(),
  /** Holm-adjusted p over every test of the comparison (all rows, all figures). */
  pHolm: probability.nullable(),
  method: z.enum(["exact", "normal"]).nullable(),
  /** Vargha–Delaney A12 oriented so that > 0.5 means NEW is better. */
  a12: probability.nullable(),
  /** The relative worsening of the medians beyond which a significant change is flagged; null: never flagged. */
  threshold: nonNegative.nullable(),
  verdict: z.enum(COMPARE_VERDICTS),
  /** Why the figure was not tested, or what to keep in mind when reading it. */
  note: z.string().optional(),
});

/** One row (problem, model, learner) present on both sides. */
export const compareRowSchema = z.strictObject({
  problem: z.string().min(1),
  /** `model/learner`, as in report.json. */
  key: z.string().min(1),
  model: z.string().min(1),
  learner: z.string().min(1),
  metric: z.strictObject({ name: z.enum(METRIC_NAMES), higherIsBetter: z.boolean() }),
  base: statusCountsSchema,
  new: statusCountsSchema,
  /** Some run of the row has another config hash in NEW than in BASE (compared only when asked). */
  configChanged: z.boolean(),
  /** Runs of the row paired by run id whose config hash is missing on a side (older records). */
  unknownHash: count,
  figures: z.strictObject({
    finalMetric: compareFigureSchema,
    costToTarget: compareFigureSchema,
    wallMs: compareFigureSchema,
  }),
});

/** A row present on one side only: listed, not tested. */
export const compareLoneRowSchema = z.strictObject({
  problem: z.string().min(1),
  key: z.string().min(1),
  runs: count,
});

/** What was read for one side, and its runs by status (tuning trials and baselines left out). */
export const compareSideSchema = z.strictObject({
  /** The path or name the side was given as. */
  label: z.string(),
  /** Suite names of its records. */
  suites: z.array(z.string()),
  source: z.strictObject({ records: count, skipped: count, tornTail: z.boolean() }),
  runs: statusCountsSchema,
});

/** Whether any test of the comparison can reach α with its run counts, as report.json's detectability. */
export const compareDetectabilitySchema = z.strictObject({
  /** Tests of the comparison (the Holm correction's m). */
  tests: count,
  /** Fewest runs on either side of any test. */
  minRuns: count,
  /** Smallest p one test can produce with its run counts (exact Mann–Whitney, no ties). */
  smallestP: probability,
  /** Smallest Holm-adjusted p any test can reach. */
  smallestAdjustedP: probability,
  /** smallestAdjustedP ≤ alpha: a consistent regression can be detected. */
  canDetect: z.boolean(),
});

/**
 * `compare.json`: `arena compare BASE NEW`, per row (problem, model, learner) present on both sides, the
 * change of each figure with its Mann–Whitney test, Holm-adjusted p and A12, and which figures regress.
 */
export const compareSchema = z.strictObject({
  schema: z.literal(COMPARE_SCHEMA),
  /** ISO 8601 time the comparison was written (measured). */
  generatedAt: z.iso.datetime({ offset: true }),
  base: compareSideSchema,
  new: compareSideSchema,
  settings: z.strictObject({
    /** Family-wise significance level of the Holm-adjusted p-values. */
    alpha: z.number().gt(0).lt(1),
    /** Relative worsening of the medians beyond which the final metric and cost to target are flagged. */
    threshold: nonNegative,
    /** The same for wall time; null: wall time is tested and reported, never flagged. */
    timeThreshold: nonNegative.nullable(),
  }),
  /** Runs paired by run id. */
  runs: z.strictObject({
    paired: count,
    onlyInBase: count,
    onlyInNew: count,
    /** Paired runs whose config hashes differ. */
    configChanged: count,
    /** Paired runs with no config hash on a side (older records): compared, settings unknown. */
    unknownHash: count,
  }),
  /** Every paired run whose config hashes differ. */
  configChanges: z.array(z.strictObject({ runId: z.string().min(1), base: z.string(), new: z.string() })),
  detectability: compareDetectabilitySchema,
  rows: z.array(compareRowSchema),
  onlyInBase: z.array(compareLoneRowSchema),
  onlyInNew: z.array(compareLoneRowSchema),
  /** The flagged figures, in row order. */
  regressions: z.array(
    z.strictObject({ problem: z.string().min(1), key: z.string().min(1), figure: z.enum(COMPARE_FIGURES) }),
  ),
  outcome: z.enum(COMPARE_OUTCOMES),
});

/** `compare.json` as held in memory (non-finite numbers are numbers). */
export type Compare = z.output<typeof compareSchema>;
/** One row of `compare.json`. */
export type CompareRow = z.output<typeof compareRowSchema>;
/** One figure of a row of `compare.json`. */
export type CompareFigure = z.output<typeof compareFigureSchema>;
/** `finalMetric`, `costToTarget` or `wallMs`. */
export type CompareFigureName = (typeof COMPARE_FIGURES)[number];
/** What the comparison of one figure concluded. */
export type CompareVerdict = (typeof COMPARE_VERDICTS)[number];
/** What the whole comparison concluded. */
export type CompareOutcome = (typeof COMPARE_OUTCOMES)[number];
/** One side of a comparison. */
export type CompareSide = z.output<typeof compareSideSchema>;
/** Whether a comparison can detect anything with its run counts. */
export type CompareDetectability = z.output<typeof compareDetectabilitySchema>;
/** Runs by status. */
export type StatusCounts = z.output<typeof statusCountsSchema>;

/** Either the comparison or why it could not be read. Never throws. */
export type ParseCompareResult = { ok: true; compare: Compare } | { ok: false; error: RecordError };

/** Parses the text of `compare.json`, decoding non-finite number tokens. Never throws. */
export function parseCompare(text: string): ParseCompareResult {
  const r = parseVersionedJson(text, compareSchema, COMPARE_SCHEMA);
  return r.ok ? { ok: true, compare: r.value } : r;
}

/** Validates a comparison and writes it as indented JSON (non-finite numbers as tokens). Throws on a bad one. */
export function serializeCompare(compare: Compare): string {
  return serializeVersionedJson(compareSchema, compare, "serializeCompare");
}
