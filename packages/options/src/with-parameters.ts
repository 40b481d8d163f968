import type { SearchValue } from "./search-range.ts";

/**
 * A copy of `config` with each dotted option path (`optimizer.lr`, `ga.mutation.rate`) set to its value;
 * objects along a path are copied, never changed in place, and created when missing. A path through a
 * value that is not a plain object (a number, an array) is a RangeError naming it.
 *
 * @example
 * ```ts
 * import { withParameters } from "@arena/options";
 * const base = { optimizer: { kind: "adam", lr: 0.001 }, batchSize: 32 };
 * console.log(withParameters(base, { "optimizer.lr": 0.01 }).optimizer); // { kind: "adam", lr: 0.01 }
 * console.log(base.optimizer.lr); // 0.001
 * ```
 */
export function withParameters<T extends Record<string, unknown>>(
  config: T,
  params: Readonly<Record<string, SearchValue>>,
): T {
  const out: Record<string, unknown> = { ...config };
  for (const [path, value] of Object.entries(params)) {
    const keys = path.split(".");
    let node = out;
    keys.forEach((key, i) => {
      if (key === "" || key === "__proto__")
        throw new RangeError(`withParameters: bad option path "${path}"`);
      if (i === keys.length - 1) {
        node[key] = value;
        return;
      }
      const next = node[key];
      if (next !== undefined && (next === null || typeof next !== "object" || Array.isArray(next))) {
        throw new RangeError(
          `withParameters: "${keys.slice(0, i + 1).join(".")}" is ${JSON.stringify(next)}, not an object, so "${path}" cannot be set`,
        );
      }
      const copy = { ...((next as Record<string, unknown> | undefined) ?? {}) };
      node[key] = copy;
      node = copy;
    });
  }
  return out as T;
}
