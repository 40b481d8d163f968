/**
 * Validation shared by optimizer and schedule configs. Every error names the owner, the option and the
 * bad value, and says what was expected, so a typo in a JSON suite file fails loudly at start-up.
 */

/** An interval for a numeric option: `[min, max]`, either end open when its flag says so. */
export interface Interval {
  readonly min: number;
  readonly max: number;
  readonly minOpen?: boolean;
  readonly maxOpen?: boolean;
}

/** `[0, ∞)`: learning rates, weight decay, epsilons. */
export const NON_NEGATIVE: Interval = { min: 0, max: Number.POSITIVE_INFINITY, maxOpen: true };
/** `(0, ∞)`: step sizes, decay factors. */
export const POSITIVE: Interval = { min: 0, max: Number.POSITIVE_INFINITY, minOpen: true, maxOpen: true };
/** `[0, 1)`: β coefficients of moving averages and momentum. */
export const UNIT_HALF_OPEN: Interval = { min: 0, max: 1, maxOpen: true };

function describe(r: Interval): string {
  const hi = r.max === Number.POSITIVE_INFINITY ? "∞" : String(r.max);
  return `${r.minOpen ? "(" : "["}${r.min}, ${hi}${r.maxOpen ? ")" : "]"}`;
}

function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || v === null || v === undefined) return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** Throws unless `options` is a plain object whose keys all appear in `allowed`. */
export function checkKeys(
  owner: string,
  options: unknown,
  allowed: readonly string[],
): Record<string, unknown> {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`${owner}: options must be an object, got ${show(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new RangeError(`${owner}: unknown option "${key}"; expected one of ${allowed.join(", ")}`);
    }
  }
  return options as Record<string, unknown>;
}

/** Reads a finite number option inside `range`, or `fallback` when it is absent (no fallback: required). */
export function numberOption(
  owner: string,
  options: Record<string, unknown>,
  key: string,
  fallback: number | undefined,
  range: Interval,
): number {
  const v = options[key];
  if (v === undefined) {
    if (fallback === undefined)
      throw new RangeError(`${owner}: option ${key} is required (a number in ${describe(range)})`);
    return fallback;
  }
  return checkNumber(owner, key, v, range);
}

/** Throws unless `v` is a finite number inside `range`; returns it. */
export function checkNumber(owner: string, key: string, v: unknown, range: Interval): number {
  if (typeof v !== "number" || Number.isNaN(v)) {
    throw new TypeError(`${owner}: option ${key} must be a number in ${describe(range)}, got ${show(v)}`);
  }
  const tooLow = range.minOpen ? v <= range.min : v < range.min;
  const tooHigh = range.maxOpen ? v >= range.max : v > range.max;
  if (tooLow || tooHigh || !Number.isFinite(v)) {
    throw new RangeError(`${owner}: option ${key} must be in ${describe(range)}, got ${v}`);
  }
  return v;
}

/** Reads an integer option `>= min`, or `fallback` when it is absent (no fallback: required). */
export function integerOption(
  owner: string,
  options: Record<string, unknown>,
  key: string,
  fallback: number | undefined,
  min: number,
): number {
  const v = options[key];
  if (v === undefined) {
    if (fallback === undefined)
      throw new RangeError(`${owner}: option ${key} is required (an integer >= ${min})`);
    return fallback;
  }
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) {
    throw new RangeError(`${owner}: option ${key} must be an integer >= ${min}, got ${show(v)}`);
  }
  return v;
}

/** Reads a boolean option, or `fallback` when it is absent. */
export function booleanOption(
  owner: string,
  options: Record<string, unknown>,
  key: string,
  fallback: boolean,
): boolean {
  const v = options[key];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean")
    throw new TypeError(`${owner}: option ${key} must be true or false, got ${show(v)}`);
  return v;
}
