import { CONTINUOUS_LABEL_VALUES, MAX_CLASSES } from "../src/csv-classes.ts";
import { findColumn } from "../src/csv-columns.ts";
import { CsvError } from "../src/csv-error.ts";
import { readCsvGrid } from "../src/csv-grid.ts";
import { isNumberText, parseNumberCell } from "../src/csv-number.ts";
import type { CsvSeries } from "../src/csv-series-reader.ts";
import type { CsvTable, TableReadOptions } from "../src/csv-table-reader.ts";

/**
 * The whole-text CSV readers as they were before parsing streamed (issue 22): the text decoded whole,
 * split into a grid of strings by `readCsvGrid`, then turned into numbers. Kept as the reference the
 * streaming readers must equal, value for value and error for error.
 */

const NUMBER = { test: isNumberText };

/** The old `parseCsv` after option parsing. */
export function referenceTable(text: string, options: TableReadOptions, file: string): CsvTable {
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

/** The old `parseSeriesCsv` after option parsing. */
export function referenceSeries(
  text: string,
  options: { readonly column: string | number; readonly delimiter: string },
  fileName: string,
): CsvSeries {
  const { header, rows, lines } = readCsvGrid(text, fileName, options.delimiter);
  const j = findColumn(header, options.column, fileName, "series");
  const values = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++)
    values[r] = parseNumberCell(rows[r][j], fileName, lines[r], j + 1, header[j]);
  return { file: fileName, name: header[j], column: j + 1, values, lines };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes UTF-8 bytes (invalid UTF-8 is a CsvError naming the line of the first bad byte). */
export function referenceDecode(bytes: Uint8Array, file: string): string {
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
