import * as z from "zod";
import { preview, type RecordError, recordError, toRecordIssues } from "./issues.ts";
import { RUN_SCHEMA, type RunRecord, runRecordSchema } from "./run-record.ts";

/** Either the record or why it could not be read. Never throws. */
export type ParseRecordResult = { ok: true; record: RunRecord } | { ok: false; error: RecordError };

/**
 * Checks an already-parsed JSON value against the run record schema and decodes the number tokens
 * (`"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"`). A record with another `schema` tag is refused with
 * kind `version`, so a reader can count and skip records written by a newer (or older) harness.
 */
export function parseRecordValue(value: unknown): ParseRecordResult {
  try {
    if (
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      Object.hasOwn(value, "schema")
    ) {
      const tag = (value as { schema: unknown }).schema;
      if (typeof tag === "string" && tag !== RUN_SCHEMA) {
        const message = `schema: unknown schema version ${preview(tag)}; this reader knows "${RUN_SCHEMA}"`;
        return { ok: false, error: recordError("version", [{ path: "schema", message }]) };
      }
    }
    const parsed = runRecordSchema.safeParse(value);
    if (parsed.success) return { ok: true, record: parsed.data };
    return { ok: false, error: recordError("invalid", toRecordIssues(parsed.error.issues, value)) };
  } catch (e) {
    // Pathological input (e.g. nesting deep enough to exhaust the stack) must not escape as a throw.
    const message = `(record): could not be checked: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, error: recordError("invalid", [{ path: "(record)", message }]) };
  }
}

/**
 * Parses one line of `results.jsonl` into a run record, or explains what is wrong with it (kind,
 * path, message and the value found). Never throws.
 *
 * @example
 * ```ts
 * import { parseRecord } from "@arena/results";
 * const r = parseRecord('{"schema":"arena.run/1","runId":""}');
 * if (!r.ok) console.log(r.error.kind, r.error.issues[0].message); // invalid runId: Too small: …
 * ```
 */
export function parseRecord(line: string): ParseRecordResult {
  if (typeof line !== "string") {
    const message = `(record): expected a line of text, got ${preview(line)}`;
    return { ok: false, error: recordError("json", [{ path: "(record)", message }]) };
  }
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    const message = `(record): not valid JSON (${e instanceof Error ? e.message : String(e)})`;
    return { ok: false, error: recordError("json", [{ path: "(record)", message }]) };
  }
  return parseRecordValue(value);
}

/** Thrown by {@link serializeRecord} when the record breaks the schema. */
export class RecordSchemaError extends Error {
  readonly error: RecordError;
  constructor(fn: string, error: RecordError) {
    super(`${fn}: ${error.message}`);
    this.name = "RecordSchemaError";
    this.error = error;
  }
}

/**
 * Validates a record and writes it as one JSON line (no newline inside, none at the end: the writer
 * appends `\n`). Non-finite numbers and -0 become `"NaN"`/`"Infinity"`/`"-Infinity"`/`"-0"`; U+2028/U+2029 are
 * escaped so that no line splitter breaks the line. Throws {@link RecordSchemaError} naming every bad
 * field, so a broken record never reaches the file.
 */
export function serializeRecord(record: RunRecord): string {
  let encoded: unknown;
  try {
    encoded = z.encode(runRecordSchema, record);
  } catch (e) {
    if (e instanceof z.ZodError) {
      throw new RecordSchemaError(
        "serializeRecord",
        recordError("invalid", toRecordIssues(e.issues, record)),
      );
    }
    throw e;
  }
  return JSON.stringify(encoded)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
