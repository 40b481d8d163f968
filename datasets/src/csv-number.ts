import { CsvError } from "./csv-error.ts";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const FLOAT32_MAX = 3.4028234663852886e38;

/** Whether `text` is a number in the notation CSV cells may use (plain decimal, optional exponent). */
export function isNumberText(text: string): boolean {
  return NUMBER.test(text);
}

/**
 * Parses one numeric cell, or throws a CsvError naming where it is. Only plain decimal notation is
 * accepted (no hex, no thousands separators, no empty cells), and the value must be finite in float32.
 */
export function parseNumberCell(
  text: string,
  file: string,
  line: number,
  column: number,
  columnName: string | undefined,
): number {
  if (!NUMBER.test(text)) {
    const reason =
      text === ""
        ? "empty cell (missing values are not supported)"
        : NON_FINITE.test(text)
          ? "NaN and Infinity are not allowed"
          : "not a number";
    throw new CsvError(file, reason, { line, column, columnName, value: text });
  }
  const v = Number(text);
  if (!(Math.abs(v) <= FLOAT32_MAX)) {
    throw new CsvError(file, "number out of float32 range (|x| > 3.4e38)", {
      line,
      column,
      columnName,
      value: text,
    });
  }
  return v;
}

/** 10^0 … 10^22: every one is a double exactly. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** The most significant digits whose integer is exact in a double, with room to spare (< 2^53). */
const MAX_DIGITS = 15;

const DOT = 46;
const ZERO = 48;

/**
 * `Number(text.slice(a, b))` for the common cell, without building the string: a decimal of at most 15
 * significant digits whose value is that integer times 10^e with |e| ≤ 22. Both factors are exact
 * doubles, so one multiplication or division rounds correctly (Clinger's fast path) and the result is
 * bit-identical to `Number`'s. Anything else, valid or not, gives NaN: the caller then parses the text
 * with `parseNumberCell`, which decides and words any error. The grammar is `NUMBER`'s.
 */
export function fastNumber(text: string, a: number, b: number): number {
  let i = a;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (c === 43 || c === 45) c = text.charCodeAt(++i);
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  const intStart = i;
  for (; i < b && c >= ZERO && c <= ZERO + 9; c = text.charCodeAt(++i)) {
    if (mantissa > 0 || c > ZERO) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
    }
  }
  let seen = i - intStart;
  if (i < b && c === DOT) {
    const fracStart = ++i;
    for (c = text.charCodeAt(i); i < b && c >= ZERO && c <= ZERO + 9; c = text.charCodeAt(++i)) {
      scale--;
      if (mantissa > 0 || c > ZERO) {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
      }
    }
    seen += i - fracStart;
  }
  if (seen === 0 || digits > MAX_DIGITS) return Number.NaN;
  if (i < b && (c === 101 || c === 69)) {
    const e = exponent(text, i + 1, b);
    if (Number.isNaN(e)) return Number.NaN;
    scale += e;
    i = b;
  }
  if (i !== b) return Number.NaN;
  if (mantissa === 0) return negative ? -0 : 0;
  if (scale < -22 || scale > 22) return Number.NaN;
  const v = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
  return negative ? -v : v;
}

/** The signed exponent digits from `i` to `b`, or NaN when they are not `[+-]?\d+` (or absurdly long). */
function exponent(text: string, i: number, b: number): number {
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (c === 43 || c === 45) i++;
  if (i >= b || b - i > 6) return Number.NaN;
  let e = 0;
  for (; i < b; i++) {
    c = text.charCodeAt(i);
    if (c < ZERO || c > ZERO + 9) return Number.NaN;
    e = e * 10 + (c - ZERO);
  }
  return negative ? -e : e;
}
