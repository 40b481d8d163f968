import { floatsFromJson, floatsToJson, type JsonFloat } from "@arena/float-json";
import { OptionsError, parseOptions, preview } from "@arena/options";
import * as z from "zod";
import { float32AtLeast, float32AtMost } from "./float32-at-most.ts";
import type { Precision, Vector } from "./precision.ts";

const isBound = (v: unknown): v is number => typeof v === "number" && !Number.isNaN(v);

const isArrayLike = (v: unknown): v is ArrayLike<unknown> =>
  v !== null && typeof v === "object" && typeof (v as ArrayLike<unknown>).length === "number";

/** The index of the first entry that is not a bound, -1 when all are. */
function firstNonBound(a: ArrayLike<unknown>): number {
  for (let i = 0; i < a.length; i++) if (!isBound(a[i])) return i;
  return -1;
}

/**
 * A bound: one number for every dimension, or one per dimension (an array or a typed array); ±Infinity
 * leaves a dimension unbounded, NaN is rejected. How many entries `dim` needs is checked by {@link resolveBox}.
 */
export const BoundSpec = z.custom<number | ArrayLike<number>>(
  (v) => isBound(v) || (isArrayLike(v) && firstNonBound(v) < 0),
  {
    error: (iss) => {
      const v = iss.input;
      const i = isArrayLike(v) ? firstNonBound(v) : -1;
      return isArrayLike(v) && i >= 0
        ? `expected numbers; entry [${i}] is ${preview(v[i])}`
        : "expected a number (±Infinity: unbounded), or one per dimension";
    },
  },
);
export type BoundSpec = z.input<typeof BoundSpec>;

/** The box-constraint options every optimizer here accepts. */
export const BoxOptions = z.strictObject({
  lower: BoundSpec.optional().describe("lower bounds of the search box (default -Infinity: unbounded)"),
  upper: BoundSpec.optional().describe("upper bounds of the search box (default +Infinity: unbounded)"),
  initLower: BoundSpec.optional().describe(
    "lower end of the initialisation range (default: lower; required where lower is infinite)",
  ),
  initUpper: BoundSpec.optional().describe(
    "upper end of the initialisation range (default: upper; required where upper is infinite)",
  ),
});
export type BoxOptions = z.input<typeof BoxOptions>;

/** The box as options JSON carries it, one entry per dimension (infinite bounds as strings), in `state()`. */
export type BoxJson = Record<keyof BoxOptions, JsonFloat[]>;

/**
 * A resolved search box. In float32 precision, finite bounds are rounded *inward* to float32 values, so
 * a candidate clamped to a bound and stored in a Float32Array is still inside the box exactly; in
 * float64 they are the numbers given.
 */
export interface Box {
  readonly dim: number;
  /** Per-dimension lower bounds (may be -Infinity). */
  readonly lower: Float64Array;
  /** Per-dimension upper bounds (may be +Infinity). */
  readonly upper: Float64Array;
  /** Per-dimension initialisation range, finite and inside the bounds. */
  readonly initLower: Float64Array;
  readonly initUpper: Float64Array;
  /**
   * The per-dimension scale that range-relative settings (mutation σ, polynomial mutation, velocity
   * limits) multiply: `upper - lower` where both bounds are finite, else the initialisation range.
   */
  readonly span: Float64Array;
}

/** An {@link OptionsError} for one option: `owner: path: expected (got value)`. */
function optionError(owner: string, path: string, expected: string, got: unknown): OptionsError {
  return new OptionsError(owner, [{ path, message: `${expected} (got ${preview(got)})` }]);
}

function expand(
  owner: string,
  name: string,
  spec: BoundSpec | undefined,
  dim: number,
  fallback: number,
): Float64Array {
  const out = new Float64Array(dim);
  if (spec === undefined) return out.fill(fallback);
  if (typeof spec === "number") return out.fill(spec);
  if (spec.length !== dim) {
    throw optionError(owner, name, `expected one number, or ${dim} (one per dimension)`, spec);
  }
  for (let d = 0; d < dim; d++) out[d] = spec[d];
  return out;
}

/** Rounds a finite bound inward to float32 (`up` for a lower bound); the identity in float64. */
function inward(x: number, up: boolean, precision: Precision): number {
  if (precision === "float64") return x;
  return up ? float32AtLeast(x) : float32AtMost(x);
}

/**
 * Resolves box options for a `dim`-dimensional search in `precision` (default float64). Throws an
 * {@link OptionsError} naming the option and dimension: `ParticleSwarm: lower[2]: expected < upper[2] = 1 (got 3)`.
 */
