import { parseOptions } from "@arena/options";
import * as z from "zod";
import { CONTINUOUS_LABEL_VALUES, MAX_CLASSES } from "./csv-classes.ts";
import { CsvError } from "./csv-error.ts";
import { csvDelimiter } from "./csv-grid.ts";
import { type CsvSeries, readCsvSeries } from "./csv-series-reader.ts";
import { bytesSource, textSource, withFileSource } from "./csv-source.ts";
import { type CsvTable, readCsvTable } from "./csv-table-reader.ts";
import { MAX_FILE_BYTES, MAX_FILE_BYTES_LIMIT, readRegularFile } from "./read-file.ts";

export { CONTINUOUS_LABEL_VALUES, MAX_CLASSES } from "./csv-classes.ts";
export type { CsvSeries } from "./csv-series-reader.ts";
export type { CsvTable } from "./csv-table-reader.ts";

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
  return readCsvTable(textSource(text, fileName), parseOptions("parseCsv", csvOptions, options));
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

/** `parseCsv` over raw bytes (UTF-8), decoded a chunk at a time. */
export function parseCsvBytes(bytes: Uint8Array, options: CsvOptions, fileName = "<csv bytes>"): CsvTable {
  const source = bytesSource(bytes, fileName);
  source.scan(); // invalid UTF-8 is reported before bad options, as when the bytes were decoded first
  return readCsvTable(source, parseOptions("parseCsv", csvOptions, options));
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
 * `readCsvFile` for the files it reads. The file is read and parsed in chunks of 1 MiB, straight into the
 * table's typed arrays: memory is the table plus a chunk, not the text and a string per cell.
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
  return withFileSource(path, maxBytes, (source) => readCsvTable(source, o));
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
  return readCsvSeries(textSource(text, fileName), parseOptions("parseSeriesCsv", seriesCsvOptions, options));
}

/** Loads one numeric column of a CSV file as a series (e.g. a univariate time series). */
export function loadSeriesCsv(path: string, options: SeriesCsvFileOptions = {}): CsvSeries {
  const { maxBytes, ...o } = parseOptions("loadSeriesCsv", seriesCsvFileOptions, options);
  return withFileSource(path, maxBytes, (source) => readCsvSeries(source, o));
}
