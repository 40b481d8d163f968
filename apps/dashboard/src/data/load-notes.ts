import { isBaselineRecord, isTrialRecord } from "@arena/results";
import { statusCounts } from "./groups.ts";
import type { LoadedData } from "./load-data.ts";

/** A line of the note area. */
export interface Note {
  level: "info" | "warn";
  text: string;
  /** Further lines shown on demand (e.g. each skipped line and why). */
  details?: string[];
}

const KIND_WORDS: Record<string, [string, string]> = {
  json: ["not valid JSON", "not valid JSON"],
  version: ["with an unknown schema version", "with an unknown schema version"],
  invalid: ["that breaks the arena.run/1 schema", "that break the arena.run/1 schema"],
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How many failed runs were tuning trials (counted apart from the runs above), e.g. " (1 of them a tuning trial)". */
function failedTrials(failed: LoadedData["records"]): string {
  const n = failed.filter(isTrialRecord).length;
  if (n === 0) return "";
  return n === 1 ? ` (1 of them a tuning trial)` : ` (${n} of them tuning trials)`;
}

/** Most skipped lines listed in the details; the count is always complete. */
export const MAX_DETAILS = 50;

/**
 * What the note area says about the loaded data: how many runs by status (and baseline fits), how many lines were
 * skipped and why, a torn last line ({@link resultsNotes}), and whether report.json (needed for
 * significance marks) is loaded or could not be read.
 */
export function loadNotes(data: LoadedData): Note[] {
  return [...resultsNotes(data), ...reportNotes(data)];
}

/**
 * The notes on the results file alone: runs by status (baseline fits and tuning trials apart), lines
 * skipped and why, a torn last line, failed runs. The compare page says them of its BASE file.
 */
export function resultsNotes(data: LoadedData): Note[] {
  const notes: Note[] = [];
  const problems = new Set(data.records.map((r) => r.problem.name)).size;
  if (data.resultsName !== null) {
    // Trials are counted apart, like baseline fits: they are not results, only the tuning view shows them.
    const trials = data.records.filter(isTrialRecord).length;
    const runs = data.records.filter((r) => !isBaselineRecord(r) && !isTrialRecord(r));
    const fits = data.records.length - runs.length - trials;
    const c = statusCounts(runs);
    const extras = [
      ...(fits > 0 ? [`${plural(fits, "baseline fit")} (closed form, no budget)`] : []),
      ...(trials > 0 ? [`${plural(trials, "tuning trial run")} (shown in the Tuning view only)`] : []),
    ];
    notes.push({
      level: "info",
      text:
        `${plural(runs.length, "run")} loaded from ${data.resultsName} ` +
        `(${c.ok} ok, ${c.diverged} diverged, ${c.failed} failed) across ${plural(problems, "problem")}` +
        (extras.length === 0
          ? "."
          : extras.length === 1
            ? `, and ${extras[0]}.`
            : `, ${extras.join(" and ")}.`),
    });
  }
  if (data.skipped.length > 0) {
    const byKind = new Map<string, number>();
    for (const s of data.skipped) byKind.set(s.kind, (byKind.get(s.kind) ?? 0) + 1);
    const parts = [...byKind.entries()].map(([kind, n]) => {
      const words = KIND_WORDS[kind] ?? [kind, kind];
      return `${n} ${n === 1 ? words[0] : words[1]}`;
    });
    notes.push({
      level: "warn",
      text: `${plural(data.skipped.length, "line")} of ${data.resultsName ?? "the results"} skipped: ${parts.join(", ")}.`,
      details: data.skipped
        .slice(0, MAX_DETAILS)
        .map((s) => `line ${s.line}: ${s.reason}`)
        .concat(data.skipped.length > MAX_DETAILS ? [`… and ${data.skipped.length - MAX_DETAILS} more`] : []),
    });
  }
  if (data.tornTail) {
    notes.push({
      level: "warn",
      text: "The last line of the results file was cut short (a write interrupted by a crash) and was ignored; rerunning the suite redoes that run.",
    });
  }
  const failed = data.records.filter((r) => r.status === "failed");
  if (failed.length > 0) {
    notes.push({
      level: "warn",
      text: `${plural(failed.length, "run")} failed with an error${failedTrials(failed)}; failed runs are left out of the statistics, as in the report.`,
      details: failed.slice(0, MAX_DETAILS).map((r) => `${r.runId}: ${r.error?.message ?? "(no message)"}`),
    });
  }
  return notes;
}

/** Whether report.json is loaded, could not be read, or is missing where it would help. */
function reportNotes(data: LoadedData): Note[] {
  const notes: Note[] = [];
  if (data.report !== null) {
    notes.push({
      level: "info",
      text: `${data.reportName ?? "report.json"} loaded (suite ${data.report.suite}, ${plural(data.report.problems.length, "problem")}): significance marks come from it.`,
    });
  } else if (data.reportError !== null) {
    notes.push({
      level: "warn",
      text: `${data.reportName ?? "report.json"} could not be read: ${data.reportError}. Significance marks need a valid report.json.`,
    });
  } else if (data.records.length > 0) {
    notes.push({
      level: "info",
      text: "No report.json loaded: significance marks need it (arena report DIR writes it next to results.jsonl; load both).",
    });
  }
  return notes;
}
