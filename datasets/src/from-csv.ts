import { basename } from "node:path";
import { parseOptions } from "@arena/options";
import * as z from "zod";
import { loadSeriesCsv, seriesCsvFileOptions } from "./csv.ts";
import { CsvError } from "./csv-error.ts";
import {
  csvRowsEntry,
  csvRowsOptions,
  problemNameOf,
  problemNameOption,
  readCsvRows,
} from "./csv-table-rows.ts";
import { withSharesRule } from "./options.ts";
import { defineProblem, type ProblemEntry } from "./problem-entry.ts";
import {
  minSeriesLength,
  periodOption,
  seriesLengthFits,
  seriesOptions,
  seriesProblem,
} from "./series-problem.ts";
import { regressor } from "./table-problem.ts";

/** `fromCsv` options: `loadCsv`'s plus the problem's name. */
export const fromCsvOptions = csvRowsOptions.omit({ shared: true });
/** What `fromCsv` accepts (see `fromCsvOptions`). */
export type FromCsvOptions = z.input<typeof fromCsvOptions>;

/**
 * Your own CSV as a problem, through the same `ProblemEntry` type as the built-ins, so the harness treats it
 * alike. Bad options are an OptionsError; the file is read and checked now (a bad file throws a CsvError at
 * once), including whether its rows, duplicates dropped, are enough for the default 60/20/20 split: every
 * split non-empty and every class with a training row. `load(rng, options)` drops exact duplicate rows
 * (keeping the first; counted in the description and `info.duplicatesDropped`), splits it (stratified for
 * classification; too few rows for the shares given is an OptionsError), optionally subsamples the training
 * split and fits the scalers on it. Load options: validation, test, scale, trainSize, and scaleTargets for
 * regression.
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
  return csvRowsEntry(readCsvRows(path, parseOptions("fromCsv", fromCsvOptions, options)));
}

/** `fromSeriesCsv` options: `loadSeriesCsv`'s plus the problem's name, its default window and period. */
export const fromSeriesCsvOptions = seriesCsvFileOptions.extend({
  name: problemNameOption,
  window: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe(
      "past values per window: the default of the inputLength load option (default min(12, ⌊rows / 4⌋))",
    ),
  period: periodOption().describe(
    "season length in rows (e.g. 12 for monthly data): Problem.forecast.period and the default of the period load option; leave out for a series without one",
  ),
});
/** What `fromSeriesCsv` accepts (see `fromSeriesCsvOptions`). */
export type FromSeriesCsvOptions = z.input<typeof fromSeriesCsvOptions>;

const SERIES_SHARES = { validation: 0.15, test: 0.15 } as const;

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
  const { name, window, period, ...csv } = parseOptions("fromSeriesCsv", fromSeriesCsvOptions, options);
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
  const entryName = name ?? problemNameOf(path);
  const opts = withSharesRule(
    z.strictObject({
      ...seriesOptions({ inputLength, ...SERIES_SHARES }),
      period: period === undefined ? periodOption() : periodOption(period),
    }),
  );
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
