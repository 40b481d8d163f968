import * as z from "zod";

/** One option of a schema, for documentation and `arena list --json`. */
export interface OptionDoc {
  readonly key: string;
  /** JSON Schema type(s), or the allowed values of an enum. */
  readonly type: string;
  readonly default?: unknown;
  readonly description?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly values?: readonly unknown[];
}

/**
 * The top-level options of an object schema as a table: key, type, default, limits and description
 * (from `.describe()` / `.meta({ description })`), read from zod's JSON Schema so the docs cannot drift
 * from the validation.
 */
export function describeOptions(schema: z.ZodType): OptionDoc[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, Record<string, unknown>>;
  };
  return Object.entries(json.properties ?? {}).map(([key, p]) => {
    const values = Array.isArray(p.enum) ? (p.enum as unknown[]) : undefined;
    const type = values ? "enum" : Array.isArray(p.type) ? p.type.join(" | ") : String(p.type ?? "any");
    return {
      key,
      type,
      ...(p.default !== undefined ? { default: p.default } : {}),
      ...(typeof p.description === "string" ? { description: p.description } : {}),
      ...(typeof p.minimum === "number" ? { minimum: p.minimum } : {}),
      ...(typeof p.exclusiveMinimum === "number" ? { minimum: p.exclusiveMinimum } : {}),
      ...(typeof p.maximum === "number" ? { maximum: p.maximum } : {}),
      ...(values ? { values } : {}),
    };
  });
}
