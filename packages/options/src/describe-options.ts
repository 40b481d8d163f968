import * as z from "zod";

/** One option of a schema, for documentation and `arena list --json`. */
export interface OptionDoc {
  readonly key: string;
  /** JSON Schema type(s), or the allowed values of an enum. */
  readonly type: string;
  readonly default?: unknown;
  readonly description?: string;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  readonly exclusiveMaximum?: number;
  readonly values?: readonly unknown[];
}

/**
 * The top-level options of an object schema as a table: key, type, default, limits and description
 * (from `.describe()` / `.meta({ description })`), read from zod's JSON Schema so the docs cannot drift
 * from the validation.
 */
export function describeOptions(schema: z.ZodType): OptionDoc[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", reused: "inline" }) as {
    properties?: Record<string, Record<string, unknown>>;
  };
  return Object.entries(json.properties ?? {}).map(([key, p]) => {
    const values = Array.isArray(p.enum) ? (p.enum as unknown[]) : undefined;
    const num = (v: unknown) =>
      typeof v === "number" && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined;
    const minimum = num(p.minimum);
    const maximum = num(p.maximum);
    const exclusiveMinimum = num(p.exclusiveMinimum);
    const exclusiveMaximum = num(p.exclusiveMaximum);
    return {
      key,
      type: values ? "enum" : typeOf(p),
      ...(p.default !== undefined ? { default: p.default } : {}),
      ...(typeof p.description === "string" ? { description: p.description } : {}),
      ...(minimum !== undefined ? { minimum } : {}),
      ...(exclusiveMinimum !== undefined ? { exclusiveMinimum } : {}),
      ...(maximum !== undefined ? { maximum } : {}),
      ...(exclusiveMaximum !== undefined ? { exclusiveMaximum } : {}),
      ...(values ? { values } : {}),
    };
  });
}

/** A JSON Schema node's type in words: `number`, `integer | string`, `number | object` for a union. */
function typeOf(p: Record<string, unknown>): string {
  if (Array.isArray(p.type)) return p.type.join(" | ");
  if (typeof p.type === "string") return p.type;
  const branches = (p.anyOf ?? p.oneOf) as Record<string, unknown>[] | undefined;
  if (Array.isArray(branches)) return [...new Set(branches.map(typeOf))].join(" | ");
  if (p.const !== undefined) return JSON.stringify(p.const);
  return "any";
}
