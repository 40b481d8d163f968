import { csvRow } from "./csv-field.ts";
import { isBaselineRecord, isTrialRecord, type RunRecord } from "./run-record.ts";

/**
 * The columns of {@link iohCsv}, in the order IOHanalyzer's upload dialog ("use custom csv format")
 * pre-selects them: it assigns the file's first six columns, in order, to evaluation count, function
 * value, function ID, algorithm ID, dimension and run ID (`inst/shiny-server/server/upload.R` of
 * IOHprofiler/IOHanalyzer). The names are those of IOHexperimenter's files; the reader
 * (`read_pure_csv`) takes any names.
 */
export const IOH_CSV_COLUMNS = [
  "evaluations",
  "raw_y",
  "function_name",
  "algorithm_name",
  "dimension",
  "run",
] as const;

/** The quantities {@link iohCsv} can write as the best-so-far value. */
export const IOH_VALUES = ["trainLoss", "valLoss", "valMetric"] as const;
export type IohValue = (typeof IOH_VALUES)[number];

/** Options of {@link iohCsv}. */
export interface IohCsvOptions {
  /**
   * The quantity whose best-so-far is written: `trainLoss` (the default: what every learner minimises),
   * `valLoss`, or `valMetric` (maximised for accuracy, minimised for rmse).
   */
  value?: IohValue;
}

/** The IOHanalyzer CSV of some records, and what it holds. */
export interface IohCsv {
  /** The file's text: a header line, then the rows; every line ends with "\n". */
  csv: string;
  rows: number;
  /** Runs written, and the distinct functions (problems) and algorithms (model/learner) among them. */
  runs: number;
  functions: number;
  algorithms: number;
  value: IohValue;
  /** Whether the value is maximised: the "maximization" box of IOHanalyzer's upload dialog. */
  maximization: boolean;
  /** Records left out because they are not runs of the comparison. */
  excluded: { trials: number; baselines: number };
  /** Run ids of runs with no row: failed runs, and runs with no finite value after the first evaluation. */
  skipped: { failed: string[]; noFiniteValue: string[] };
}

/** Records that cannot be written as one IOHanalyzer file (mixed directions, two runs under one name). */
export class IohExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IohExportError";
  }
}

/** One run's rows before they are written: (evaluations, best-so-far) pairs. */
interface IohRun {
  runId: string;
  functionName: string;
  algorithmName: string;
  dimension: number;
  run: number;
  points: [number, number][];
}

/** Whether `value` is maximised for every record; throws when two records disagree. */
function maximizationOf(records: readonly RunRecord[], value: IohValue): boolean {
  if (value !== "valMetric" || records.length === 0) return false;
  const first = records[0];
  const other = records.find((r) => r.metric.higherIsBetter !== first.metric.higherIsBetter);
  if (other) {
    const side = (r: RunRecord) =>
      `run ${r.runId} (${r.metric.name}, ${r.metric.higherIsBetter ? "maximised" : "minimised"})`;
    throw new IohExportError(
      `valMetric has two directions here: ${side(first)} and ${side(other)}; an IOHanalyzer file has one direction, so export the records of one metric, or a loss`,
    );
  }
  return first.metric.higherIsBetter;
}

/**
 * A run's best-so-far curve at its checkpoints. A non-finite value (a diverged run) never improves the
 * best; checkpoints before the first finite value have no point; IOHanalyzer counts evaluations from 1
 * and reads running times below 1 as missing, so the checkpoint at 0 evaluations (the untrained model)
 * has no row but its value counts toward the best. Of checkpoints at the same evaluation count (steps
 * that forwarded no sample), the last is kept, so evaluations strictly increase.
 */
function bestSoFar(r: RunRecord, value: IohValue, maximize: boolean): [number, number][] {
  const points: [number, number][] = [];
  let best = Number.NaN;
  for (const c of r.trace) {
    const v = c[value];
    if (Number.isFinite(v) && (Number.isNaN(best) || (maximize ? v > best : v < best))) best = v;
    if (c.evaluations < 1 || Number.isNaN(best)) continue;
    const last = points[points.length - 1];
    if (last && last[0] === c.evaluations) last[1] = best;
    else points.push([c.evaluations, best]);
  }
  return points;
}

