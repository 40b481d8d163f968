/**
 * Argument checks shared by the statistics, so every function rejects bad input the same way: one
 * `OptionsError` (a RangeError, from @arena/options), `owner: path: what was expected (got value)`, as
 * for the options objects (`options.ts`).
 */
import { OptionsError, preview } from "@arena/options";

/** Throws `owner: path: expected (got value)`. */
export function badArgument(owner: string, path: string, expected: string, got: unknown): never {
  return fail(owner, path, `${expected} (got ${preview(got)})`);
}

/** Throws `owner: path: message`, for a message that says what it got in its own words. */
export function fail(owner: string, path: string, message: string): never {
  throw new OptionsError(owner, [{ path, message }]);
}

/** Throws unless `xs` is non-empty and holds no NaN (infinities are allowed: e.g. "never reached"). */
export function checkSample(owner: string, name: string, xs: ArrayLike<number>): void {
  if (xs.length === 0) badArgument(owner, name, "expected at least one value", []);
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (typeof v !== "number" || Number.isNaN(v)) {
      badArgument(owner, `${name}[${i}]`, "expected a number other than NaN", v);
    }
  }
}

/** Throws unless `xs` is non-empty and every value is finite. */
export function checkFiniteSample(owner: string, name: string, xs: ArrayLike<number>): void {
  if (xs.length === 0) badArgument(owner, name, "expected at least one value", []);
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (typeof v !== "number" || !Number.isFinite(v))
      badArgument(owner, `${name}[${i}]`, "expected a finite number", v);
  }
}

/** Throws unless `p` is a probability in [0, 1]. */
export function checkProbability(owner: string, name: string, p: number): void {
  if (typeof p !== "number" || !(p >= 0 && p <= 1))
    badArgument(owner, name, "expected a probability in [0, 1]", p);
}

/** Throws unless `n` is an integer >= `min`. */
export function checkInteger(owner: string, name: string, n: number, min: number): void {
  if (typeof n !== "number" || !Number.isInteger(n) || n < min)
    badArgument(owner, name, `expected an integer >= ${min}`, n);
}
