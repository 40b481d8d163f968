import { splitFields } from "./csv-grid.ts";
import { fastNumber, parseNumberCell } from "./csv-number.ts";

/** Code units `String.prototype.trim` removes: ECMAScript's WhiteSpace and LineTerminator. */
export function isTrimSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * The fields of one line, as `readCsvGrid` splits them, without a string per field: an unquoted line is
 * kept whole with the trimmed bounds of each field, and a cell becomes a number straight from the line.
 * A line with a quote goes through `readCsvGrid`'s own splitter (its fields are strings until the next
 * line), so quoting rules and their errors stay exactly as they were.
 */
export class RowFields {
  /** Number of fields on the line (also when there are more than `width`). */
  count = 0;
  private line = "";
  private strings: string[] | undefined;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  /** `width`: the header's field count; bounds of fields beyond it are not kept. */
  constructor(width: number) {
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
  }

  /** Splits `line` by `delimiter`; bad quoting throws `readCsvGrid`'s CsvError. */
  split(line: string, delimiter: string, file: string, lineNo: number): void {
    this.line = line;
    if (line.includes('"')) {
      this.strings = splitFields(line, delimiter, file, lineNo);
      this.count = this.strings.length;
      return;
    }
    this.strings = undefined;
    let n = 0;
    for (let a = 0; ; n++) {
      const k = line.indexOf(delimiter, a);
      const b = k < 0 ? line.length : k;
      if (n < this.starts.length) this.keep(n, a, b);
      if (k < 0) break;
      a = k + 1;
    }
    this.count = n + 1;
  }

  /** Field `j` as text (trimmed, as `readCsvGrid` gives it). */
  text(j: number): string {
    return this.strings ? this.strings[j] : this.line.slice(this.starts[j], this.ends[j]);
  }

  /** Whether field `j` is empty. */
  isEmpty(j: number): boolean {
    return this.strings ? this.strings[j] === "" : this.starts[j] === this.ends[j];
  }

  /** Field `j` as a number; a cell that is not one throws `parseNumberCell`'s CsvError. */
  number(j: number, file: string, lineNo: number, columnName: string): number {
    if (!this.strings) {
      const v = fastNumber(this.line, this.starts[j], this.ends[j]);
      if (!Number.isNaN(v)) return v;
    }
    return parseNumberCell(this.text(j), file, lineNo, j + 1, columnName);
  }

  /** Bounds of field `j`, [a, b) of the line, without the white space `trim` removes. */
  private keep(j: number, a: number, b: number): void {
    while (a < b && isTrimSpace(this.line.charCodeAt(a))) a++;
    while (b > a && isTrimSpace(this.line.charCodeAt(b - 1))) b--;
    this.starts[j] = a;
    this.ends[j] = b;
  }
}
