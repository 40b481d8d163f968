import * as z from "zod";
import { type OptionIssue, OptionsError } from "./options-error.ts";
import { preview } from "./preview.ts";

/** `a.b[0].c`, or "" for the root. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** The schema one step inside `schema` (through optional, default, nullable, pipes, arrays, objects). */
function inner(schema: z.core.$ZodType | undefined, key: PropertyKey): z.core.$ZodType | undefined {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) return s.shape[String(key)] as z.core.$ZodType | undefined;
  if (s instanceof z.ZodArray) return s.element as z.core.$ZodType;
  if (s instanceof z.ZodRecord) return s._zod.def.valueType;
  return undefined;
}

function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let s = schema;
  for (let i = 0; i < 16 && s; i++) {
    const def = s._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.innerType) s = def.innerType;
    else if (s instanceof z.ZodPipe && def.in) s = def.in;
    else break;
  }
  return s;
}

/** The keys an object schema at `path` accepts, to name them when a key is unknown. */
function knownKeys(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let s: z.core.$ZodType | undefined = schema;
  for (const key of path) s = inner(s, key);
  const o = unwrap(s);
  return o instanceof z.ZodObject ? Object.keys(o.shape) : [];
}

/** zod's issues as Arena's: the path, what was expected, and what was found. */
export function toOptionIssues(schema: z.core.$ZodType, issues: readonly z.core.$ZodIssue[]): OptionIssue[] {
  return issues.map((iss) => {
    if (iss.code === "unrecognized_keys") {
      const known = knownKeys(schema, iss.path);
      const keys = iss.keys.map((k) => `"${k}"`).join(", ");
      const expected = known.length > 0 ? `; known keys: ${known.join(", ")}` : "";
      return { path: formatPath(iss.path), message: `unknown key ${keys}${expected}` };
    }
    const got = "input" in iss && iss.input !== undefined ? ` (got ${preview(iss.input)})` : "";
    return { path: formatPath(iss.path), message: `${iss.message}${got}` };
  });
}

/**
 * Validates `input` against `schema` and returns the parsed value (defaults filled in). On any problem
 * throws one {@link OptionsError} listing all of them, each with its path and the value found. `owner`
 * names what is being configured, e.g. "adam" or "GeneticAlgorithm".
 *
 * @example
 * ```ts
 * import * as z from "zod";
 * import { parseOptions } from "@arena/options";
 * const Schema = z.strictObject({ lr: z.number().positive().default(0.01) });
 * console.log(parseOptions("sgd", Schema, {}).lr); // 0.01
 * ```
 */
export function parseOptions<S extends z.ZodType>(owner: string, schema: S, input: unknown): z.output<S> {
  let result: z.ZodSafeParseResult<z.output<S>>;
  try {
    result = schema.safeParse(input, { reportInput: true });
  } catch (e) {
    // A value zod cannot walk (e.g. nested past the engine's stack): say so instead of crashing.
    const why = e instanceof RangeError ? "the value is nested too deeply to check" : String(e);
    throw new OptionsError(owner, [{ path: "", message: why }]);
  }
  if (result.success) return result.data;
  throw new OptionsError(owner, toOptionIssues(schema, result.error.issues));
}
