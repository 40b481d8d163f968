import * as z from "zod";
import { preview, type RecordError, recordError, toRecordIssues } from "./issues.ts";
import { RecordSchemaError } from "./parse-record.ts";

/** Either the document or why it could not be read. */
export type ParseVersionedResult<T> = { ok: true; value: T } | { ok: false; error: RecordError };

/**
 * Parses the text of a versioned JSON document (`report.json`, `compare.json`): JSON, then a `schema`
 * tag this reader knows, then the schema (which decodes non-finite number tokens). Never throws.
 */
export function parseVersionedJson<S extends z.ZodType>(
  text: string,
  schema: S,
  tag: string,
): ParseVersionedResult<z.output<S>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = `(record): not valid JSON (${e instanceof Error ? e.message : String(e)})`;
    return { ok: false, error: recordError("json", [{ path: "(record)", message }]) };
  }
  try {
    if (value !== null && typeof value === "object" && Object.hasOwn(value, "schema")) {
      const found = (value as { schema: unknown }).schema;
      if (typeof found === "string" && found !== tag) {
        const message = `schema: unknown schema version ${preview(found)}; this reader knows "${tag}"`;
        return { ok: false, error: recordError("version", [{ path: "schema", message }]) };
      }
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, error: recordError("invalid", toRecordIssues(parsed.error.issues, value)) };
  } catch (e) {
    const message = `(record): could not be checked: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, error: recordError("invalid", [{ path: "(record)", message }]) };
  }
}

/** Validates a document and writes it as indented JSON (non-finite numbers as tokens); throws on a bad one, naming `owner`. */
export function serializeVersionedJson<S extends z.ZodType>(
  schema: S,
  value: z.output<S>,
  owner: string,
): string {
  try {
    return `${JSON.stringify(z.encode(schema, value), null, 2)}\n`;
  } catch (e) {
    if (e instanceof z.ZodError) {
      throw new RecordSchemaError(owner, recordError("invalid", toRecordIssues(e.issues, value)));
    }
    throw e;
  }
}
