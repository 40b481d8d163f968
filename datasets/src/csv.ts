import { parseOptions } from "@arena/options";
import * as z from "zod";
import { CsvError } from "./csv-error.ts";
import { csvDelimiter, readCsvGrid } from "./csv-grid.ts";
import type { Task } from "./dataset.ts";
import { MAX_FILE_BYTES, MAX_FILE_BYTES_LIMIT, readRegularFile } from "./read-file.ts";

/** The most distinct labels a classification table may have unless `maxClasses` says otherwise. */
export const MAX_CLASSES = 1000;

/**
 * Numeric class labels look continuous (a regression target read as classes) when more than this many
 * distinct values occur and they are more than half the rows; `maxClasses` set explicitly accepts them.
 */
export const CONTINUOUS_LABEL_VALUES = 20;

/** A column choice: "last", "first", a column name, or a 0-based column index. */
function columnChoice(doc: string) {
  return z
    .union([z.string().min(1, "expected a column name, not an empty string"), z.number().int().min(0)], {
      error: 'expected "last", "first", a column name or a 0-based column index',
    })
    .default("last")
    .describe(doc);
}

const delimiter = csvDelimiter.default(",").describe("field separator, one character");

const maxBytes = z
  .number()
  .int()
  .min(1)
  .max(MAX_FILE_BYTES_LIMIT)
  .default(MAX_FILE_BYTES)
  .describe(
    "the largest file read, in bytes (default 256 MiB); a larger file, or anything but a regular file, is a CsvError",
  );

/** How to read a table (`parseCsv`, `parseCsvBytes`): which column is the label and what kind of target. */
export const csvOptions = z.strictObject({
  task: z
    .enum(["classification", "regression"])
    .describe("classification (labels are class names, any text) or regression (labels are numbers)"),
  label: columnChoice(
    'the label column: "last" (default), "first", a column name or a 0-based index; a column literally named "first" or "last" in another position makes the choice ambiguous, and it is rejected',
  ),
  ignore: z
    .array(z.string().min(1, "expected a column name, not an empty string"))
    .readonly()
    .default([])
    .describe("columns to leave out entirely (e.g. an id or date column)"),
  delimiter,
  maxClasses: z
    .number()
    .int()
    .min(2)
    .max(10_000_000)
    .optional()
    .describe(
      `classification: the most distinct labels accepted (default ${MAX_CLASSES}); setting it also accepts numeric labels that look continuous (more than ${CONTINUOUS_LABEL_VALUES} distinct values, more than half the rows)`,
    ),
});
/** `loadCsv` options: `csvOptions` plus `maxBytes`. */
export const csvFileOptions = csvOptions.extend({ maxBytes });

/** What `parseCsv` accepts (see `csvOptions`). */
export type CsvOptions = z.input<typeof csvOptions>;
/** What `loadCsv` accepts (see `csvFileOptions`). */
export type CsvFileOptions = z.input<typeof csvFileOptions>;

/**
 * A numeric table read from CSV. `features` is n × d row-major. `targets` holds the regression value, or
 * the class index for classification (also in `labels`); `classes[i]` is the name of class i.
 */
