import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  buildReport,
  DEFAULT_REPORT_SETTINGS,
  mixedConfigRows,
  mixedConfigWarning,
  renderReportMarkdown,
  renderSummary,
} from "@arena/report";
import {
  parseResultsFile,
  type RunRecord,
  serializeRecord,
  serializeReport,
  stripMeasured,
} from "@arena/results";
import { RESULTS_FILE, readInputText } from "./input-files.ts";
import { quote, UsageError } from "./usage-error.ts";
import { writeAtomic } from "./write-atomic.ts";

/** Reports, merged results and exports are written whole (see write-atomic.ts). */
export { writeAtomic };

/**
 * Reads a results file; a missing or unreadable file, or one that is not a regular file within
 * RESULTS_MAX_BYTES (input-files.ts), is a usage error naming it.
 */
export function readResults(path: string) {
  return parseResultsFile(readInputText(path, RESULTS_FILE));
}

export interface ReportOutput {
  markdownPath: string;
  jsonPath: string;
  summary: string;
  warnings: string[];
}

/**
 * `arena report DIR`: reads DIR/results.jsonl, writes DIR/report.md and DIR/report.json. The warnings
 * name skipped lines and every row (problem, model, learner) whose runs mix config hashes.
 */
export function writeReport(dir: string): ReportOutput {
  const resultsPath = join(dir, "results.jsonl");
  if (!existsSync(resultsPath))
    throw new UsageError(`no results in ${quote(dir)}: ${quote(resultsPath)} does not exist`);
  const file = readResults(resultsPath);
  if (file.records.length === 0) throw new UsageError(`${quote(resultsPath)} holds no readable run records`);
  const warnings = file.skipped.map((s) => `${resultsPath}:${s.line}: skipped (${s.reason})`);
  if (file.tornTail)
    warnings.push(`${resultsPath}: the last line is torn (an interrupted write) and was ignored`);
  const suites = [...new Set(file.records.map((r) => r.suite))];
  const report = buildReport(
    suites.join("+"),
    file.records,
    { records: file.records.length, skipped: file.skipped.length, tornTail: file.tornTail },
    DEFAULT_REPORT_SETTINGS,
  );
  // Rows whose runs were made with different settings (config hashes): named in report.md and here.
  const mixed = mixedConfigRows(file.records).map(mixedConfigWarning);
  warnings.push(...mixed);
  const jsonPath = join(dir, "report.json");
  const markdownPath = join(dir, "report.md");
  writeAtomic(jsonPath, serializeReport(report));
  writeAtomic(markdownPath, renderReportMarkdown(report, mixed));
  return { markdownPath, jsonPath, summary: renderSummary(report), warnings };
}

export interface MergeOutput {
  path: string;
  records: number;
  duplicates: number;
  warnings: string[];
}

/**
 * `arena merge A.jsonl B.jsonl … --out DIR`: the union of the files by run id, sorted by run id, written
 * atomically to DIR/results.jsonl (an existing one there is merged in too). A run id present in two files
 * is kept once; if the two records differ beyond measured time and memory, a warning says so.
 */
export function mergeResults(files: string[], outDir: string): MergeOutput {
  if (files.length === 0) throw new UsageError("merge: give at least one results file");
  const outPath = join(outDir, "results.jsonl");
  const inputs = existsSync(outPath) && !files.includes(outPath) ? [outPath, ...files] : files;
  const byId = new Map<string, RunRecord>();
  const warnings: string[] = [];
  let duplicates = 0;
  for (const f of inputs) {
    const file = readResults(f);
    for (const s of file.skipped) warnings.push(`${f}:${s.line}: skipped (${s.reason})`);
    if (file.tornTail) warnings.push(`${f}: torn last line ignored`);
    for (const r of file.records) {
      const prev = byId.get(r.runId);
      if (!prev) {
        byId.set(r.runId, r);
        continue;
      }
      duplicates++;
      if (JSON.stringify(stripMeasured(prev)) !== JSON.stringify(stripMeasured(r))) {
        warnings.push(
          `run ${r.runId} differs between inputs beyond measured fields; kept the first (${f} ignored)`,
        );
      }
    }
  }
  const ids = [...byId.keys()].sort();
  // Created only now, once every input has been read: a bad input leaves no folder behind.
  mkdirSync(outDir, { recursive: true });
  writeAtomic(outPath, ids.map((id) => `${serializeRecord(byId.get(id)!)}\n`).join(""));
  return { path: outPath, records: ids.length, duplicates, warnings };
}
