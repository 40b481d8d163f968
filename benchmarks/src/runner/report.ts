/**
 * Writes a benchmark report: `<dir>/<name>.json` (the rows) and `<dir>/<name>.md` (one table per suite
 * and bench: the median figure with its interquartile range per implementation, and "baseline / peer"
 * ratio columns).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchRow, Suite } from "./suite.ts";

/** Facts about the run printed above the tables. */
export interface RunInfo {
  /** ISO date of the run. */
  date: string;
  node: string;
  cpu: string;
  cores: number;
  /** 1-minute load average when the run started: a high value means noisy figures. */
  loadAverage: number;
  /** Fresh child processes per implementation, their samples pooled. */
  rounds: number;
  /** "wall": elapsed time per call; "cpu": the process's CPU time per call. */
  clock: "wall" | "cpu";
  /** Implementations whose child failed, with the error. */
  failures: { suite: string; impl: string; error: string }[];
}

/** A suite's results, as the report needs them. */
export interface SuiteResult {
  suite: Pick<Suite, "id" | "title" | "metric" | "baseline" | "timed" | "tolerance">;
  rows: BenchRow[];
  /** Set-up notes the implementations reported at run time, by implementation. */
  notes?: Record<string, string>;
}

const fmt = (x: number | undefined) =>
  x === undefined || !Number.isFinite(x)
    ? "–"
    : x >= 100
      ? x.toFixed(0)
      : x >= 10
        ? x.toFixed(1)
        : x.toFixed(2);

/** The markdown tables of one suite. */
export function suiteMarkdown({ suite, rows, notes = {} }: SuiteResult): string {
  const key = suite.metric.key;
  const impls = [...new Set(rows.map((r) => r.impl))];
  // Baseline first, then the others in the order they ran.
  impls.sort((a, b) => (a === suite.baseline ? -1 : b === suite.baseline ? 1 : 0));
  const peers = impls.filter((i) => i !== suite.baseline);
  const tolerance = suite.tolerance ?? 1e-4;
  const lines: string[] = [`## ${suite.title}`, ""];
  lines.push(
    `Median ${suite.metric.label} per implementation (25th–75th percentile in brackets); higher is better. ` +
      `"${suite.baseline} / peer" is the ratio of medians: above 1 means ${suite.baseline} is faster.`,
    "",
  );
  for (const bench of [...new Set(rows.map((r) => r.bench))]) {
    const header = ["bench", "variant", "size", ...impls.map((i) => `${i} (${suite.metric.label})`)];
    header.push(...peers.map((p) => `${suite.baseline} / ${p}`));
    lines.push(
      `| ${header.join(" | ")} |`,
      `|${header.map((_, i) => (i < 3 ? " --- " : " ---: ")).join("|")}|`,
    );
    const keys = [
      ...new Set(rows.filter((r) => r.bench === bench).map((r) => `${r.variant}\u0000${r.size}`)),
    ];
    for (const k of keys) {
      const [variant, sizeText] = k.split("\u0000");
      const size = Number(sizeText);
      const at = (impl: string) =>
        rows.find((r) => r.bench === bench && r.variant === variant && r.size === size && r.impl === impl);
      const cells = [bench, variant, String(size)];
      for (const impl of impls) {
        const r = at(impl);
        if (!r) {
          cells.push("–");
          continue;
        }
        const flag = r.check_rel_diff !== undefined && r.check_rel_diff > tolerance ? " ⚠" : "";
        cells.push(
          `${fmt(r[key] as number)} (${fmt(r[`${key}_p25`] as number)}–${fmt(r[`${key}_p75`] as number)})${flag}`,
        );
      }
      const base = at(suite.baseline)?.[key] as number | undefined;
      for (const p of peers) {
        const peer = at(p)?.[key] as number | undefined;
        cells.push(
          base !== undefined && peer !== undefined && peer > 0 ? `${(base / peer).toFixed(2)}×` : "–",
        );
      }
      lines.push(`| ${cells.join(" | ")} |`);
    }
    lines.push("");
  }
  const flagged = rows.filter((r) => r.check_rel_diff !== undefined && r.check_rel_diff > tolerance);
  const checked = rows.filter((r) => r.check_rel_diff !== undefined);
  if (checked.length > 0) {
    const worst = Math.max(...checked.map((r) => r.check_rel_diff as number));
    lines.push(
      flagged.length === 0
        ? `Outputs agree: every implementation's output fingerprint is within ${worst.toExponential(1)} (relative) of ${suite.baseline}'s.`
        : `⚠ ${flagged.length} row(s) differ from ${suite.baseline}'s output by more than ${tolerance} (relative): ${flagged
            .map((r) => `${r.impl} ${r.variant} ${r.size}`)
            .join(", ")}.`,
      "",
    );
  }
  lines.push("What one timed call does:", "");
  for (const impl of impls) {
    const note = notes[impl] === undefined ? "" : ` Detected at run time: ${notes[impl]}.`;
    lines.push(`- **${impl}**: ${suite.timed[impl] ?? "(not described)"}${note}`);
  }
  lines.push("");
  return lines.join("\n");
}

/** The whole markdown report. */
export function reportMarkdown(name: string, info: RunInfo, results: SuiteResult[]): string {
  const head = [
    `# Benchmark report: ${name}`,
    "",
    `Run ${info.date} on ${info.cpu} (${info.cores} cores, 1-min load average ${info.loadAverage.toFixed(2)} at start), Node ${info.node}. ` +
      `Each implementation ran in its own child process with warm-up${info.rounds > 1 ? `, ${info.rounds} times (fresh processes, alternating order, samples pooled)` : ""}; ` +
      `figures are medians over the timed calls, timed by ${info.clock === "cpu" ? "process CPU time" : "wall clock"}.`,
    "",
  ];
  if (info.failures.length > 0) {
    head.push("**Failed implementations:**", "");
    for (const f of info.failures) head.push(`- ${f.suite} / ${f.impl}: ${f.error.split("\n")[0]}`);
    head.push("");
  }
  return [...head, ...results.map(suiteMarkdown)].join("\n");
}

/** Writes `<dir>/<name>.json` (all rows) and `<dir>/<name>.md`; returns both paths. */
export function writeReport(
  dir: string,
  name: string,
  info: RunInfo,
  results: SuiteResult[],
): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${name}.json`);
  const md = join(dir, `${name}.md`);
  writeFileSync(
    json,
    `${JSON.stringify(
      results.flatMap((r) => r.rows),
      null,
      2,
    )}\n`,
  );
  writeFileSync(md, reportMarkdown(name, info, results));
  return { json, md };
}
