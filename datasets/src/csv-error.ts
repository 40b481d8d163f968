/**
 * Bad CSV input: the file, the 1-based line and column where it went wrong, the column's name and the
 * offending value, whenever they are known. Every problem with a CSV's *content* is reported as a CsvError,
 * never as a raw exception, and nothing half-loaded is ever returned.
 */
export class CsvError extends Error {
  override readonly name = "CsvError";
  /** The file name or path given to the loader. */
  readonly file: string;
  /** 1-based physical line number in the file. */
  readonly line: number | undefined;
  /** 1-based field number on that line. */
  readonly column: number | undefined;
  /** The header name of that column, if known. */
  readonly columnName: string | undefined;
  /** The offending text, if any. */
  readonly value: string | undefined;
  /** What is wrong, without the location. */
  readonly reason: string;

  constructor(
    file: string,
    reason: string,
    where: { line?: number; column?: number; columnName?: string; value?: string } = {},
  ) {
    super(CsvError.format(file, reason, where));
    this.file = file;
    this.reason = reason;
    this.line = where.line;
    this.column = where.column;
    this.columnName = where.columnName;
    this.value = where.value;
  }

  private static format(
    file: string,
    reason: string,
    w: { line?: number; column?: number; columnName?: string; value?: string },
  ): string {
    let loc = file;
    if (w.line !== undefined) loc += `:${w.line}`;
    if (w.line !== undefined && w.column !== undefined) loc += `:${w.column}`;
    let msg = `${loc}: ${reason}`;
    if (w.columnName !== undefined) msg += ` in column "${w.columnName}"`;
    if (w.column !== undefined && w.line === undefined) msg += ` (column ${w.column})`;
    if (w.value !== undefined) {
      const v = w.value.length > 60 ? `${w.value.slice(0, 57)}...` : w.value;
      msg += `, got ${JSON.stringify(v)}`;
    }
    return msg;
  }
}
