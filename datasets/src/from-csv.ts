import { basename } from "node:path";
import { type CsvOptions, loadCsv, loadSeriesCsv, type SeriesCsvOptions } from "./csv.ts";
import { defineProblem, type ProblemEntry } from "./problem-entry.ts";
import { seriesOptions, seriesProblem } from "./series-problem.ts";
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
  return tableProblemEntry({
    name: problemName(path, name),
    task: table.task,
    description: `${table.task} on ${basename(path)}: ${table.n} rows, ${table.d} features, label "${table.labelName}"`,
    source: `user file ${path}`,
    table: () => table,
    d: table.d,
    k,
    hidden: [table.d <= 32 && k <= 32 ? 16 : 64],
    scale: "standard",
  });
}

/**
 * A univariate series from one column of your CSV as a forecasting problem (windows, chronological split,
 * scaler fitted on the training part), like the built-in `airline`.
 */
export function fromSeriesCsv(
  path: string,
  options: SeriesCsvOptions & { readonly name?: string } = {},
): ProblemEntry {
  const { name, ...csv } = options;
  const series = loadSeriesCsv(path, csv);
  const entryName = problemName(path, name);
  const opts = seriesOptions({
    inputLength: Math.max(1, Math.min(12, Math.floor(series.values.length / 4))),
    validation: 0.15,
    test: 0.15,
  });
  return defineProblem({
    name: entryName,
    task: "regression",
    metric: "rmse",
    description: `forecast "${series.name}" of ${basename(path)} (${series.values.length} values)`,
    source: `user file ${path}`,
    options: opts,
    shapes: (o) => ({ input: [o.inputLength, 1], output: [o.horizon] }),
    model: (o) => regressor(o.inputLength, [8], o.horizon),
    build: (_rng, o) =>
      seriesProblem(series.values, o, {
        name: entryName,
        description: "",
        model: regressor(o.inputLength, [8], o.horizon),
      }),
  });
}
