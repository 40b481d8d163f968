import * as z from "zod";
import { branch } from "./schema-walk.ts";
import { declaredRange, type SearchRange, type SearchSpace } from "./search-range.ts";

/** The range declared on a schema or on any wrapper around it (optional, default, pipe), outermost first. */
function rangeOn(schema: z.core.$ZodType | undefined): SearchRange | undefined {
  let s = schema;
  for (let i = 0; i < 16 && s; i++) {
    const range = declaredRange(s);
    if (range) return range;
    const def = s._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    s = def.innerType ?? (s instanceof z.ZodPipe ? def.in : undefined);
  }
  return undefined;
}

/** The object schema (after wrappers, in the branch `value` belongs to) whose keys a walk visits. */
function objectOf(schema: z.core.$ZodType | undefined, value: unknown): z.ZodObject | undefined {
  let s = schema;
  for (let i = 0; i < 16 && s; i++) {
    const b = branch(s, value);
    if (b instanceof z.ZodObject) return b;
    const def = (b ?? s)._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    s = def.innerType ?? (b instanceof z.ZodPipe ? def.in : undefined);
  }
  return undefined;
}

/** Whether a value of the config can be replaced by draws of the range (a number by numbers, …). */
function fits(range: SearchRange, value: unknown): boolean {
  if ("values" in range) return range.values.every((v) => typeof v === typeof value);
  return typeof value === "number";
}

/**
 * The default search space of a config: every option, at any depth, whose schema declares a range
 * (`searchable`) and whose value in `config` (parsed, defaults filled in) the range can replace, or
 * which is left out (an optional number whose default is computed later). Blocks the config leaves out
 * are not entered, and a numeric range over a value that is not a number (a learning-rate schedule) is
 * not searched: the space follows the config it tunes.
 *
 * @example
 * ```ts
 * import * as z from "zod";
 * import { searchable, searchSpaceOf } from "@arena/options";
 * const Sgd = z.strictObject({
 *   lr: searchable(z.number().positive().default(0.01), { low: 1e-4, high: 1, scale: "log" }),
 *   nesterov: z.boolean().default(false),
 * });
 * console.log(searchSpaceOf(Sgd, Sgd.parse({}))); // { lr: { low: 0.0001, high: 1, scale: "log", integer: false } }
 * ```
 */
export function searchSpaceOf(schema: z.ZodType, config: unknown): SearchSpace {
  const space: Record<string, SearchRange> = {};
  const walk = (s: z.core.$ZodType | undefined, value: unknown, path: string, depth: number) => {
    if (depth > 16) return;
    const object = objectOf(s, value);
    if (!object || value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(object.shape)) {
      const v = (value as Record<string, unknown>)[key];
      const at = path ? `${path}.${key}` : key;
      const range = rangeOn(child as z.core.$ZodType);
      // A left-out option with a range is a leaf whose default the program computes (CMA-ES's σ0).
      if (range && (v === undefined || fits(range, v))) space[at] = range;
      else if (v !== undefined) walk(child as z.core.$ZodType, v, at, depth + 1);
    }
  };
  walk(schema, config, "", 0);
  return space;
}