export interface CsvTable {
  readonly file: string;
  /** Every header name, in file order. */
  readonly columns: readonly string[];
  readonly featureNames: readonly string[];
  readonly labelName: string;
  readonly task: Task;
  readonly n: number;
  readonly d: number;
  readonly features: Float32Array;
  readonly targets: Float32Array;
  readonly labels: Int32Array | undefined;
  readonly classes: readonly string[] | undefined;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Parses one numeric cell, or throws a CsvError naming where it is. Only plain decimal notation is
 * accepted (no hex, no thousands separators, no empty cells), and the value must be finite in float32.
 */
export function parseNumberCell(
  text: string,
  file: string,
  line: number,
  column: number,
  columnName: string | undefined,
): number {
  if (!NUMBER.test(text)) {
    const reason =
      text === ""
        ? "empty cell (missing values are not supported)"
        : NON_FINITE.test(text)
          ? "NaN and Infinity are not allowed"
          : "not a number";
    throw new CsvError(file, reason, { line, column, columnName, value: text });
  }
  const v = Number(text);
  if (!(Math.abs(v) <= FLOAT32_MAX)) {
    throw new CsvError(file, "number out of float32 range (|x| > 3.4e38)", {
      line,
      column,
      columnName,
      value: text,
    });
  }
  return v;
}

/** Finds a column by "first"/"last"/name/index, or throws a CsvError listing the columns. */
export function findColumn(
  header: readonly string[],
  which: string | number,
  file: string,
  what: string,
): number {
  const list = header.map((h) => JSON.stringify(h)).join(", ");
  if (typeof which === "number") {
    if (which >= 0 && which < header.length) return which;
    throw new CsvError(
      file,
      `${what} column index ${which} is outside 0..${header.length - 1}; columns: ${list}`,
      {
        line: 1,
      },
    );
  }
  const byName = header.indexOf(which);
  const byPos = which === "last" ? header.length - 1 : which === "first" ? 0 : -1;
  if (byPos >= 0 && byName >= 0 && byName !== byPos) {
    throw new CsvError(
      file,
      `${what} "${which}" is ambiguous: column ${byName + 1} is named "${which}"; pass the index ${byName} or ${byPos}`,
      { line: 1 },
    );
  }
  if (byPos >= 0) return byPos;
  if (byName >= 0) return byName;
  throw new CsvError(file, `no ${what} column "${which}"; columns: ${list}`, { line: 1 });
}

/**
 * Parses CSV text into a numeric table. The text must have one header line, then one row per sample;
 * every feature cell must be a finite number. Bad options throw an OptionsError; any problem with the text
 * throws a CsvError naming the file, line, column and value; nothing half-loaded is returned.
 *
 * Classification refuses labels that look like a numeric target (see `maxClasses`): more than
 * `maxClasses` (default 1000) distinct labels, or, unless `maxClasses` is set, all-numeric labels with
 * more than 20 distinct values that are more than half the rows. The message suggests
 * `task: "regression"` or `maxClasses`.
 *
 * @example
 * ```ts
 * import { parseCsv } from "@arena/datasets";
 * const t = parseCsv("a,b,kind\n1,2,cat\n3,4,dog\n", { task: "classification" }, "pets.csv");
 * console.log(t.features, t.classes, t.labels); // Float32Array [1, 2, 3, 4] [ 'cat', 'dog' ] Int32Array [0, 1]
 * ```
 */
export function parseCsv(text: string, options: CsvOptions, fileName = "<csv text>"): CsvTable {
  return tableFromText(text, parseOptions("parseCsv", csvOptions, options), fileName);
}

function tableFromText(text: string, options: z.output<typeof csvOptions>, file: string): CsvTable {
  const grid = readCsvGrid(text, file, options.delimiter);
  const { header, rows, lines } = grid;
  const labelCol = findColumn(header, options.label, file, "label");
  const ignored = new Set<number>();
  for (const name of options.ignore) {
    const j = header.indexOf(name);
    if (j < 0) {
      throw new CsvError(
        file,
        `cannot ignore column "${name}": no such column; columns: ${header.join(", ")}`,
        { line: 1 },
      );
    }
    if (j === labelCol)
      throw new CsvError(file, `the label column "${name}" cannot also be ignored`, { line: 1 });
    ignored.add(j);
  }
  const featureCols: number[] = [];
  for (let j = 0; j < header.length; j++) if (j !== labelCol && !ignored.has(j)) featureCols.push(j);
  if (featureCols.length === 0) {
    throw new CsvError(file, `no feature columns left besides the label "${header[labelCol]}"`, { line: 1 });
  }
  const n = rows.length;
  const d = featureCols.length;
  const features = new Float32Array(n * d);
  const targets = new Float32Array(n);
  const labelText: string[] = options.task === "classification" ? new Array(n) : [];
  for (let r = 0; r < n; r++) {
    const fields = rows[r];
    const line = lines[r];
    for (let k = 0; k < d; k++) {
      const j = featureCols[k];
      features[r * d + k] = parseNumberCell(fields[j], file, line, j + 1, header[j]);
    }
    const lab = fields[labelCol];
    if (options.task === "regression") {
      targets[r] = parseNumberCell(lab, file, line, labelCol + 1, header[labelCol]);
    } else {
      if (lab === "")
        throw new CsvError(file, "empty label", { line, column: labelCol + 1, columnName: header[labelCol] });
      labelText[r] = lab;
    }
  }
  let labels: Int32Array | undefined;
  let classes: string[] | undefined;
  if (options.task === "classification") {
    ({ labels, classes } = encodeClasses(
      labelText,
      file,
      header[labelCol],
      labelCol + 1,
      options.maxClasses,
    ));
    for (let r = 0; r < n; r++) targets[r] = labels[r];
  }
  return {
    file,
    columns: header,
    featureNames: featureCols.map((j) => header[j]),
    labelName: header[labelCol],
    task: options.task,
    n,
    d,
    features,
    targets,
    labels,
    classes,
  };
}

/**
 * Maps label texts to class indices. If every label is a number the classes are ordered numerically (so
 * "2" < "10" and "1.0" is the same class as "1"), otherwise by code point. Labels that look like a numeric
 * target are refused (see `parseCsv`).
 */
function encodeClasses(
  labelText: readonly string[],
  file: string,
  columnName: string,
  column: number,
  maxClasses: number | undefined,
): { labels: Int32Array; classes: string[] } {
  const numeric = labelText.every((s) => NUMBER.test(s));
  const keyOf = numeric ? (s: string) => String(Number(s)) : (s: string) => s;
  const firstSpelling = new Map<string, string>();
  for (const s of labelText) {
    const key = keyOf(s);
    if (!firstSpelling.has(key)) firstSpelling.set(key, s);
  }
  const k = firstSpelling.size;
  const n = labelText.length;
  const where = { column, columnName };
  if (k > (maxClasses ?? MAX_CLASSES)) {
    throw new CsvError(
      file,
      `${k} distinct labels, more than maxClasses = ${maxClasses ?? MAX_CLASSES}; for a numeric target use task: "regression", or raise maxClasses if these really are ${k} classes`,
      where,
    );
  }
  if (maxClasses === undefined && numeric && k > CONTINUOUS_LABEL_VALUES && k > n / 2) {
    throw new CsvError(
      file,
      `the labels look continuous: all ${n} are numbers and ${k} of them distinct (more than ${CONTINUOUS_LABEL_VALUES}, and more than half the rows); for a numeric target use task: "regression", or set maxClasses (>= ${k}) if these really are ${k} classes`,
      where,
    );
  }
  const keys = [...firstSpelling.keys()].sort(
    numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  if (keys.length < 2) {
    throw new CsvError(file, "only one class; classification needs at least 2", {
      column,
      columnName,
      value: labelText[0],
    });
  }
  const index = new Map(keys.map((k, i) => [k, i]));
  const labels = new Int32Array(labelText.length);
  for (let r = 0; r < labelText.length; r++) labels[r] = index.get(keyOf(labelText[r])) as number;
  return { labels, classes: keys.map((k) => firstSpelling.get(k) as string) };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes UTF-8 bytes (invalid UTF-8 is a CsvError naming the line of the first bad byte). */
export function decodeCsvBytes(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Find the first bad byte by decoding leniently: everything before the first U+FFFD that the
    // lenient decoder produced where the strict one refused.
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const bad = lenient.indexOf("\uFFFD");
    const line = bad < 0 ? undefined : lenient.slice(0, bad).split("\n").length;
    throw new CsvError(file, "not valid UTF-8 text", { line });
  }
}

/** `parseCsv` over raw bytes (UTF-8). */
export function parseCsvBytes(bytes: Uint8Array, options: CsvOptions, fileName = "<csv bytes>"): CsvTable {
  return parseCsv(decodeCsvBytes(bytes, fileName), options, fileName);
}

/**
 * Reads a file for the CSV loaders: only a regular file of at most `maxBytes` (default 256 MiB); anything
 * else (missing, unreadable, a directory, a FIFO, a device such as /dev/zero, too large) is a CsvError
 * naming the file, raised before anything is read.
 */
export function readCsvFile(path: string, maxBytes = MAX_FILE_BYTES): Uint8Array {
  return readRegularFile(path, maxBytes, (reason) => new CsvError(path, reason));
}

/**
 * Loads a numeric CSV file (your own or a shipped one); see `parseCsv` for the format and the checks, and
 * `readCsvFile` for the files it reads.
 *
 * @example
 * ```ts
 * import { dataFilePath, loadCsv } from "@arena/datasets";
 * const t = loadCsv(dataFilePath("iris.csv"), { label: "species", task: "classification" });
 * console.log(t.n, t.d, t.featureNames); // 150 4 [ 'sepal_length', ... ]
 * ```
 */
export function loadCsv(path: string, options: CsvFileOptions): CsvTable {
  const { maxBytes, ...o } = parseOptions("loadCsv", csvFileOptions, options);
  return tableFromText(decodeCsvBytes(readCsvFile(path, maxBytes), path), o, path);
}

/** One numeric column of a CSV as a series, in file order. */
export interface CsvSeries {
  readonly file: string;
  /** The column's header name. */
  readonly name: string;
  /** The column's 1-based field number. */
  readonly column: number;
  readonly values: Float64Array;
  /** The 1-based line number of each value in the file. */
  readonly lines: Int32Array;
}

/** Which column of a CSV holds the series (`parseSeriesCsv`). */
export const seriesCsvOptions = z.strictObject({
  column: columnChoice('the series column: "last" (default), "first", a column name or a 0-based index'),
  delimiter,
});
/** `loadSeriesCsv` options: `seriesCsvOptions` plus `maxBytes`. */
export const seriesCsvFileOptions = seriesCsvOptions.extend({ maxBytes });

/** What `parseSeriesCsv` accepts (see `seriesCsvOptions`). */
export type SeriesCsvOptions = z.input<typeof seriesCsvOptions>;
/** What `loadSeriesCsv` accepts (see `seriesCsvFileOptions`). */
export type SeriesCsvFileOptions = z.input<typeof seriesCsvFileOptions>;

/** Parses one numeric column of CSV text as a series; other columns are only checked for shape. */
export function parseSeriesCsv(
  text: string,
  options: SeriesCsvOptions = {},
  fileName = "<csv text>",
): CsvSeries {
  return seriesFromText(text, parseOptions("parseSeriesCsv", seriesCsvOptions, options), fileName);
}

function seriesFromText(
  text: string,
  options: z.output<typeof seriesCsvOptions>,
  fileName: string,
): CsvSeries {
  const { header, rows, lines } = readCsvGrid(text, fileName, options.delimiter);
  const j = findColumn(header, options.column, fileName, "series");
  const values = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++)
    values[r] = parseNumberCell(rows[r][j], fileName, lines[r], j + 1, header[j]);
  return { file: fileName, name: header[j], column: j + 1, values, lines };
}

/** Loads one numeric column of a CSV file as a series (e.g. a univariate time series). */
export function loadSeriesCsv(path: string, options: SeriesCsvFileOptions = {}): CsvSeries {
  const { maxBytes, ...o } = parseOptions("loadSeriesCsv", seriesCsvFileOptions, options);
  return seriesFromText(decodeCsvBytes(readCsvFile(path, maxBytes), path), o, path);
}