/** Code-unit order (not locale order), so the file is the same on every machine. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Runs sorted by function, algorithm and run number; throws when two records claim one run. */
function sortedRuns(runs: IohRun[]): IohRun[] {
  const seen = new Map<string, string>();
  for (const x of runs) {
    const key = JSON.stringify([x.functionName, x.algorithmName, x.run]);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new IohExportError(
        `runs ${earlier} and ${x.runId} are both run ${x.run} of ${x.algorithmName} on ${x.functionName}; export one suite's records at a time`,
      );
    }
    seen.set(key, x.runId);
  }
  return [...runs].sort(
    (a, b) =>
      compareText(a.functionName, b.functionName) ||
      compareText(a.algorithmName, b.algorithmName) ||
      a.run - b.run,
  );
}

/** The runs with at least one row, and the ids of those without (no finite value after 0 evaluations). */
function iohRuns(records: readonly RunRecord[], value: IohValue, maximize: boolean) {
  const runs: IohRun[] = [];
  const noFiniteValue: string[] = [];
  for (const r of records) {
    const points = bestSoFar(r, value, maximize);
    if (points.length === 0) noFiniteValue.push(r.runId);
    else
      runs.push({
        runId: r.runId,
        functionName: r.problem.name,
        algorithmName: `${r.model.name}/${r.learner.name}`,
        dimension: r.parameters,
        run: r.repetition + 1,
        points,
      });
  }
  return { runs: sortedRuns(runs), noFiniteValue };
}

/**
 * Records as the CSV that IOHanalyzer's custom-CSV reader (`read_pure_csv` of the R package, the web
 * app's "use custom csv format") loads: one row per checkpoint with the evaluation count (the
 * checkpoint's `evaluations`: training samples forwarded), the best-so-far value, the function (the
 * problem), the algorithm (`model/learner`, as the report's rows), the dimension (the model's number of
 * trainable parameters) and the run (repetition + 1). Rows are sorted by function, algorithm, run and
 * evaluations. Tuning trials and baselines are left out (they are not runs of the comparison), as are
 * failed runs; see {@link IohCsv} for the counts. Throws {@link IohExportError} when `valMetric` is
 * maximised for some records and minimised for others, or when two records are the same run.
 *
 * @example
 * ```ts
 * const ioh = iohCsv(records, { value: "valLoss" });
 * // ioh.csv: "evaluations,raw_y,function_name,algorithm_name,dimension,run\n68,0.2496893278502592,xor,mlp-2-2-1/adam,9,1\n…"
 * ```
 */
export function iohCsv(records: readonly RunRecord[], options: IohCsvOptions = {}): IohCsv {
  const value = options.value ?? "trainLoss";
  const trials = records.filter(isTrialRecord).length;
  const baselines = records.filter(isBaselineRecord).length;
  const candidates = records.filter((r) => !isTrialRecord(r) && !isBaselineRecord(r));
  const failed = candidates.filter((r) => r.status === "failed").map((r) => r.runId);
  const finished = candidates.filter((r) => r.status !== "failed");
  const maximization = maximizationOf(finished, value);
  const { runs, noFiniteValue } = iohRuns(finished, value, maximization);
  const lines = [csvRow(IOH_CSV_COLUMNS)];
  for (const x of runs) {
    for (const [evaluations, best] of x.points)
      lines.push(csvRow([evaluations, best, x.functionName, x.algorithmName, x.dimension, x.run]));
  }
  return {
    csv: `${lines.join("\n")}\n`,
    rows: lines.length - 1,
    runs: runs.length,
    functions: new Set(runs.map((x) => x.functionName)).size,
    algorithms: new Set(runs.map((x) => x.algorithmName)).size,
    value,
    maximization,
    excluded: { trials, baselines },
    skipped: { failed, noFiniteValue },
  };
}
