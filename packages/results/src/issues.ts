import type * as z from "zod";

/** One thing wrong with a record: where, what, and the value found there. */
export interface RecordIssue {
  /** Dotted path into the record, e.g. `trace[3].flops`; `(record)` for the record itself. */
  path: string;
  message: string;
}

/** Why a line or value could not be read as a record. */
export interface RecordError {
  /** `json`: not JSON; `version`: another schema version; `invalid`: JSON that breaks the schema. */
  kind: "json" | "version" | "invalid";
  /** All issues in one line: `trace[3].flops: expected number, got "abc"; …`. */
  message: string;
  issues: RecordIssue[];
}

/** `["trace", 3, "flops"]` → `trace[3].flops`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else {
      const k = String(key);
      out += /^[A-Za-z_$][\w$]*$/.test(k) ? (out === "" ? k : `.${k}`) : `[${JSON.stringify(k)}]`;
    }
  }
  return out === "" ? "(record)" : out;
}

/** The value at `path` inside `root`, looking only at own properties; `undefined` if absent. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    if (!Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** A short, safe rendering of a value for an error message. */
export function preview(v: unknown): string {
  if (v === undefined) return "nothing (the field is missing)";
  if (typeof v === "number") return String(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "function" || typeof v === "symbol") return typeof v;
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = Object.prototype.toString.call(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Turns zod's issues into path + message + the offending value. */
export function toRecordIssues(issues: readonly z.core.$ZodIssue[], input: unknown): RecordIssue[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys.map((k) => JSON.stringify(k)).join(", ");
      return { path, message: `${path}: unknown key${issue.keys.length > 1 ? "s" : ""} ${keys}` };
    }
    const value = valueAt(input, issue.path);
    if (issue.code === "invalid_type") {
      const what = value === undefined ? "missing" : `got ${preview(value)}`;
      return { path, message: `${path}: expected ${issue.expected}, ${what}` };
    }
    return { path, message: `${path}: ${issue.message}, got ${preview(value)}` };
  });
}

/** Builds a RecordError, keeping the one-line message readable when there are many issues. */
export function recordError(kind: RecordError["kind"], issues: RecordIssue[]): RecordError {
  const shown = issues.slice(0, 5).map((i) => i.message);
  if (issues.length > 5) shown.push(`… and ${issues.length - 5} more`);
  return { kind, message: shown.join("; "), issues };
}
