import { CsvError } from "./csv-error.ts";

/**
 * The order in which the whole-text reader met problems: it checked every line's breaks before reading
 * the header, split every row into fields before choosing the columns, and chose the columns before
 * reading any cell. A streaming reader meets them in file order instead, so it notes each and keeps the
 * one the whole-text reader would have thrown: the lowest rank, and within a rank the first in the file.
 * (Rank 1, invalid UTF-8 and unreadable files, is thrown at once by the source's first pass.)
 */
export const RANK = {
  /** No line with anything on it. */
  empty: 2,
  /** A carriage return inside a line, an empty first line, a blank line inside the table. */
  lines: 3,
  /** The header's fields and names. */
  header: 4,
  /** A header and nothing after it. */
  noRows: 5,
  /** A data row's fields: quoting, and their count. */
  fields: 6,
  /** The label, ignored and feature columns chosen from the header. */
  columns: 7,
  /** A cell that is not a number, an empty label. */
  cells: 8,
} as const;

/** The CsvError the whole-text reader would have thrown, among those met so far. */
export class FirstCsvError {
  private rank: number = Number.POSITIVE_INFINITY;
  private error: CsvError | undefined;

  /** Keeps `error` if it ranks before the one kept (an earlier line of the same rank does not lose). */
  note(rank: number, error: CsvError): void {
    if (rank < this.rank) {
      this.rank = rank;
      this.error = error;
    }
  }

  /** Runs `f`, noting a CsvError it throws at `rank`; other exceptions pass. */
  catch(rank: number, f: () => void): void {
    try {
      f();
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      this.note(rank, e);
    }
  }

  /** True while a problem of `rank` could still be the one thrown, so checks of that rank are worth doing. */
  open(rank: number): boolean {
    return rank < this.rank;
  }

  /** Throws the kept error, if any. */
  throwIfAny(): void {
    if (this.error) throw this.error;
  }
}
