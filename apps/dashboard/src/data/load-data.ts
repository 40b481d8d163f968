import { parseReport, parseResultsFile, type Report, type RunRecord, type SkippedLine } from "@arena/results";

/** Everything the dashboard reads: the runs of `results.jsonl` and, optionally, `report.json`. */
export interface LoadedData {
  records: RunRecord[];
  /** Lines of the results file that were not read (bad JSON, invalid, unknown schema version). */
  skipped: SkippedLine[];
  /** The file ended with a line cut short by a crash. */
  tornTail: boolean;
  report: Report | null;
  /** Why report.json could not be read, when one was given. */
  reportError: string | null;
  /** Where the data came from, for the notes ("results.jsonl", a dropped file's name …). */
  resultsName: string | null;
  reportName: string | null;
}

/** The texts to load, and their names. */
export interface DataInput {
  results?: string | null;
  report?: string | null;
  resultsName?: string | null;
  reportName?: string | null;
}

/**
 * Parses the results text with `@arena/results`' `parseResultsFile` (which never throws: malformed
 * lines and unknown schema versions are returned as skipped, with reasons) and the report with
 * `parseReport`. Never throws.
 */
export function loadData(input: DataInput): LoadedData {
  const file =
    typeof input.results === "string"
      ? parseResultsFile(input.results)
      : { records: [], skipped: [], tornTail: false };
  let report: Report | null = null;
  let reportError: string | null = null;
  if (typeof input.report === "string") {
    const r = parseReport(input.report);
    if (r.ok) report = r.report;
    else reportError = r.error.message;
  }
  return {
    records: file.records,
    skipped: file.skipped,
    tornTail: file.tornTail,
    report,
    reportError,
    resultsName: typeof input.results === "string" ? (input.resultsName ?? "results.jsonl") : null,
    reportName: typeof input.report === "string" ? (input.reportName ?? "report.json") : null,
  };
}

/**
 * Decides whether a dropped or picked file is a results file or a report: a `.jsonl` name means
 * results; otherwise the content decides (a JSON document tagged `arena.report/…` is a report, one
 * record per line is results).
 */
export function classifyFile(name: string, text: string): "results" | "report" {
  if (/\.jsonl$/i.test(name)) return "results";
  const head = text.slice(0, 4096).trimStart();
  if (/^\{\s*"schema"\s*:\s*"arena\.report\//.test(head)) return "report";
  if (/^\{[^\n]*"schema"\s*:\s*"arena\.run\//.test(head)) return "results";
  return /\.json$/i.test(name) ? "report" : "results";
}
