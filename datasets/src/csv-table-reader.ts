import { encodeClasses, LabelTexts } from "./csv-classes.ts";
import { type TableColumns, tableColumns } from "./csv-columns.ts";
import { CsvError } from "./csv-error.ts";
import type { RowFields } from "./csv-fields.ts";
import { FirstCsvError, RANK } from "./csv-first-error.ts";
import { readRows } from "./csv-rows.ts";
import type { CsvSource } from "./csv-source.ts";
import type { Task } from "./dataset.ts";

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

/** How to read the table: `csvOptions` resolved. */
export interface TableReadOptions {
  readonly task: Task;
  readonly label: string | number;
  readonly ignore: readonly string[];
  readonly delimiter: string;
  readonly maxClasses?: number | undefined;
}

/** The arrays a table is read into, allocated once the header says how wide they are. */
interface TableArrays {
  readonly header: readonly string[];
  readonly cols: TableColumns;
  readonly features: Float32Array;
  readonly targets: Float32Array;
  readonly labelIds: Int32Array;
  readonly labelTexts: LabelTexts;
}

/**
 * Reads a CSV source into a table, streaming: each cell goes straight into the Float32Arrays (a label,
 * for classification, into a text id), so no string per cell is kept. Accepts and refuses exactly what
 * `readCsvGrid` followed by the whole-text table reader did, with the same CsvError.
 */
export function readCsvTable(source: CsvSource, o: TableReadOptions): CsvTable {
  const file = source.file;
  const errors = new FirstCsvError();
  let t: TableArrays | undefined;
  const n = readRows(source, o.delimiter, errors, {
    header(header, maxRows) {
      errors.catch(RANK.columns, () => {
        const cols = tableColumns(header, o, file);
        const classify = o.task === "classification";
        t = {
          header,
          cols,
          features: new Float32Array(maxRows * cols.features.length),
          targets: new Float32Array(maxRows),
          labelIds: new Int32Array(classify ? maxRows : 0),
          labelTexts: new LabelTexts(),
        };
      });
    },
    row(fields, lineNo, r) {
      const arrays = t;
      if (arrays) errors.catch(RANK.cells, () => readRow(arrays, fields, lineNo, r, o.task, file));
    },
  });
  errors.throwIfAny();
  if (!t) throw new Error("readCsvTable: no header and no error"); // unreachable: readRows noted why
  return finishTable(t, n, o, file);
}

/** One row's cells, in the order the whole-text reader checked them: features left to right, then the label. */
function readRow(
  t: TableArrays,
  fields: RowFields,
  lineNo: number,
  r: number,
  task: Task,
  file: string,
): void {
  const { features: cols, label } = t.cols;
  const d = cols.length;
  for (let k = 0; k < d; k++) {
    const j = cols[k];
    t.features[r * d + k] = fields.number(j, file, lineNo, t.header[j]);
  }
  if (task === "regression") {
    t.targets[r] = fields.number(label, file, lineNo, t.header[label]);
  } else {
    if (fields.isEmpty(label)) {
      throw new CsvError(file, "empty label", {
        line: lineNo,
        column: label + 1,
        columnName: t.header[label],
      });
    }
    t.labelIds[r] = t.labelTexts.id(fields.text(label));
  }
}

/** The table of the `n` rows read: arrays cut to length (when blank lines ended the file), classes encoded. */
function finishTable(t: TableArrays, n: number, o: TableReadOptions, file: string): CsvTable {
  const { header, cols } = t;
  const d = cols.features.length;
  const features = t.features.length === n * d ? t.features : t.features.slice(0, n * d);
  const targets = t.targets.length === n ? t.targets : t.targets.slice(0, n);
  let labels: Int32Array | undefined;
  let classes: string[] | undefined;
  if (o.task === "classification") {
    const ids = t.labelIds.length === n ? t.labelIds : t.labelIds.subarray(0, n);
    const where = { file, columnName: header[cols.label], column: cols.label + 1 };
    ({ labels, classes } = encodeClasses(t.labelTexts.texts, ids, where, o.maxClasses));
    for (let r = 0; r < n; r++) targets[r] = labels[r];
  }
  return {
    file,
    columns: header,
    featureNames: cols.features.map((j) => header[j]),
    labelName: header[cols.label],
    task: o.task,
    n,
    d,
    features,
    targets,
    labels,
    classes,
  };
}
