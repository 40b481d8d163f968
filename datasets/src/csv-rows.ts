import { CsvError } from "./csv-error.ts";
import { RowFields } from "./csv-fields.ts";
import { type FirstCsvError, RANK } from "./csv-first-error.ts";
import { readHeader } from "./csv-grid.ts";
import { CsvLines } from "./csv-lines.ts";
import type { CsvSource } from "./csv-source.ts";

/** What a table or series reader does with the header and with each row. */
export interface RowReader {
  /**
   * The header's names, checked; `maxRows` bounds the number of data rows (from the line breaks), so
   * arrays can be allocated once. Called only when nothing has gone wrong yet.
   */
  header(names: readonly string[], maxRows: number): void;
  /**
   * Data row `index` (from 0), whose field count is the header's. Called only while nothing has gone
   * wrong, so `index` is also the row's place in the reader's arrays.
   */
  row(fields: RowFields, lineNo: number, index: number): void;
}

/**
 * Streams a CSV source through the line checks, the header and the rows, as `readCsvGrid` would split
 * them, and hands each row's fields to `reader` without keeping them. Problems are noted in `errors`
 * (see `FirstCsvError`); returns the number of data rows.
 */
export function readRows(
  source: CsvSource,
  delimiter: string,
  errors: FirstCsvError,
  reader: RowReader,
): number {
  const file = source.file;
  const shape = source.scan();
  // The last line is empty when the text ends with a line break; every other row ends at one.
  const maxRows = Math.max(0, shape.newlines - (shape.endsWithNewline ? 1 : 0));
  let header: readonly string[] | undefined;
  let fields: RowFields | undefined;
  let rows = 0;
  const lines = new CsvLines(file, errors, (line, lineNo) => {
    if (lineNo === 1) {
      errors.catch(RANK.header, () => {
        header = readHeader(line, delimiter, file);
      });
      if (header) {
        fields = new RowFields(header.length);
        reader.header(header, maxRows);
      }
      return;
    }
    const index = rows++;
    if (!header || !fields || !errors.open(RANK.fields)) return;
    const f = fields;
    const width = header.length;
    errors.catch(RANK.fields, () => {
      f.split(line, delimiter, file, lineNo);
      if (f.count !== width) {
        throw new CsvError(file, `row has ${f.count} fields, the header has ${width}`, {
          line: lineNo,
          value: line,
        });
      }
    });
    if (errors.open(RANK.cells)) reader.row(f, lineNo, index);
  });
  source.pieces((piece) => lines.push(piece));
  lines.end();
  if (header && rows === 0) {
    errors.note(RANK.noRows, new CsvError(file, "the file has a header but no data rows", { line: 1 }));
  }
  return rows;
}
