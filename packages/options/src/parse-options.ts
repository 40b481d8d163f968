import * as z from "zod";
import { type OptionIssue, OptionsError } from "./options-error.ts";
import { preview } from "./preview.ts";
import { branch, inner, unwrap } from "./schema-walk.ts";

/**
 * `a.b[0].c`, or "" for the root. Keys that are not plain identifiers are quoted (shortened when long),
 * and a path longer than 120 characters keeps its start and end, so a message stays one short line.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") {
      out += `[${p}]`;
      continue;
    }
    const text = String(p);
    const key = /^[A-Za-z_$][\w$]*$/.test(text)
      ? text
      : JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text);
    out += out ? `.${key}` : key;
  }
  return out.length > 120 ? `${out.slice(0, 60)}…${out.slice(-40)}` : out;
}

/** The keys an object schema at `path` accepts (for the value given), to name them when a key is unknown. */
function knownKeys(schema: z.core.$ZodType, path: readonly PropertyKey[], input: unknown): string[] {
  let s: z.core.$ZodType | undefined = schema;
  let v = input;
  for (const key of path) {
    s = inner(s, key, v);
    v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  }
  const o = branch(unwrap(s), v);
  return o instanceof z.ZodObject ? Object.keys(o.shape) : [];
}

/**
 * For a value that matches no branch of a plain union (e.g. "a number or a schedule object"), the
 * issues of the branch it came closest to: the one whose problems lie deepest inside the value (it got
 * furthest), then the one with fewest problems; null when no branch says more than "wrong type".
 */
function closestBranch(iss: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | null {
  const depth = (issues: z.core.$ZodIssue[]) => Math.max(0, ...issues.map((i) => i.path.length));
  const ranked = iss.errors
    .filter((b) => b.length > 0)
    .sort((a, b) => depth(b) - depth(a) || a.length - b.length);
  const best = ranked[0];
  if (!best || (depth(best) === 0 && best.every((i) => i.code === "invalid_type"))) return null;
  return best.map((i) => ({ ...i, path: [...iss.path, ...i.path] }));
}

/** The value at `path` inside `input`, or undefined. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** zod's issues as Arena's: the path, what was expected, and what was found. */
export function toOptionIssues(
  schema: z.core.$ZodType,
  issues: readonly z.core.$ZodIssue[],
  input?: unknown,
): OptionIssue[] {
  return issues.flatMap((iss) => {
    // A union's own message (set by its schema) says more than any one branch; zod's default does not.
    const closest =
      iss.code === "invalid_union" && iss.message === "Invalid input" ? closestBranch(iss) : null;
    if (closest) return toOptionIssues(schema, closest, input);
    const path = formatPath(iss.path);
    if (iss.code === "unrecognized_keys") {
      const known = knownKeys(schema, iss.path, input);
      const keys = iss.keys.map((k) => `"${k}"`).join(", ");
      const expected = known.length > 0 ? `; known keys: ${known.join(", ")}` : "";
      return { path, message: `unknown key ${keys}${expected}` };
    }
    // The value found, read from the input at the issue's path (zod reports the enclosing object for a
    // bad discriminator); a missing value is "required".
    // The issue's own input is what its check looked at (a custom rule may set it, e.g. a sum); for a bad
    // discriminator zod gives the enclosing object, so the value at the path is shown instead.
    const own = "input" in iss ? iss.input : undefined;
    const discriminator = iss.code === "invalid_union" && "discriminator" in iss;
    const found = own !== undefined && !discriminator ? own : valueAt(input, iss.path);
    if (found === undefined && iss.code === "invalid_type") {
      return { path, message: `required: expected ${iss.expected}` };
    }
    if (found === undefined && iss.code === "invalid_value") {
      return { path, message: `required: ${iss.message.replace(/^Invalid option: /, "")}` };
    }
    // A custom message may already say what it got.
    const got = found !== undefined && !iss.message.includes("(got ") ? ` (got ${preview(found)})` : "";
    return { path, message: `${iss.message}${got}` };
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
  // No options at all means "all defaults" for an options object.
  const given = input === undefined && unwrap(schema) instanceof z.ZodObject ? {} : input;
  try {
    result = schema.safeParse(given, { reportInput: true });
  } catch (e) {
    // A value zod cannot walk (e.g. nested past the engine's stack): say so instead of crashing.
    const why = e instanceof RangeError ? "the value is nested too deeply to check" : String(e);
    throw new OptionsError(owner, [{ path: "", message: why }]);
  }
  if (result.success) return result.data;
  throw new OptionsError(owner, toOptionIssues(schema, result.error.issues, given));
}
