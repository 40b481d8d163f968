import {
  type CsvRows,
  csvRowsEntry,
  fromSeriesCsv,
  getProblem,
  type Problem,
  type ProblemEntry,
  readCsvRows,
} from "@arena/datasets";
import { Rng } from "@arena/rng";
import { csvDigest } from "./csv-digest.ts";
import type { RunSpec } from "./run-spec.ts";

/**
 * What identifies a problem's data: the registry name, or for a user's CSV its name, reading options,
 * path and the sha256 of its content (so an edited file is read again, and the same file is not).
 */
export function problemDataKey(problem: RunSpec["problem"]): string {
  const csv = problem.csv;
  return csv ? JSON.stringify([problem.name, csv, csvDigest(csv.path)]) : JSON.stringify([problem.name]);
}

/**
 * The registry entry of a run's problem: a built-in by name, or the user's CSV (a table, or one column
 * as a series to forecast). A CSV is read and checked here, so a bad file throws before any run.
 *
 * The suite check, the plan and the cost estimate ask for the same file in one synchronous stretch of
 * the main thread: a CSV entry is remembered only weakly, so it is parsed once for all of them and
 * then freed with the last reference to it (a worker's `createProblemLoader` holds its own).
 */
export function problemEntryFor(problem: RunSpec["problem"]): ProblemEntry {
  if (!problem.csv) return getProblem(problem.name);
  const key = problemDataKey(problem);
  const hit = csvEntries.get(key)?.deref();
  if (hit) return hit;
  const entry = csvEntry(problem.name, problem.csv);
  for (const [k, ref] of csvEntries) if (ref.deref() === undefined) csvEntries.delete(k);
  csvEntries.set(key, new WeakRef(entry));
  return entry;
}

const csvEntries = new Map<string, WeakRef<ProblemEntry>>();
/** The rows a table CSV's entry was made from (kept as long as the entry is). */
const rowsOfEntry = new WeakMap<ProblemEntry, CsvRows>();

/**
 * The rows of a run's table CSV as `problemEntryFor` read them, in shared memory (to post to worker
 * threads, which then make the same entry with `csvRowsEntry` without reading the file); undefined for
 * a built-in problem or a series CSV.
 */
export function csvRowsFor(problem: RunSpec["problem"]): CsvRows | undefined {
  return problem.csv && problem.csv.task !== "forecast"
    ? rowsOfEntry.get(problemEntryFor(problem))
    : undefined;
}

function csvEntry(name: string, csv: NonNullable<RunSpec["problem"]["csv"]>): ProblemEntry {
  if (csv.task === "forecast") {
    return fromSeriesCsv(csv.path, {
      column: csv.column ?? "last",
      name,
      ...(csv.window !== undefined ? { window: csv.window } : {}),
      ...(csv.period !== undefined ? { period: csv.period } : {}),
    });
  }
  const rows = readCsvRows(csv.path, { label: csv.label ?? "last", task: csv.task, name, shared: true });
  const entry = csvRowsEntry(rows);
  rowsOfEntry.set(entry, rows);
  return entry;
}

/**
 * A table CSV's rows as the thread that planned the runs read them, with the key of the data they are
 * (`problemDataKey`): posted to a worker with each run of that file, so the worker neither reads the
 * file again nor holds a copy of its rows.
 */
export interface SharedProblemData {
  readonly key: string;
  readonly rows: CsvRows;
}

/** How many loaded problems (splits) a worker keeps, and how many bytes of data they may hold together. */
export interface ProblemCacheLimits {
  /** The most splits kept (default 4). */
  readonly count: number;
  /** The most bytes of x and y kept over all splits (default 32 MiB); the newest split is always kept. */
  readonly bytes: number;
}

const DEFAULT_LIMITS: ProblemCacheLimits = { count: 4, bytes: 32 * 1024 * 1024 };

/** The bytes of a problem's three splits (x and y). */
export function problemBytes(p: Problem): number {
  return [p.train, p.validation, p.test].reduce((s, d) => s + d.x.byteLength + d.y.byteLength, 0);
}

/**
 * Loads the problem of a run from its data seed path, for one worker. The worker holds one problem's
 * data at a time (its registry entry; for a CSV the parsed, deduplicated rows, read once, or the rows
 * `offered` with the run, shared with the thread that read them): a run of another problem drops it
 * and everything split from it. Of the current problem it keeps the last few
 * splits (every learner of a repetition shares one, so consecutive runs may ask for the same), within
 * `limits`, least recently used out first. A split costs a copy of the data, so big data keeps one.
 */
export function createProblemLoader(
  limits: Partial<ProblemCacheLimits> | number = {},
): (spec: RunSpec, offered?: SharedProblemData) => Problem {
  const { count, bytes } =
    typeof limits === "number" ? { ...DEFAULT_LIMITS, count: limits } : { ...DEFAULT_LIMITS, ...limits };
  let data: { key: string; entry: ProblemEntry } | undefined;
  const splits = new Map<string, { problem: Problem; bytes: number }>();
  return (spec, offered) => {
    const dataKey = offered?.key ?? problemDataKey(spec.problem);
    if (data?.key !== dataKey) {
      // Drop the old data before reading the new, so the two are never held at once.
      splits.clear();
      data = undefined;
      const entry = offered ? csvRowsEntry(offered.rows) : problemEntryFor(spec.problem);
      data = { key: dataKey, entry };
    }
    const key = `${spec.dataSeedPath}|${JSON.stringify(spec.problem.options)}`;
    const hit = splits.get(key);
    if (hit) {
      splits.delete(key);
      splits.set(key, hit); // most recently used last
      return hit.problem;
    }
    const problem = data.entry.load(new Rng(spec.dataSeedPath), spec.problem.options);
    splits.set(key, { problem, bytes: problemBytes(problem) });
    let total = [...splits.values()].reduce((s, v) => s + v.bytes, 0);
    for (const [k, v] of splits) {
      if (splits.size <= 1 || (splits.size <= count && total <= bytes)) break;
      splits.delete(k);
      total -= v.bytes;
    }
    return problem;
  };
}
