import * as z from "zod";

/** The schema one step inside `schema` (through optional, default, nullable, pipes, arrays, objects, unions). */
export function inner(
  schema: z.core.$ZodType | undefined,
  key: PropertyKey,
  value: unknown,
): z.core.$ZodType | undefined {
  const s = branch(unwrap(schema), value);
  if (s instanceof z.ZodObject) return s.shape[String(key)] as z.core.$ZodType | undefined;
  if (s instanceof z.ZodArray) return s.element as z.core.$ZodType;
  if (s instanceof z.ZodRecord) return s._zod.def.valueType;
  return undefined;
}

export function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let s = schema;
  for (let i = 0; i < 16 && s; i++) {
    const def = s._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.innerType) s = def.innerType;
    else if (s instanceof z.ZodPipe && def.in) s = def.in;
    else break;
  }
  return s;
}

/**
 * The option of a union that `value` was meant for: the one whose discriminator literal matches, else
 * the only object option; the schema itself when it is no union.
 */
export function branch(schema: z.core.$ZodType | undefined, value: unknown): z.core.$ZodType | undefined {
  if (!(schema instanceof z.ZodUnion)) return schema;
  const options = (schema.options as z.core.$ZodType[]).map(unwrap);
  const objects = options.filter((o): o is z.ZodObject => o instanceof z.ZodObject);
  const disc = (schema._zod.def as { discriminator?: string }).discriminator;
  if (disc && value !== null && typeof value === "object") {
    const tag = (value as Record<string, unknown>)[disc];
    const hit = objects.find((o) => {
      const lit = unwrap(o.shape[disc] as z.core.$ZodType | undefined);
      return lit instanceof z.ZodLiteral && lit.values.has(tag as never);
    });
    if (hit) return hit;
  }
  return objects.length === 1 ? objects[0] : schema;
}
