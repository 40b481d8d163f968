import * as z from "zod";

/**
 * The float width an optimizer stores its candidates in. `"float64"` (the default) is what scipy.optimize,
 * pycma, Nevergrad and PySwarms work in; `"float32"` halves the memory and matches networks whose
 * weights are float32 (every value is then rounded to float32 where it is stored).
 */
export type Precision = "float64" | "float32";

/** A candidate vector (or a population matrix, row-major) of either precision. */
export type Vector = Float64Array | Float32Array;

/** The array type of a precision: `Float32Array` for `"float32"`, `Float64Array` for `"float64"`. */
export type VectorOf<P extends Precision> = P extends "float32" ? Float32Array : Float64Array;

/** The `precision` option every optimizer here takes (default `"float64"`). */
export const PrecisionOption = z
  .enum(["float64", "float32"])
  .default("float64")
  .describe(
    'storage of the candidates: "float64" (default, as scipy and pycma) or "float32" (half the memory; every stored value rounded to float32)',
  );

/** A zeroed vector of `length` entries in `precision`. */
export function newVector<P extends Precision>(precision: P, length: number): VectorOf<P> {
  return (precision === "float32" ? new Float32Array(length) : new Float64Array(length)) as VectorOf<P>;
}

/** The precision a vector is stored in. */
export function precisionOf(x: Vector): Precision {
  return x instanceof Float32Array ? "float32" : "float64";
}

/**
 * The precision a saved `state()` was written in (states saved before the field existed were all
 * float32), checked against `expected` when given: a run cannot change precision on resume, so a
 * mismatch throws a TypeError naming `owner`.
 */
export function statePrecision(owner: string, state: unknown, expected?: Precision): Precision {
  const saved =
    state !== null && typeof state === "object" ? (state as { precision?: unknown }).precision : undefined;
  const p = saved === undefined ? "float32" : saved;
  if (p !== "float64" && p !== "float32") {
    throw new TypeError(`${owner}: state.precision is ${JSON.stringify(p)}, expected "float64" or "float32"`);
  }
  if (expected !== undefined && p !== expected) {
    throw new TypeError(
      `${owner}: the state was saved in ${p} precision, expected ${expected}; a run cannot change precision on resume (resume it as ${p}, or start a new run)`,
    );
  }
  return p;
}
