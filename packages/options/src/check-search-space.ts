import * as z from "zod";
import { type OptionIssue, OptionsError } from "./options-error.ts";
import { toOptionIssues } from "./parse-options.ts";
import { preview } from "./preview.ts";
import { branch, inner, unwrap } from "./schema-walk.ts";
import type { SearchSpace, SearchValue } from "./search-range.ts";
import { withParameters } from "./with-parameters.ts";

/** The keys of the object schema reached by following `keys` from `schema` along `config`, or null. */
function optionsAlong(schema: z.ZodType, config: unknown, keys: string[]): string[] | null {
  let s: z.core.$ZodType | undefined = schema;
  let v = config;
  for (const key of keys) {
    s = inner(s, key, v);
    if (!s) return null;
    v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  }
  const o = branch(unwrap(s), v);
  return o instanceof z.ZodObject ? Object.keys(o.shape) : [];
}

/** The values of a range that must each be a valid option value: its ends, or every listed value. */
function probes(range: SearchSpace[string]): SearchValue[] {
  return "values" in range ? range.values : [range.low, range.high];
}

/**
 * Checks a search space against the options it searches: every path names an option of `schema` (for
 * the given `config`), and both ends of every interval (every listed value) are values the option
 * accepts, so no trial can be refused. Throws one {@link OptionsError} naming each bad path, e.g.
 * `adam search: optimizer.lr: high: expected number to be <=… (got 20)`.
 *
 * @example
 * ```ts
 * import * as z from "zod";
 * import { checkSearchSpace } from "@arena/options";
 * const Sgd = z.strictObject({ lr: z.number().positive().max(10).default(0.01) });
 * checkSearchSpace("sgd search", Sgd, {}, { lr: { low: 1e-3, high: 1, scale: "log", integer: false } });
 * ```
 */
export function checkSearchSpace(
  owner: string,
  schema: z.ZodType,
  config: Record<string, unknown>,
  space: SearchSpace,
): void {
  const issues: OptionIssue[] = [];
  for (const [path, range] of Object.entries(space)) {
    const keys = path.split(".");
    const known = optionsAlong(schema, config, keys.slice(0, -1));
    const last = keys[keys.length - 1];
    if (keys.some((k) => k === "" || k === "__proto__") || !known?.includes(last)) {
      const hint = known && known.length > 0 ? `; options there: ${known.join(", ")}` : "";
      issues.push({ path, message: `no such option${hint}` });
      continue;
    }
    for (const value of probes(range)) {
      const input = withParameters(config, { [path]: value });
      const r = schema.safeParse(input, { reportInput: true });
      if (r.success) continue;
      const where = "values" in range ? `value ${preview(value)}` : value === range.low ? "low" : "high";
      for (const i of toOptionIssues(schema, r.error.issues, input))
        issues.push({
          path,
          message: `${where}: ${i.path && i.path !== path ? `${i.path}: ` : ""}${i.message}`,
        });
    }
  }
  if (issues.length > 0) throw new OptionsError(owner, issues);
}