export function resolveBox(
  owner: string,
  dim: number,
  options: BoxOptions,
  precision: Precision = "float64",
): Box {
  const o = parseOptions(owner, BoxOptions, options);
  const lower = expand(owner, "lower", o.lower, dim, Number.NEGATIVE_INFINITY);
  const upper = expand(owner, "upper", o.upper, dim, Number.POSITIVE_INFINITY);
  const initLower = expand(owner, "initLower", o.initLower, dim, Number.NaN);
  const initUpper = expand(owner, "initUpper", o.initUpper, dim, Number.NaN);
  const span = new Float64Array(dim);
  for (let d = 0; d < dim; d++) {
    const lo = `lower[${d}]`;
    const hi = `upper[${d}]`;
    if (lower[d] === Number.POSITIVE_INFINITY) throw optionError(owner, lo, "expected < Infinity", lower[d]);
    if (upper[d] === Number.NEGATIVE_INFINITY) throw optionError(owner, hi, "expected > -Infinity", upper[d]);
    if (!(lower[d] < upper[d])) throw optionError(owner, lo, `expected < ${hi} = ${upper[d]}`, lower[d]);
    const given = upper[d];
    if (Number.isFinite(lower[d])) lower[d] = inward(lower[d], true, precision);
    if (Number.isFinite(upper[d])) upper[d] = inward(upper[d], false, precision);
    if (!(lower[d] < upper[d])) {
      throw optionError(owner, hi, `expected a float32 step or more above ${lo} = ${lower[d]}`, given);
    }
    if (Number.isNaN(initLower[d])) initLower[d] = lower[d];
    if (Number.isNaN(initUpper[d])) initUpper[d] = upper[d];
    const finite = "expected a finite number: give finite lower/upper bounds or initLower/initUpper";
    if (!Number.isFinite(initLower[d])) throw optionError(owner, `initLower[${d}]`, finite, initLower[d]);
    if (!Number.isFinite(initUpper[d])) throw optionError(owner, `initUpper[${d}]`, finite, initUpper[d]);
    initLower[d] = inward(initLower[d], true, precision);
    initUpper[d] = inward(initUpper[d], false, precision);
    if (!(initLower[d] < initUpper[d])) {
      throw optionError(
        owner,
        `initLower[${d}]`,
        `expected < initUpper[${d}] = ${initUpper[d]}`,
        initLower[d],
      );
    }
    if (initLower[d] < lower[d]) {
      throw optionError(owner, `initLower[${d}]`, `expected >= ${lo} = ${lower[d]}`, initLower[d]);
    }
    if (initUpper[d] > upper[d]) {
      throw optionError(owner, `initUpper[${d}]`, `expected <= ${hi} = ${upper[d]}`, initUpper[d]);
    }
    span[d] =
      Number.isFinite(lower[d]) && Number.isFinite(upper[d])
        ? upper[d] - lower[d]
        : initUpper[d] - initLower[d];
  }
  return { dim, lower, upper, initLower, initUpper, span };
}

/** The box as options JSON can carry (infinite bounds written as strings), for `state()`. */
export function boxToJson(box: Box): BoxJson {
  return {
    lower: floatsToJson(box.lower),
    upper: floatsToJson(box.upper),
    initLower: floatsToJson(box.initLower),
    initUpper: floatsToJson(box.initUpper),
  };
}

/** Reads box options written by {@link boxToJson} back into {@link BoxOptions}. */
export function boxFromJson(owner: string, json: object, dim: number): Record<keyof BoxJson, Float64Array> {
  if (!Number.isInteger(dim) || dim < 1)
    throw new TypeError(`${owner}: state.dim must be an integer >= 1, got ${dim}`);
  const fields = json as Record<string, unknown>;
  const read = (name: keyof BoxJson) => floatsFromJson(owner, `options.${name}`, fields[name], dim);
  return {
    lower: read("lower"),
    upper: read("upper"),
    initLower: read("initLower"),
    initUpper: read("initUpper"),
  };
}

/** Clamps `x` into the box, in place (a no-op on unbounded dimensions). */
export function clampToBox(x: Vector, lower: Float64Array, upper: Float64Array): void {
  for (let d = 0; d < x.length; d++) {
    const v = x[d];
    if (v < lower[d]) x[d] = lower[d];
    else if (v > upper[d]) x[d] = upper[d];
  }
}

/** Fills `x` (length dim) uniformly inside the initialisation range, drawing `dim` uniforms from `rng`. */
export function sampleInBox(
  x: Vector,
  initLower: Float64Array,
  initUpper: Float64Array,
  rng: { float(): number },
): void {
  for (let d = 0; d < x.length; d++) x[d] = initLower[d] + (initUpper[d] - initLower[d]) * rng.float();
}
