import { basename } from "node:path";
import { parseOptions } from "@arena/options";
import * as z from "zod";
import { csvFileOptions, loadCsv } from "./csv.ts";
import { CsvError } from "./csv-error.ts";
import type { Dataset, Task } from "./dataset.ts";
import { dropDuplicateRows } from "./dedupe.ts";
import { classCounts, classLabels } from "./one-hot.ts";
import type { ProblemEntry } from "./problem-entry.ts";
import { splitShortfall } from "./split.ts";
import { tableDatasetView } from "./table-dataset.ts";
import { tableProblemEntry } from "./table-problem.ts";

/** The `name` option of the CSV loaders. */
export const problemNameOption = z
  .string()
  .min(1, "expected a name, not an empty string")
  .optional()
  .describe("the problem's name (default: the file name without .csv)");

/** A CSV problem's default name: the file name without .csv. */
export function problemNameOf(path: string): string {
  return basename(path).replace(/\.csv$/i, "");
}

/** `readCsvRows` options: `loadCsv`'s, the problem's name, and whether the arrays are shared. */
export const csvRowsOptions = csvFileOptions.extend({
  name: problemNameOption,
  shared: z
    .boolean()
    .default(false)
    .describe(
      "put x and y in SharedArrayBuffers, so worker threads that are posted the rows read the same memory instead of a copy each",
    ),
});
/** What `readCsvRows` accepts (see `csvRowsOptions`). */
export type CsvRowsOptions = z.input<typeof csvRowsOptions>;

/**
 * A user's table CSV read, checked and deduplicated: everything `fromCsv`'s entry loads from, as plain
 * data (typed arrays, numbers and strings). It survives `postMessage`, so a thread that read the file can
 * hand it to worker threads (`csvRowsEntry` there makes the same entry); with its arrays in
 * SharedArrayBuffers the workers read them in place, so the data is in memory once, whatever the number
 * of workers. Nothing writes to `dataset`: every load splits copies of it.
 */
export interface CsvRows {
  /** The path the rows were read from. */
  readonly file: string;
  readonly name: string;
  readonly task: Task;
  /** Rows in the file, duplicates included. */
  readonly rowsRead: number;
  /** Exact duplicate rows dropped (the first of each kept). */
  readonly dropped: number;
  /** The rows kept, in file order: x (n × d), y one-hot (n × classes) or the target (n × 1). */
  readonly dataset: Dataset;
  readonly featureNames: readonly string[];
  readonly labelName: string;
  readonly classes: readonly string[] | null;
}

/** The shares a table CSV problem splits by unless its load options say otherwise. */
export const TABLE_SHARES = { validation: 0.2, test: 0.2 } as const;

/**
 * Reads a table CSV as `fromCsv` does (bad options are an OptionsError; a bad file, or one whose rows,
 * duplicates dropped, are too few for the default 60/20/20 split, a CsvError) and returns its rows as
 * plain data, to make entries from with `csvRowsEntry`, here or in another thread.
 *
 * @example
 * ```ts
 * import { Worker } from "node:worker_threads";
 * import { csvRowsEntry, dataFilePath, readCsvRows } from "@arena/datasets";
 * const rows = readCsvRows(dataFilePath("wine_data.csv"), { label: "class", task: "classification", shared: true });
 * console.log(rows.dataset.x.buffer instanceof SharedArrayBuffer, rows.rowsRead, rows.dropped); // true 178 0
 * console.log(csvRowsEntry(rows).name); // wine_data
 * // new Worker(file, { workerData: rows }): the worker's rows.dataset.x is the same memory
 * ```
 */
export function readCsvRows(path: string, options: CsvRowsOptions): CsvRows {
  const { name, shared, ...csv } = parseOptions("readCsvRows", csvRowsOptions, options);
  const table = loadCsv(path, csv);
  const k = table.classes ? table.classes.length : 1;
  const unique = dropDuplicateRows(tableDatasetView(table));
  const sizes = table.classes ? classCounts(classLabels(unique.dataset), k) : [unique.dataset.n];
  const short = splitShortfall(sizes, TABLE_SHARES, table.classes);
  if (short) {
    const have =
      unique.dropped === 0 ? `${table.n} rows` : `${table.n} rows (${unique.dropped} duplicates dropped)`;
    throw new CsvError(
      path,
      `${have} are too few for the default split (validation ${TABLE_SHARES.validation}, test ${TABLE_SHARES.test}): ${short.reason}; every split needs a row and every class a training row`,
    );
  }
  const ds = unique.dataset;
  return {
    file: path,
    name: name ?? problemNameOf(path),
    task: table.task,
    rowsRead: table.n,
    dropped: unique.dropped,
    dataset: shared ? { ...ds, x: sharedCopy(ds.x), y: sharedCopy(ds.y) } : ds,
    featureNames: table.featureNames,
    labelName: table.labelName,
    classes: table.classes ?? null,
  };
}

/** `a` copied into a SharedArrayBuffer of its own. */
function sharedCopy(a: Float32Array): Float32Array {
  const out = new Float32Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** Whether `rows` looks like `readCsvRows`' result (a thread gets it from a message, unchecked). */
function checkRows(rows: CsvRows): void {
  const ds = rows?.dataset;
  const d = rows?.featureNames?.length;
  const ok =
    ds !== undefined &&
    ds.x instanceof Float32Array &&
    ds.y instanceof Float32Array &&
    Number.isInteger(ds.n) &&
    ds.x.length === ds.n * d &&
    ds.y.length === ds.n * (rows.classes ? rows.classes.length : 1);
  if (!ok)
    throw new TypeError(
      "csvRowsEntry: expected the rows readCsvRows returns (x n × d, y n × classes or n × 1)",
    );
}

/**
 * The registry entry of rows `readCsvRows` returned: the same entry `fromCsv` makes of the file, loads
 * splitting (stratified for classification), subsampling and scaling copies of the rows.
 */
export function csvRowsEntry(rows: CsvRows): ProblemEntry {
  checkRows(rows);
  const k = rows.classes ? rows.classes.length : 1;
  const d = rows.featureNames.length;
  const counted =
    rows.dropped === 0
      ? `${rows.rowsRead} rows`
      : `${rows.rowsRead} rows (${rows.dropped} exact duplicate${rows.dropped === 1 ? "" : "s"} dropped, ${rows.rowsRead - rows.dropped} used)`;
  const { featureNames, labelName } = rows;
  const shared = {
    unique: { dataset: rows.dataset, dropped: rows.dropped },
    featureNames,
    labelName,
    classes: rows.classes ?? undefined,
  };
  return tableProblemEntry({
    name: rows.name,
    task: rows.task,
    description: `${rows.task} on ${basename(rows.file)}: ${counted}, ${d} features, label "${labelName}"`,
    source: `user file ${rows.file}`,
    rows: () => shared,
    d,
    k,
    hidden: [d <= 32 && k <= 32 ? 16 : 64],
    scale: "standard",
  });
}
