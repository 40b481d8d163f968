/**
 * One field of a CSV file as the exports write it (RFC 4180 quoting; numbers that read back exactly),
 * shared by `tidyCsv` and `iohCsv` so the two files follow one convention.
 *
 * - A string is written as is, unless it holds a comma, a double quote, a carriage return or a line
 *   feed: then it is enclosed in double quotes, each double quote inside doubled (RFC 4180, section 2).
 * - A finite number is written in JavaScript's shortest round-trip form (`String(x)`: `0.1`, `1e-7`,
 *   `1.386e+21`), which pandas, R and data.table parse back to the same float64; -0 is written `-0`.
 * - NaN, +∞ and −∞ are written `NaN`, `Inf` and `-Inf`: the spellings pandas' `read_csv`, R's `read.csv`
 *   and data.table's `fread` all read as those numbers without options.
 * - A boolean is written `true` or `false` (pandas and R read both as booleans).
 * - A missing value (`undefined` or `null`) is an empty field.
 */
export type CsvValue = string | number | boolean | null | undefined;

/** Characters that force a field into quotes (RFC 4180). */
const NEEDS_QUOTES = /[",\r\n]/;

/** A number as a CSV field: exact for finite values, `NaN`/`Inf`/`-Inf` otherwise. */
export function csvNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Inf";
  if (x === Number.NEGATIVE_INFINITY) return "-Inf";
  // String(-0) is "0": the sign would be lost on the way back.
  if (Object.is(x, -0)) return "-0";
  return String(x);
}

/** One value as a CSV field (see the file's comment for the rules). */
export function csvField(value: CsvValue): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return csvNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One line of a CSV file, without its line ending. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvField).join(",");
}
