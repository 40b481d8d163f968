import type { RecordError } from "./issues.ts";
import { parseRecord } from "./parse-record.ts";
import type { RunRecord } from "./run-record.ts";

/** A line of `results.jsonl` that was not read, and why. */
export interface SkippedLine {
  /** 1-based line number. */
  line: number;
  kind: RecordError["kind"];
  reason: string;
}

/** The readable contents of a results file. */
export interface ResultsFile {
  records: RunRecord[];
  /** Complete lines that could not be read (bad JSON, schema violations, unknown schema versions). */
  skipped: SkippedLine[];
  /**
   * True when the file ends with an unterminated line that is not valid JSON: a write cut short by a
   * crash. It is not in `skipped`; the run it belonged to should simply be run again.
   */
  tornTail: boolean;
}

/**
 * Reads the text of a `results.jsonl` file: one record per line, blank lines ignored, `\r\n` accepted.
 * An unterminated last line that parses is kept (a complete record that lacks only its newline); one
 * that is not valid JSON sets `tornTail` (a valid JSON line that breaks the schema is skipped as usual). Never throws on content.
 *
 * @example
 * ```ts
 * import { parseResultsFile } from "@arena/results";
 * const { records, skipped, tornTail } = parseResultsFile('{"not":"a record"}\n{"schema":"arena.run/1","ru');
 * // records: [], skipped: [{ line: 1, kind: "invalid", reason: "..." }], tornTail: true
 * ```
 */
export function parseResultsFile(text: string): ResultsFile {
  const records: RunRecord[] = [];
  const skipped: SkippedLine[] = [];
  let tornTail = false;
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const lines = body.split("\n");
  // After the last "\n" comes either "" (file ends with a newline) or an unterminated tail.
  const last = lines.length - 1;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") continue;
    const r = parseRecord(line);
    if (r.ok) records.push(r.record);
    // A cut-short write is never valid JSON (a record only closes at its final "}").
    else if (i === last && r.error.kind === "json") tornTail = true;
    else skipped.push({ line: i + 1, kind: r.error.kind, reason: r.error.message });
  }
  return { records, skipped, tornTail };
}
