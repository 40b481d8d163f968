/**
 * Exact JSON for floats. `JSON.stringify` writes every finite double so that `JSON.parse` reads back the
 * same bits, but it writes NaN and ±Infinity as `null` and -0 as `0`. Those four values are written as the
 * strings of {@link FLOAT_TOKENS} instead, so any float (and any Float32Array or Float64Array) survives
 * `JSON.stringify` and `JSON.parse` unchanged. Only NaN's payload bits are not kept: every NaN reads back
 * as `Number.NaN`.
 */

/** The strings that stand for the floats a JSON number cannot hold: NaN, ±Infinity and -0. */
export const FLOAT_TOKENS = ["NaN", "Infinity", "-Infinity", "-0"] as const;

/** One of {@link FLOAT_TOKENS}. */
export type FloatToken = (typeof FLOAT_TOKENS)[number];

/** One float as JSON: a number, or one of the {@link FLOAT_TOKENS} that JSON numbers cannot express. */
export type JsonFloat = number | FloatToken;

/** `x` as JSON that {@link floatFromJson} reads back exactly. */
export function floatToJson(x: number): JsonFloat {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (x === 0 && 1 / x < 0) return "-0";
  return x;
}

/** The float `v` stands for, or `undefined` when `v` is neither a number nor one of the tokens. */
function decode(v: unknown): number | undefined {
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
      return undefined;
  }
}

function badFloat(owner: string, field: string, v: unknown): TypeError {
  return new TypeError(`${owner}: state field ${field} holds ${JSON.stringify(v)}; expected a number`);
}

/**
 * Reads a value written by {@link floatToJson}: a number, or one of the {@link FLOAT_TOKENS}. Throws a
 * TypeError naming `owner` and `field` for anything else.
 */
export function floatFromJson(owner: string, field: string, v: unknown): number {
  const x = decode(v);
  if (x === undefined) throw badFloat(owner, field, v);
  return x;
}

/** An array of floats as JSON (see {@link floatToJson}); a Float32Array's values are written exactly too. */
export function floatsToJson(xs: ArrayLike<number>): JsonFloat[] {
  const out: JsonFloat[] = new Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = floatToJson(xs[i]);
  return out;
}

/**
 * Reads `length` floats written by {@link floatsToJson} into `out`, or into a new Float64Array when `out`
 * is omitted, and returns it. With `out` nothing is allocated (unless the JSON is bad), so state can be
 * decoded straight into preallocated buffers; `out.length` must be `length`. Throws a TypeError naming
 * `owner` and `field` (and the index) when `v` is not an array of `length` floats; a RangeError when
 * `out` has another length.
 */
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
  if (out !== undefined && out.length !== length) {
    throw new RangeError(
      `${owner}: cannot read state field ${field} (${length} numbers) into an array of ${out.length}`,
    );
  }
  const dst = (out ?? new Float64Array(length)) as T;
  for (let i = 0; i < length; i++) {
    const item: unknown = v[i];
    if (typeof item === "number") {
      dst[i] = item;
    } else {
      const x = decode(item);
      if (x === undefined) throw badFloat(owner, `${field}[${i}]`, item);
      dst[i] = x;
    }
  }
  return dst;
}
