import { mkdirSync, type Stats, statSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  type CompareSettings,
  type CompareSource,
  type ConfigChange,
  compareResults,
  renderCompareMarkdown,
  renderCompareSummary,
} from "@arena/report";
import { type Compare, parseResultsFile, type ResultsFile, serializeCompare } from "@arena/results";
import type { CAC } from "cac";
import { stringOption } from "./cli-args.ts";
import { checkOutputDir, checkPathText, RESULTS_FILE, readInputText } from "./input-files.ts";
import { writeAtomic } from "./results-files.ts";
import { quote, UsageError } from "./usage-error.ts";

/**
 * `arena compare BASE NEW`: two results (folders holding results.jsonl, or .jsonl files) compared row
 * by row with @arena/report's `compareResults`; compare.md and compare.json written, and with `--html`
 * a static dashboard carrying both sets (its compare page); exit 1 when a regression is flagged (for
 * CI), 2 for usage errors and for runs whose config hashes differ unless `--allow-config-change`.
 */

/** The folder `--html` writes into, under the output folder. */
export const COMPARE_DASHBOARD_DIR = "compare-dashboard";

/** How many changed run ids the refusal names. */
const SHOWN_CHANGES = 3;

/** One side as read: where it lives, its records, and what the reader skipped. */
interface Side {
  label: string;
  /** The folder of its results (the default output folder for NEW). */
  dir: string;
  file: ResultsFile;
  path: string;
  /** The file's text, for the dashboard (`--html`). */
  text: string;
}

/**
 * A decimal number option (`0.05`, `1e-3`, `.2`), within [min, max] (`min` excluded when `openMin`);
 * undefined when absent.
 */
function numberOption(
  flags: Record<string, unknown>,
  name: string,
  range: { min: number; max: number; openMin?: boolean; openMax?: boolean },
): number | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  const s = String(v);
  const n = /^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : Number.NaN;
  const aboveMin = range.openMin ? n > range.min : n >= range.min;
  const belowMax = range.openMax ? n < range.max : n <= range.max;
  if (!(aboveMin && belowMax && Number.isFinite(n))) {
    const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const lo = range.openMin ? `greater than ${range.min}` : `from ${range.min}`;
    const hi = range.openMax ? `and less than ${range.max}` : `to ${range.max}`;
    throw new UsageError(`${flag} must be a decimal number ${lo} ${hi}, got ${quote(s, 40)}`);
  }
  return n;
}

/** Reads one side: a folder's results.jsonl, or a results file itself. */
function readSide(path: string, what: string): Side {
  const abs = checkPathText(path, what);
  let st: Stats | undefined;
  try {
    st = statSync(abs);
  } catch {
    // A missing path is reported by readInputText, with the reason in words.
  }
  const isDir = st?.isDirectory() === true;
  const file = isDir ? join(abs, "results.jsonl") : abs;
  if (isDir && !statSync(file, { throwIfNoEntry: false })) {
    throw new UsageError(`${what} ${quote(path)}: the folder holds no results.jsonl`);
  }
  const text = readInputText(file, RESULTS_FILE);
  const parsed = parseResultsFile(text);
  if (parsed.records.length === 0)
    throw new UsageError(`${what} ${quote(file)} holds no readable run records`);
  return { label: path, dir: isDir ? abs : dirname(abs), file: parsed, path: file, text };
}

function warningsOf(side: Side): string[] {
  const out = side.file.skipped.map((s) => `${side.path}:${s.line}: skipped (${s.reason})`);
  if (side.file.tornTail)
    out.push(`${side.path}: the last line is torn (an interrupted write) and was ignored`);
  return out;
}

/**
 * The refusal of runs made with other settings, in one line: a comparison of them would measure the
 * change of settings, not of the code.
 */
function refuseConfigChanges(changes: readonly ConfigChange[]): void {
  if (changes.length === 0) return;
  const shown = changes
    .slice(0, SHOWN_CHANGES)
    .map((c) => `${c.runId} (${c.base} → ${c.new})`)
    .join(", ");
  const more = changes.length > SHOWN_CHANGES ? `, and ${changes.length - SHOWN_CHANGES} more` : "";
  throw new UsageError(
    `${changes.length} run${changes.length === 1 ? " was" : "s were"} made with other settings (config hashes differ between BASE and NEW): ${shown}${more}; pass --allow-config-change to compare them anyway`,
  );
}

