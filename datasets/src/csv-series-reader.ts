import { findColumn } from "./csv-columns.ts";
import { FirstCsvError, RANK } from "./csv-first-error.ts";
import { readRows } from "./csv-rows.ts";
import type { CsvSource } from "./csv-source.ts";

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

/** The series column read so far. */
interface SeriesArrays {
  readonly name: string;
  readonly j: number;
  readonly values: Float64Array;
  readonly lines: Int32Array;
}

/**
 * Reads one column of a CSV source as a series, streaming (see `readCsvTable`); the other columns are
 * only checked for shape. Accepts and refuses exactly what the whole-text reader did.
 */
export function readCsvSeries(
  source: CsvSource,
  o: { readonly column: string | number; readonly delimiter: string },
): CsvSeries {
  const file = source.file;
  const errors = new FirstCsvError();
  let s: SeriesArrays | undefined;
  const n = readRows(source, o.delimiter, errors, {
    header(header, maxRows) {
      errors.catch(RANK.columns, () => {
        const j = findColumn(header, o.column, file, "series");
        s = { name: header[j], j, values: new Float64Array(maxRows), lines: new Int32Array(maxRows) };
      });
    },
    row(fields, lineNo, r) {
      const arrays = s;
      if (!arrays) return;
      errors.catch(RANK.cells, () => {
        arrays.values[r] = fields.number(arrays.j, file, lineNo, arrays.name);
        arrays.lines[r] = lineNo;
      });
    },
  });
  errors.throwIfAny();
  if (!s) throw new Error("readCsvSeries: no header and no error"); // unreachable: readRows noted why
  return {
    file,
    name: s.name,
    column: s.j + 1,
    values: s.values.length === n ? s.values : s.values.slice(0, n),
    lines: s.lines.length === n ? s.lines : s.lines.slice(0, n),
  };
}
