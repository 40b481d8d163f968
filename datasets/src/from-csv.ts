import { basename } from "node:path";
import { type CsvOptions, loadCsv, loadSeriesCsv, type SeriesCsvOptions } from "./csv.ts";
import { CsvError } from "./csv-error.ts";
import { dropDuplicateRows } from "./dedupe.ts";
import { defineProblem, type ProblemEntry } from "./problem-entry.ts";
import {
  minSeriesLength,
  periodOption,
  seriesLengthFits,
  seriesOptions,
  seriesProblem,
} from "./series-problem.ts";
import { tableDataset } from "./table-dataset.ts";
import { regressor, tableProblemEntry } from "./table-problem.ts";

/** `loadCsv` options plus the problem's name (default: the file name without `.csv`). */
export interface FromCsvOptions extends CsvOptions {
  readonly name?: string;
}

function problemName(path: string, name: string | undefined): string {
  return name ?? basename(path).replace(/\.csv$/i, "");
}

/**
 * Your own CSV as a problem, through the same `ProblemEntry` type as the built-ins, so the harness treats it
 * alike. The file is read and checked now (a bad file throws a CsvError at once); `load(rng, options)`
 * drops exact duplicate rows (keeping the first; counted in the description and `info.duplicatesDropped`),
 * splits it (stratified for classification), optionally subsamples the training split and fits the scalers
 * on it. Load options: validation, test, scale, trainSize, and scaleTargets for regression.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { dataFilePath, fromCsv } from "@arena/datasets";
 * const entry = fromCsv(dataFilePath("wine_data.csv"), { label: "class", task: "classification", name: "my-wine" });
 * const p = entry.load(new Rng(7), { validation: 0.1, test: 0.1 });
 * console.log(p.name, p.train.n, p.classes); // my-wine 142 [ '0', '1', '2' ]
 * ```
 */
export function fromCsv(path: string, options: FromCsvOptions): ProblemEntry {
  const { name, ...csv } = options;
  const table = loadCsv(path, csv);
  const k = table.classes ? table.classes.length : 1;
  const dropped = dropDuplicateRows(tableDataset(table)).dropped;
  const rows =
    dropped === 0
      ? `${table.n} rows`
      : `${table.n} rows (${dropped} exact duplicate${dropped === 1 ? "" : "s"} dropped, ${table.n - dropped} used)`;
  return tableProblemEntry({
    name: problemName(path, name),
    task: table.task,
    description: `${table.task} on ${basename(path)}: ${rows}, ${table.d} features, label "${table.labelName}"`,
    source: `user file ${path}`,
    table: () => table,
    d: table.d,
    k,
    hidden: [table.d <= 32 && k <= 32 ? 16 : 64],
    scale: "standard",
  });
}

/** Options of `fromSeriesCsv`. */
export interface FromSeriesCsvOptions extends SeriesCsvOptions {
  /** The problem's name (default: the file name without `.csv`). */
  readonly name?: string;
  /** Past values per window: the default of the `inputLength` load option (default min(12, ⌊rows / 4⌋)). */
  readonly window?: number;
  /**
   * The season length in rows (e.g. 12 for monthly data): `Problem.forecast.period`, and the default of the
   * `period` load option. Leave out for a series without one.
   */
  readonly period?: number;
}

const SERIES_KEYS = ["column", "delimiter", "name", "window", "period"];
const SERIES_SHARES = { validation: 0.15, test: 0.15 } as const;

function integerIn(key: string, v: unknown, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(
      `fromSeriesCsv: option "${key}" must be an integer in [${min}, ${max}], got ${String(v)}`,
    );
  }
  return v;
}

/**
 * A univariate series from one column of your CSV as a forecasting problem (windows of `window` past
 * values, chronological split 70/15/15 by default, scaler fitted on the training part), like the built-in
 * `airline`. The file is read and checked now, before any load: a missing column, a value that is not a
 * number, or too few rows for the window and the default validation and test shares each throw a CsvError
 * naming the file, the line and the column. Load options: inputLength (default `window`), horizon,
 * validation, test, scale, period (default `period`).
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { dataFilePath, fromSeriesCsv } from "@arena/datasets";
 * const entry = fromSeriesCsv(dataFilePath("airline_passengers.csv"), { column: "passengers", window: 12, period: 12 });
 * const p = entry.load(new Rng(1));
 * console.log(p.train.n, p.validation.n, p.test.n, p.forecast); // 89 22 21 { period: 12 }
 * ```
 */
export function fromSeriesCsv(path: string, options: FromSeriesCsvOptions = {}): ProblemEntry {
  for (const key of Object.keys(options)) {
    if (!SERIES_KEYS.includes(key)) {
      throw new RangeError(
        `fromSeriesCsv: unknown option "${key}"; known options: ${SERIES_KEYS.join(", ")}`,
      );
    }
  }
  const { name, window, period, ...csv } = options;
  integerIn("window", window, 1, 10_000);
  integerIn("period", period, 2, 100_000);
  const series = loadSeriesCsv(path, csv);
  const rows = series.values.length;
  const inputLength = window ?? Math.max(1, Math.min(12, Math.floor(rows / 4)));
  const fit = { inputLength, horizon: 1, ...SERIES_SHARES };
  if (!seriesLengthFits(rows, fit)) {
    const need = minSeriesLength(fit, rows);
    throw new CsvError(
      path,
      `${rows} rows are too few for window ${inputLength}: a window of ${inputLength} values and the next ` +
        `one in the training part (70 %), and one target each in validation and test (15 % each), ` +
        `need at least ${need} rows`,
      { line: series.lines[rows - 1], column: series.column, columnName: series.name },
    );
  }
  const entryName = problemName(path, name);
  const opts = {
    ...seriesOptions({ inputLength, ...SERIES_SHARES }),
    period: periodOption(period),
  };
  const about = [`window ${inputLength}`, ...(period === undefined ? [] : [`period ${period}`])].join(", ");
  return defineProblem({
    name: entryName,
    task: "regression",
    metric: "rmse",
    description: `forecast "${series.name}" of ${basename(path)} (${rows} values; ${about})`,
    source: `user file ${path}`,
    options: opts,
    shapes: (o) => ({ input: [o.inputLength, 1], output: [o.horizon] }),
    model: (o) => regressor(o.inputLength, [8], o.horizon),
    build: (_rng, o) =>
      seriesProblem(series.values, o, {
        name: entryName,
        description: "",
        model: regressor(o.inputLength, [8], o.horizon),
        period: o.period,
      }),
  });
}
