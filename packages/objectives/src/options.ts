/**
 * Option checks shared by the optimizers, so every one rejects a bad option the same way and names it:
 * `GeneticAlgorithm: populationSize must be an integer >= 2, got 1`.
 */

/** Throws unless `value` is a plain (non-array) object. */
export function checkOptionsObject(owner: string, name: string, value: unknown): asserts value is object {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`${owner}: ${name} must be an object, got ${value === null ? "null" : typeof value}`);
  }
}

/** Rejects keys not in `allowed`, naming the key: a typo never silently falls back to a default. */
export function checkOptionKeys(
  owner: string,
  name: string,
  value: object,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`${owner}: unknown ${name} key "${key}"; expected one of ${allowed.join(", ")}`);
    }
  }
}

/** An integer in [min, max], or `fallback` when `value` is undefined. */
export function integerOption(
  owner: string,
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${owner}: ${name} must be an integer ${range}, got ${String(value)}`);
  }
  return value;
}

/** Limits for {@link numberOption}. */
export interface NumberLimits {
  min?: number;
  max?: number;
  /** When true, `value` must be strictly greater than `min`. */
  exclusiveMin?: boolean;
}

/** A finite number within the limits, or `fallback` when `value` is undefined. */
export function numberOption(
  owner: string,
  name: string,
  value: unknown,
  fallback: number,
  limits: NumberLimits = {},
): number {
  if (value === undefined) return fallback;
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY, exclusiveMin = false } = limits;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (exclusiveMin ? value > min : value >= min) &&
    value <= max;
  if (!ok) {
    const parts: string[] = [];
    if (min !== Number.NEGATIVE_INFINITY) parts.push(`${exclusiveMin ? ">" : ">="} ${min}`);
    if (max !== Number.POSITIVE_INFINITY) parts.push(`<= ${max}`);
    const range = parts.length > 0 ? ` ${parts.join(" and ")}` : "";
    throw new RangeError(`${owner}: ${name} must be a finite number${range}, got ${String(value)}`);
  }
  return value as number;
}

/** A probability in [0, 1], or `fallback` when `value` is undefined. */
export function probabilityOption(owner: string, name: string, value: unknown, fallback: number): number {
  return numberOption(owner, name, value, fallback, { min: 0, max: 1 });
}
