import { CsvError } from "./csv-error.ts";
import { isTrimSpace } from "./csv-fields.ts";
import { type FirstCsvError, RANK } from "./csv-first-error.ts";

/** Receives the lines that pass the line checks, without their line break; the first is the header. */
export type LineSink = (line: string, lineNo: number) => void;

/**
 * Cuts a CSV's text, given in pieces of any size, into lines, and checks them as the whole-text reader
 * did: a byte-order mark at the start is dropped, a line may end in CRLF but hold no other carriage
 * return, and blank lines are allowed only at the end (a blank line is judged when the next line with
 * something on it arrives). Only the piece at hand and one unfinished line are held.
 */
export class CsvLines {
  private carry = "";
  private lineNo = 0;
  private atStart = true;
  private content = false;
  /** The error the first blank line of the current run of blank lines makes if a line follows it. */
  private blank: CsvError | undefined;

  constructor(
    private readonly file: string,
    private readonly errors: FirstCsvError,
    private readonly sink: LineSink,
  ) {}

  /** The next piece of the text. */
  push(piece: string): void {
    if (this.atStart && piece.length > 0) {
      this.atStart = false;
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    }
    let start = 0;
    for (let nl = piece.indexOf("\n"); nl >= 0; nl = piece.indexOf("\n", start)) {
      const part = piece.slice(start, nl);
      const raw = this.carry === "" ? part : this.carry + part;
      this.carry = "";
      this.take(raw);
      start = nl + 1;
    }
    if (start < piece.length) this.carry += piece.slice(start);
  }

  /** The end of the text: its last line (after the last line break), and the empty-file check. */
  end(): void {
    this.take(this.carry);
    this.carry = "";
    if (!this.content) {
      this.errors.note(
        RANK.empty,
        new CsvError(this.file, "the file is empty (expected a header line and data rows)", { line: 1 }),
      );
    }
  }

  private take(raw: string): void {
    const lineNo = ++this.lineNo;
    if (!this.errors.open(RANK.lines)) return;
    if (isBlank(raw)) {
      this.blank ??= this.lineError(raw, lineNo);
      return;
    }
    this.content = true;
    if (this.blank) {
      this.errors.note(RANK.lines, this.blank);
      return;
    }
    const s = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (s.includes("\r")) {
      this.errors.note(RANK.lines, this.carriageReturn(s, lineNo));
      return;
    }
    this.sink(s, lineNo);
  }

  /** What a blank line followed by more lines is reported as (a lone CR is checked first, as before). */
  private lineError(raw: string, lineNo: number): CsvError {
    const s = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (s.includes("\r")) return this.carriageReturn(s, lineNo);
    const reason =
      lineNo === 1 ? "the first line is empty (expected the header)" : "empty line inside the table";
    return new CsvError(this.file, reason, { line: lineNo });
  }

  private carriageReturn(s: string, lineNo: number): CsvError {
    return new CsvError(this.file, "carriage return inside a line (use LF or CRLF line endings)", {
      line: lineNo,
      value: s,
    });
  }
}

/** Nothing but white space (as `String.prototype.trim` sees it), without building the trimmed string. */
function isBlank(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) if (!isTrimSpace(raw.charCodeAt(i))) return false;
  return true;
}
