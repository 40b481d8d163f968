import { floatsFromJson, floatsToJson, type JsonFloat } from "./float-json.ts";

/** A bound: one number for every dimension, or one per dimension. */
export type BoundSpec = number | ArrayLike<number>;

/** The box-constraint options every optimizer here accepts. */
export interface BoxOptions {
  /** Lower bounds of the search box (default: unbounded, -Infinity). */
  lower?: BoundSpec;
  /** Upper bounds of the search box (default: unbounded, +Infinity). */
  upper?: BoundSpec;
  /** Lower end of the initialisation range (default: `lower`; required where `lower` is infinite). */
  initLower?: BoundSpec;
  /** Upper end of the initialisation range (default: `upper`; required where `upper` is infinite). */
  initUpper?: BoundSpec;
}

/** The option names of {@link BoxOptions}, for unknown-key checks. */
export const BOX_OPTION_KEYS = ["lower", "upper", "initLower", "initUpper"] as const;

/**
 * A resolved search box. Finite bounds are rounded *inward* to float32 values, so a candidate clamped to
 * a bound and stored in a Float32Array is still inside the box exactly.
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

const f32 = new Float32Array(1);
const f32Bits = new Int32Array(f32.buffer);

/** The float32 one step from `f` (a float32) towards +Infinity (`up`) or -Infinity. */
function nextFloat32(f: number, up: boolean): number {
  if (f === 0) return up ? 2 ** -149 : -(2 ** -149);
  f32[0] = f;
  f32Bits[0] += f > 0 === up ? 1 : -1;
  return f32[0];
}

/** The smallest float32 >= x (finite x). */
function float32AtLeast(x: number): number {
  const f = Math.fround(x);
  return f < x ? nextFloat32(f, true) : f;
}

/** The largest float32 <= x (finite x). */
function float32AtMost(x: number): number {
  const f = Math.fround(x);
  return f > x ? nextFloat32(f, false) : f;
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
  if (typeof spec === "number") {
    if (Number.isNaN(spec)) throw new RangeError(`${owner}: ${name} must be a number, got NaN`);
    return out.fill(spec);
  }
  if (spec === null || typeof spec !== "object" || typeof spec.length !== "number") {
    throw new TypeError(
      `${owner}: ${name} must be a number or an array of ${dim} numbers, got ${String(spec)}`,
    );
  }
  if (spec.length !== dim) {
    throw new RangeError(`${owner}: ${name} has ${spec.length} entries, expected dim = ${dim}`);
  }
  for (let d = 0; d < dim; d++) {
    const v = spec[d];
    if (typeof v !== "number" || Number.isNaN(v)) {
      throw new RangeError(`${owner}: ${name}[${d}] must be a number, got ${String(v)}`);
    }
    out[d] = v;
  }
  return out;
}

/**
 * Resolves box options for a `dim`-dimensional search. Errors name the option and dimension:
 * `ParticleSwarm: lower[2] (3) must be < upper[2] (1)`.
 */
export function resolveBox(owner: string, dim: number, options: BoxOptions): Box {
  const lower = expand(owner, "lower", options.lower, dim, Number.NEGATIVE_INFINITY);
  const upper = expand(owner, "upper", options.upper, dim, Number.POSITIVE_INFINITY);
  const initLower = expand(owner, "initLower", options.initLower, dim, Number.NaN);
  const initUpper = expand(owner, "initUpper", options.initUpper, dim, Number.NaN);
  const span = new Float64Array(dim);
  for (let d = 0; d < dim; d++) {
    if (lower[d] === Number.POSITIVE_INFINITY)
      throw new RangeError(`${owner}: lower[${d}] must be < Infinity`);
    if (upper[d] === Number.NEGATIVE_INFINITY)
      throw new RangeError(`${owner}: upper[${d}] must be > -Infinity`);
    if (!(lower[d] < upper[d])) {
      throw new RangeError(`${owner}: lower[${d}] (${lower[d]}) must be < upper[${d}] (${upper[d]})`);
    }
    if (Number.isFinite(lower[d])) lower[d] = float32AtLeast(lower[d]);
    if (Number.isFinite(upper[d])) upper[d] = float32AtMost(upper[d]);
    if (!(lower[d] < upper[d])) {
      throw new RangeError(`${owner}: bounds of dimension ${d} are narrower than float32 resolution`);
    }
    if (Number.isNaN(initLower[d])) initLower[d] = lower[d];
    if (Number.isNaN(initUpper[d])) initUpper[d] = upper[d];
    if (!Number.isFinite(initLower[d]) || !Number.isFinite(initUpper[d])) {
      throw new RangeError(
        `${owner}: the initialisation range of dimension ${d} is [${initLower[d]}, ${initUpper[d]}]; ` +
          "give finite lower/upper bounds or initLower/initUpper",
      );
    }
    initLower[d] = float32AtLeast(initLower[d]);
    initUpper[d] = float32AtMost(initUpper[d]);
    if (!(initLower[d] < initUpper[d])) {
      throw new RangeError(
        `${owner}: initLower[${d}] (${initLower[d]}) must be < initUpper[${d}] (${initUpper[d]})`,
      );
    }
    if (initLower[d] < lower[d] || initUpper[d] > upper[d]) {
      throw new RangeError(
        `${owner}: initialisation range [${initLower[d]}, ${initUpper[d]}] of dimension ${d} must lie inside the bounds [${lower[d]}, ${upper[d]}]`,
      );
    }
    span[d] =
      Number.isFinite(lower[d]) && Number.isFinite(upper[d])
        ? upper[d] - lower[d]
        : initUpper[d] - initLower[d];
  }
  return { dim, lower, upper, initLower, initUpper, span };
}

/** The box as options JSON can carry (infinite bounds written as strings), for `state()`. */
export function boxToJson(box: Box): Record<(typeof BOX_OPTION_KEYS)[number], JsonFloat[]> {
  return {
    lower: floatsToJson(box.lower),
    upper: floatsToJson(box.upper),
    initLower: floatsToJson(box.initLower),
    initUpper: floatsToJson(box.initUpper),
  };
}

/** Reads box options written by {@link boxToJson} back into {@link BoxOptions}. */
export function boxFromJson(owner: string, json: object, dim: number): Required<BoxOptions> {
  if (!Number.isInteger(dim) || dim < 1)
    throw new TypeError(`${owner}: state.dim must be an integer >= 1, got ${dim}`);
  const fields = json as Record<string, unknown>;
  const read = (name: (typeof BOX_OPTION_KEYS)[number]) =>
    floatsFromJson(owner, `options.${name}`, fields[name], dim);
  return {
    lower: read("lower"),
    upper: read("upper"),
    initLower: read("initLower"),
    initUpper: read("initUpper"),
  };
}

/** Clamps `x` into the box, in place (a no-op on unbounded dimensions). */
export function clampToBox(x: Float32Array, lower: Float64Array, upper: Float64Array): void {
  for (let d = 0; d < x.length; d++) {
    const v = x[d];
    if (v < lower[d]) x[d] = lower[d];
    else if (v > upper[d]) x[d] = upper[d];
  }
}

/** Fills `x` (length dim) uniformly inside the initialisation range, drawing `dim` uniforms from `rng`. */
export function sampleInBox(
  x: Float32Array,
  initLower: Float64Array,
  initUpper: Float64Array,
  rng: { float(): number },
): void {
  for (let d = 0; d < x.length; d++) x[d] = initLower[d] + (initUpper[d] - initLower[d]) * rng.float();
}
