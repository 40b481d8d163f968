import { readFileSync } from "node:fs";
import { CsvError } from "./csv-error.ts";
import { readCsvGrid } from "./csv-grid.ts";
import type { Task } from "./dataset.ts";

/** How to read a table: which column is the label and what kind of target it is. */
export interface CsvOptions {
  /** Classification (labels are class names, any text) or regression (labels are numbers). */
  readonly task: Task;
  /**
   * The label column: "last" (default), "first", a column name, or a 0-based column index. If a column is
   * literally named "first"/"last" and is not in that position, the choice is ambiguous and is rejected.
   */
  readonly label?: string | number;
  /** Columns to leave out entirely (e.g. an id or date column). */
  readonly ignore?: readonly string[];
  /** Field separator, one character; default ",". */
  readonly delimiter?: string;
}

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

function checkOptions(options: unknown): asserts options is CsvOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `parseCsv: options must be an object like { task: "classification" }, got ${String(options)}`,
    );
  }
  const known = ["task", "label", "ignore", "delimiter"];
  for (const key of Object.keys(options)) {
    if (!known.includes(key))
      throw new RangeError(`parseCsv: unknown option "${key}"; known options: ${known.join(", ")}`);
  }
  const o = options as Record<string, unknown>;
  if (o.task !== "classification" && o.task !== "regression") {
    throw new RangeError(
      `parseCsv: option "task" must be "classification" or "regression", got ${JSON.stringify(o.task)}`,
    );
  }
  if (o.label !== undefined && typeof o.label !== "string" && !Number.isInteger(o.label)) {
    throw new RangeError(
      `parseCsv: option "label" must be "last", "first", a column name or index, got ${String(o.label)}`,
    );
  }
  if (o.ignore !== undefined && !(Array.isArray(o.ignore) && o.ignore.every((s) => typeof s === "string"))) {
    throw new RangeError(
      `parseCsv: option "ignore" must be an array of column names, got ${JSON.stringify(o.ignore)}`,
    );
  }
  if (o.delimiter !== undefined && typeof o.delimiter !== "string") {
    throw new RangeError(
      `parseCsv: option "delimiter" must be a one-character string, got ${String(o.delimiter)}`,
    );
  }
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
 * every feature cell must be a finite number. Any problem throws a CsvError naming the file, line, column
 * and value; nothing half-loaded is returned.
 *
 * @example
 * ```ts
 * import { parseCsv } from "@arena/datasets";
 * const t = parseCsv("a,b,kind\n1,2,cat\n3,4,dog\n", { task: "classification" }, "pets.csv");
 * console.log(t.features, t.classes, t.labels); // Float32Array [1, 2, 3, 4] [ 'cat', 'dog' ] Int32Array [0, 1]
 * ```
 */
export function parseCsv(text: string, options: CsvOptions, fileName = "<csv text>"): CsvTable {
  checkOptions(options);
  const file = fileName;
  const grid = readCsvGrid(text, file, options.delimiter ?? ",");
  const { header, rows, lines } = grid;
  const labelCol = findColumn(header, options.label ?? "last", file, "label");
  const ignored = new Set<number>();
  for (const name of options.ignore ?? []) {
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
    ({ labels, classes } = encodeClasses(labelText, file, header[labelCol], labelCol + 1));
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
 * "2" < "10" and "1.0" is the same class as "1"), otherwise by code point.
 */
function encodeClasses(
  labelText: readonly string[],
  file: string,
  columnName: string,
  column: number,
): { labels: Int32Array; classes: string[] } {
  const numeric = labelText.every((s) => NUMBER.test(s));
  const keyOf = numeric ? (s: string) => String(Number(s)) : (s: string) => s;
  const firstSpelling = new Map<string, string>();
  for (const s of labelText) {
    const key = keyOf(s);
    if (!firstSpelling.has(key)) firstSpelling.set(key, s);
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

/** Reads a file for the CSV loaders; an unreadable file is a CsvError too. */
export function readCsvFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new CsvError(path, `cannot read the file (${(e as Error).message})`);
  }
}

/**
 * Loads a numeric CSV file (your own or a shipped one); see `parseCsv` for the format and the checks.
 *
 * @example
 * ```ts
 * import { dataFilePath, loadCsv } from "@arena/datasets";
 * const t = loadCsv(dataFilePath("iris.csv"), { label: "species", task: "classification" });
 * console.log(t.n, t.d, t.featureNames); // 150 4 [ 'sepal_length', ... ]
 * ```
 */
export function loadCsv(path: string, options: CsvOptions): CsvTable {
  checkOptions(options);
  return parseCsvBytes(readCsvFile(path), options, path);
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

/** Which column holds the series: "last" (default), "first", a name or a 0-based index. */
export interface SeriesCsvOptions {
  readonly column?: string | number;
  readonly delimiter?: string;
}

/** Parses one numeric column of CSV text as a series; other columns are only checked for shape. */
export function parseSeriesCsv(
  text: string,
  options: SeriesCsvOptions = {},
  fileName = "<csv text>",
): CsvSeries {
  for (const key of Object.keys(options)) {
    if (key !== "column" && key !== "delimiter") {
      throw new RangeError(`parseSeriesCsv: unknown option "${key}"; known options: column, delimiter`);
    }
  }
  const { header, rows, lines } = readCsvGrid(text, fileName, options.delimiter ?? ",");
  const j = findColumn(header, options.column ?? "last", fileName, "series");
  const values = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++)
    values[r] = parseNumberCell(rows[r][j], fileName, lines[r], j + 1, header[j]);
  return { file: fileName, name: header[j], column: j + 1, values, lines };
}

/** Loads one numeric column of a CSV file as a series (e.g. a univariate time series). */
export function loadSeriesCsv(path: string, options: SeriesCsvOptions = {}): CsvSeries {
  return parseSeriesCsv(decodeCsvBytes(readCsvFile(path), path), options, path);
}
