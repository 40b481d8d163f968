import { type Stats, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileKind } from "@arena/datasets";
import { IOH_VALUES, IohExportError, type IohValue, iohCsv, type RunRecord, tidyCsv } from "@arena/results";
import type { CAC } from "cac";
import { stringOption } from "./cli-args.ts";
import { checkOutputDir, checkPathText } from "./input-files.ts";
import { readResults, writeAtomic } from "./results-files.ts";
import { quote, UsageError } from "./usage-error.ts";

/**
 * `arena export DIR --format csv|ioh`: a results file as CSV for other tools. `csv` is the tidy table
 * (one row per checkpoint, `tidyCsv` of @arena/results), for pandas or R; `ioh` is the custom-CSV layout
 * IOHanalyzer reads (`iohCsv`). The conversion is library code; this file reads, checks and writes.
 */

export const EXPORT_FORMATS = ["csv", "ioh"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file written in the results folder when --out is not given. */
const DEFAULT_FILE: Record<ExportFormat, string> = { csv: "export.csv", ioh: "ioh.csv" };

/** `"a", "b" or "c"`. */
function choices(xs: readonly string[]): string {
  const q = xs.map((x) => `"${x}"`);
  return q.length < 2 ? q.join("") : `${q.slice(0, -1).join(", ")} or ${q.at(-1)}`;
}

function parseFormat(flags: Record<string, unknown>): ExportFormat {
  const f = stringOption(flags, "format");
  if (f === undefined) throw new UsageError(`export: --format is required: ${choices(EXPORT_FORMATS)}`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(f))
    throw new UsageError(`--format must be ${choices(EXPORT_FORMATS)}, got ${quote(f, 40)}`);
  return f as ExportFormat;
}

function parseValue(flags: Record<string, unknown>, format: ExportFormat): IohValue | undefined {
  const v = stringOption(flags, "value");
  if (v === undefined) return undefined;
  // The tidy table holds every figure already; a --value there would be silently meaningless.
  if (format !== "ioh") throw new UsageError("--value applies only to --format ioh");
  if (!(IOH_VALUES as readonly string[]).includes(v))
    throw new UsageError(`--value must be ${choices(IOH_VALUES)}, got ${quote(v, 40)}`);
  return v as IohValue;
}

/** `stat`, or undefined when nothing is there. */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The results file a DIR argument names: DIR/results.jsonl for a folder, else the file itself. */
function resultsPathOf(input: string): { resultsPath: string; folder: string } {
  const abs = checkPathText(input, "export DIR");
  if (!statOrUndefined(abs)?.isDirectory()) return { resultsPath: abs, folder: dirname(abs) };
  const resultsPath = join(abs, "results.jsonl");
  if (!statOrUndefined(resultsPath))
    throw new UsageError(`no results in ${quote(input)}: ${quote(resultsPath)} does not exist`);
  return { resultsPath, folder: abs };
}

/** The readable records of a results file; warnings (skipped lines, a torn tail) go to stderr. */
function readRecords(resultsPath: string): RunRecord[] {
  const file = readResults(resultsPath);
  for (const s of file.skipped) console.error(`warning: ${resultsPath}:${s.line}: skipped (${s.reason})`);
  if (file.tornTail)
    console.error(`warning: ${resultsPath}: the last line is torn (an interrupted write) and was ignored`);
  if (file.records.length === 0) throw new UsageError(`${quote(resultsPath)} holds no readable run records`);
  return file.records;
}

/** Checks where the export goes: a writable folder, not a special file, never the results file itself. */
function checkOutFile(path: string, resultsPath: string): string {
  const abs = checkPathText(path, "--out");
  if (abs === resultsPath) throw new UsageError(`--out ${quote(path)} is the results file being exported`);
  checkOutputDir(dirname(abs), "--out's folder");
  const st = statOrUndefined(abs);
  if (st && !st.isFile()) throw new UsageError(`--out ${quote(path)} is ${fileKind(st)}, not a regular file`);
  return abs;
}

/** "2 failed runs", "1 tuning trial": a count and its noun, only when not zero. */
function counted(n: number, noun: string): string[] {
  return n === 0 ? [] : [`${n} ${noun}${n === 1 ? "" : "s"}`];
}

/** Writes the tidy CSV; returns the lines to print. */
function exportTidy(records: RunRecord[], out: string): string[] {
  const t = tidyCsv(records);
  writeAtomic(out, t.csv);
  const lines = [`${t.rows} rows (one per checkpoint) of ${t.records} records -> ${out}`];
  const empty = t.withoutCheckpoints.length;
  if (empty > 0)
    lines.push(
      `note: ${counted(empty, "record")[0]} without a checkpoint (failed before the first evaluation) ${empty === 1 ? "has" : "have"} no row`,
    );
  return lines;
}

/** Writes the IOHanalyzer CSV; returns the lines to print. */
function exportIoh(records: RunRecord[], out: string, value: IohValue | undefined): string[] {
  let x: ReturnType<typeof iohCsv>;
  try {
    x = iohCsv(records, value === undefined ? {} : { value });
  } catch (e) {
    if (e instanceof IohExportError) throw new UsageError(`export --format ioh: ${e.message}`);
    throw e;
  }
  const left = [...counted(x.excluded.trials, "tuning trial"), ...counted(x.excluded.baselines, "baseline")];
  const skipped = [
    ...counted(x.skipped.failed.length, "failed run"),
    ...counted(x.skipped.noFiniteValue.length, "run without a finite value"),
  ];
  const aside = [
    ...(left.length ? [`left out ${left.join(" and ")}`] : []),
    ...(skipped.length ? [`skipped ${skipped.join(" and ")}`] : []),
  ];
  if (x.runs === 0) throw new UsageError(`export --format ioh: no run to export (${aside.join("; ")})`);
  writeAtomic(out, x.csv);
  const direction = x.maximization ? "maximization" : "minimization";
  return [
    `${x.rows} rows: ${x.runs} runs of ${x.algorithms} algorithms on ${x.functions} functions, best-so-far ${x.value} (${direction}) -> ${out}`,
    ...(aside.length ? [`note: ${aside.join("; ")}`] : []),
    `IOHanalyzer: Upload Data, "use custom csv format", keep the pre-selected columns; maximization: ${x.maximization ? "yes" : "no"}`,
  ];
}

/** `arena export DIR --format csv|ioh [--out FILE] [--value V]`: every flag checked before anything is read. */
export function exportCommand(input: string, flags: Record<string, unknown>): void {
  const format = parseFormat(flags);
  const value = parseValue(flags, format);
  const { resultsPath, folder } = resultsPathOf(input);
  const out = checkOutFile(stringOption(flags, "out") ?? join(folder, DEFAULT_FILE[format]), resultsPath);
  const records = readRecords(resultsPath);
  const lines = format === "csv" ? exportTidy(records, out) : exportIoh(records, out, value);
  for (const line of lines) console.log(line);
}

/** Declares `arena export` on the command line. */
export function registerExportCommand(cli: CAC): void {
  cli
    .command(
      "export <dir>",
      "Write DIR/results.jsonl (or a .jsonl file) as CSV: tidy for pandas/R, or for IOHanalyzer",
    )
    .option("--format <format>", "csv: one row per checkpoint; ioh: IOHanalyzer's custom CSV (best-so-far)")
    .option("--out <file>", "The CSV file (default DIR/export.csv, or DIR/ioh.csv for ioh)")
    .option("--value <name>", "With --format ioh: trainLoss (the default), valLoss or valMetric")
    .example("  $ arena export reports/latest --format csv")
    .example("  $ arena export reports/latest --format ioh --value valLoss --out /tmp/ioh.csv")
    .action((dir: string, flags: Record<string, unknown>) => exportCommand(dir, flags));
}
