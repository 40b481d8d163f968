/** Argument checks shared by the statistics, so every function rejects bad input the same way. */

/** Throws unless `xs` is non-empty and holds no NaN (infinities are allowed: e.g. "never reached"). */
export function checkSample(fn: string, name: string, xs: ArrayLike<number>): void {
  if (xs.length === 0) throw new RangeError(`${fn}: ${name} is empty; expected at least one value`);
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (typeof v !== "number" || Number.isNaN(v)) {
      throw new RangeError(`${fn}: ${name}[${i}] is ${String(v)}; expected a number (NaN has no order)`);
    }
  }
}

/** Throws unless `xs` is non-empty and every value is finite. */
export function checkFiniteSample(fn: string, name: string, xs: ArrayLike<number>): void {
  if (xs.length === 0) throw new RangeError(`${fn}: ${name} is empty; expected at least one value`);
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${fn}: ${name}[${i}] is ${String(v)}; expected a finite number`);
    }
  }
}

/** Throws unless `p` is a probability in [0, 1]. */
export function checkProbability(fn: string, name: string, p: number): void {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
    throw new RangeError(`${fn}: ${name} must be in [0, 1], got ${String(p)}`);
  }
}

/** Options objects reject unknown keys, naming the key, so a typo never silently falls back to a default. */
export function checkOptionKeys(fn: string, options: object | undefined, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${fn}: options must be an object, got ${String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`${fn}: unknown option "${key}"; expected one of ${allowed.join(", ")}`);
    }
  }
}
