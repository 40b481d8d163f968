/**
 * Exact JSON for float arrays. `JSON.stringify` writes every finite double so that it parses back to the
 * same bits, but it turns NaN and ±Infinity into `null` and -0 into `0`; those four are written as
 * strings instead, so an optimizer's `state()` resumes bit for bit.
 */

/** One float as JSON: a number, or one of the strings that JSON numbers cannot express. */
export type JsonFloat = number | "NaN" | "Infinity" | "-Infinity" | "-0";

/** `x` as JSON that {@link floatFromJson} reads back exactly. */
export function floatToJson(x: number): JsonFloat {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (x === 0 && 1 / x < 0) return "-0";
  return x;
}

/** Reads a value written by {@link floatToJson}; `owner` and `field` name it in the error. */
export function floatFromJson(owner: string, field: string, v: unknown): number {
  if (typeof v === "number") return v;
  switch (v) {
    case "NaN":
      return Number.NaN;
    case "Infinity":
      return Number.POSITIVE_INFINITY;
    case "-Infinity":
      return Number.NEGATIVE_INFINITY;
    case "-0":
      return -0;
    default:
      throw new TypeError(`${owner}: state field ${field} holds ${JSON.stringify(v)}; expected a number`);
  }
}

/** An array of floats as JSON (see {@link floatToJson}). */
export function floatsToJson(xs: ArrayLike<number>): JsonFloat[] {
  const out: JsonFloat[] = new Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = floatToJson(xs[i]);
  return out;
}

/** Reads `length` floats written by {@link floatsToJson} into `out` (a new Float64Array when omitted). */
export function floatsFromJson<T extends Float32Array | Float64Array = Float64Array>(
  owner: string,
  field: string,
  v: unknown,
  length: number,
  out?: T,
): T {
  if (!Array.isArray(v) || v.length !== length) {
    const got = Array.isArray(v) ? `an array of ${v.length}` : JSON.stringify(v)?.slice(0, 40);
    throw new TypeError(`${owner}: state field ${field} must be an array of ${length} numbers, got ${got}`);
  }
  const dst = (out ?? new Float64Array(length)) as T;
  for (let i = 0; i < length; i++) dst[i] = floatFromJson(owner, `${field}[${i}]`, v[i]);
  return dst;
}
