import { type CsvValue, csvRow } from "./csv-field.ts";
import { type Checkpoint, isBaselineRecord, isTrialRecord, type RunRecord } from "./run-record.ts";

/**
 * The columns of {@link tidyCsv}, in order. Run-level columns (identity, status, metric, final test
 * figures) are repeated on every checkpoint row of the run, so any row can be read alone.
 */
export const TIDY_CSV_COLUMNS = [
  "run_id",
  "suite",
  "problem",
  "model",
  "learner",
  "repetition",
  "seed_path",
  "role",
  "trial",
  "status",
  "metric",
  "higher_is_better",
  "parameters",
  "checkpoint",
  "step",
  "epoch",
  "flops",
  "evaluations",
  "wall_ms",
  "train_loss",
  "train_metric",
  "val_loss",
  "val_metric",
  "test_loss",
  "test_metric",
  "final_test_loss",
  "final_test_metric",
] as const;

/** What a record is in a comparison: a learner's run, a tuning trial, a tuned learner's final run, a baseline. */
export type RecordRole = "run" | "trial" | "final" | "baseline";

/**
 * The role of a record: `baseline` (a closed-form baseline's fit), `trial` (a trial of a hyperparameter
 * search), `final` (a tuned learner's run with the configuration chosen on validation), else `run`.
 */
export function recordRole(r: RunRecord): RecordRole {
  if (isBaselineRecord(r)) return "baseline";
  if (isTrialRecord(r)) return "trial";
  return r.tuning?.role === "final" ? "final" : "run";
}

/** The tidy CSV of some records, and what it holds. */
export interface TidyCsv {
  /** The file's text: a header line, then one line per checkpoint; every line ends with "\n". */
  csv: string;
  /** Data rows (checkpoints) written. */
  rows: number;
  /** Records read. */
  records: number;
  /** Run ids of records with no checkpoint (runs that failed before the first evaluation): no row. */
  withoutCheckpoints: string[];
}

/** The values of one row, in the order of {@link TIDY_CSV_COLUMNS}. */
function rowValues(r: RunRecord, index: number, c: Checkpoint): CsvValue[] {
  return [
    r.runId,
    r.suite,
    r.problem.name,
    r.model.name,
    r.learner.name,
    r.repetition,
    r.seedPath,
    recordRole(r),
    r.tuning?.trial,
    r.status,
    r.metric.name,
    r.metric.higherIsBetter,
    r.parameters,
    index,
    c.step,
    c.epoch,
    c.flops,
    c.evaluations,
    c.wallMs,
    c.trainLoss,
    c.trainMetric,
    c.valLoss,
    c.valMetric,
    c.testLoss,
    c.testMetric,
    r.final?.testLoss,
    r.final?.testMetric,
  ];
}

/**
 * Records as one tidy table: one row per checkpoint of every record (trials and baselines included,
 * told apart by `role`), records in run-id order and checkpoints in trace order, so two exports of the
 * same records are identical whatever order the runs finished in.
 *
 * The harness evaluates the test split only when a run ends, so `test_loss`/`test_metric` (the
 * checkpoint's own test figures) are usually empty; the end-of-run test figures are `final_test_loss`
 * and `final_test_metric`, repeated on every row of the run (empty when the run has no final figures).
 * Keep one row per run (its last checkpoint) with `drop_duplicates("run_id", keep="last")` (pandas) or
 * `!duplicated(run_id, fromLast = TRUE)` (R).
 * Fields follow `csvField`: RFC 4180 quoting, exact numbers, `NaN`/`Inf`/`-Inf`, empty when missing.
 *
 * @example
 * ```ts
 * const { csv, rows } = tidyCsv(records);
 * // csv: "run_id,suite,problem,…\nsmoke/xor/mlp-4/backprop-sgd/0,smoke,xor,…\n"
 * ```
 */
export function tidyCsv(records: readonly RunRecord[]): TidyCsv {
  const lines = [csvRow(TIDY_CSV_COLUMNS)];
  const withoutCheckpoints: string[] = [];
  const sorted = [...records].sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  for (const r of sorted) {
    if (r.trace.length === 0) withoutCheckpoints.push(r.runId);
    r.trace.forEach((c, i) => {
      lines.push(csvRow(rowValues(r, i, c)));
    });
  }
  return {
    csv: `${lines.join("\n")}\n`,
    rows: lines.length - 1,
    records: records.length,
    withoutCheckpoints,
  };
}