/** The settings given on the command line; defaults are `compareResults`'s. */
function compareSettings(flags: Record<string, unknown>): Partial<CompareSettings> {
  const threshold = numberOption(flags, "threshold", { min: 0, max: 1e6 });
  const timeThreshold = numberOption(flags, "timeThreshold", { min: 0, max: 1e6 });
  const alpha = numberOption(flags, "alpha", { min: 0, max: 1, openMin: true, openMax: true });
  return {
    ...(alpha !== undefined ? { alpha } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(timeThreshold !== undefined ? { timeThreshold } : {}),
  };
}

const sourceOf = (s: Side): CompareSource => ({
  label: s.label,
  records: s.file.records.length,
  skipped: s.file.skipped.length,
  tornTail: s.file.tornTail,
});

/** Writes compare.json and compare.md into `out` (created if needed), each through a rename. */
function writeCompare(out: string, c: Compare): { jsonPath: string; markdownPath: string } {
  mkdirSync(out, { recursive: true });
  const jsonPath = join(out, "compare.json");
  const markdownPath = join(out, "compare.md");
  writeAtomic(jsonPath, serializeCompare(c));
  writeAtomic(markdownPath, renderCompareMarkdown(c));
  return { jsonPath, markdownPath };
}

/**
 * Writes `out/compare-dashboard/`: the dashboard with NEW as its results and BASE embedded beside them,
 * so it opens on its compare page (the same comparison, drawn); returns its index.html.
 */
async function writeCompareDashboard(out: string, base: Side, next: Side): Promise<string> {
  const { writeDashboard } = await import("@arena/dashboard/node");
  const { indexHtml } = await writeDashboard(join(out, COMPARE_DASHBOARD_DIR), {
    results: next.text,
    baseResults: base.text,
  });
  return indexHtml;
}

/** `arena compare BASE NEW [flags]`: writes the outputs, prints the summary, returns the exit code. */
export async function compareCommand(
  basePath: string,
  newPath: string,
  flags: Record<string, unknown>,
): Promise<number> {
  // Every flag is checked before anything is read or written.
  const settings = compareSettings(flags);
  const outFlag = stringOption(flags, "out");
  if (outFlag !== undefined) checkOutputDir(outFlag, "--out");
  const base = readSide(basePath, "BASE");
  const next = readSide(newPath, "NEW");
  const out = checkOutputDir(outFlag ?? next.dir, "--out");
  const html = flags.html === true;
  if (html) checkOutputDir(join(out, COMPARE_DASHBOARD_DIR), "compare --html: OUT/compare-dashboard");
  const c = compareResults(base.file.records, next.file.records, settings, {
    base: sourceOf(base),
    new: sourceOf(next),
  });
  // Checked on the runs compared (tuning trials and baselines are not), before anything is written.
  if (flags.allowConfigChange !== true) refuseConfigChanges(c.configChanges);
  for (const w of [...warningsOf(base), ...warningsOf(next)]) console.error(`warning: ${w}`);
  const { jsonPath, markdownPath } = writeCompare(out, c);
  console.log(renderCompareSummary(c));
  console.log(`compare: ${markdownPath}\n         ${jsonPath}`);
  if (html)
    console.log(`dashboard: ${await writeCompareDashboard(out, base, next)} (opens from disk, offline)`);
  return c.regressions.length > 0 ? 1 : 0;
}

/** Declares `arena compare` on the command line. */
export function registerCompareCommand(cli: CAC): void {
  cli
    .command(
      "compare <base> <new>",
      "Compare two results (folders or .jsonl files) row by row; exit 1 when NEW regresses",
    )
    .option("--out <dir>", "Folder for compare.md and compare.json (default: NEW's folder)")
    .option(
      "--threshold <r>",
      "Flag the final metric or cost to target when its median worsens by more than this share (default 0.01)",
    )
    .option(
      "--time-threshold <r>",
      "Also flag wall time when its median grows by more than this share, e.g. 0.2 (default: never)",
    )
    .option("--alpha <a>", "Significance level of the Holm-adjusted p-values (default 0.05)")
    .option("--allow-config-change", "Compare runs whose config hashes differ (other settings) anyway")
    .option("--html", "Also write OUT/compare-dashboard/: the dashboard with both sets, on its compare page")
    .example("  $ arena compare results/main results/branch")
    .example("  $ arena compare main.jsonl branch.jsonl --out /tmp/cmp --threshold 0.02")
    .example("  $ arena compare results/main results/branch --html")
    .action(async (base: string, next: string, flags: Record<string, unknown>) => {
      process.exitCode = await compareCommand(base, next, flags);
    });
}
