/**
 * From per-run rows to the figure `bench:peers` prints: per function × optimizer, the median [min, max]
 * of the best value after the budget, the evaluations used, and the median wall time per run.
 */
import { fmt, median } from "@arena/stats";
import type { RunRow } from "./arena-optimizers.ts";

export interface SummaryRow {
  readonly function: string;
  readonly optimizer: string;
  readonly runs: number;
  readonly fMedian: number;
  readonly fMin: number;
  readonly fMax: number;
  readonly evaluationsMin: number;
  readonly evaluationsMax: number;
  readonly msMedian: number;
  readonly msMin: number;
  readonly msMax: number;
}

/** One summary row per (function, optimizer), in the order they first appear in `rows`. */
export function summarize(rows: readonly RunRow[]): SummaryRow[] {
  const groups = new Map<string, RunRow[]>();
  for (const r of rows) {
    const key = `${r.function}\u0000${r.optimizer}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((g) => {
    const fs = g.map((r) => r.f);
    const ev = g.map((r) => r.evaluations);
    const ms = g.map((r) => r.ms);
    return {
      function: g[0].function,
      optimizer: g[0].optimizer,
      runs: g.length,
      fMedian: median(fs),
      fMin: Math.min(...fs),
      fMax: Math.max(...fs),
      evaluationsMin: Math.min(...ev),
      evaluationsMax: Math.max(...ev),
      msMedian: median(ms),
      msMin: Math.min(...ms),
      msMax: Math.max(...ms),
    };
  });
}

const range = (lo: number, hi: number, f: (x: number) => string = String) =>
  lo === hi ? f(lo) : `${f(lo)}–${f(hi)}`;

/** A Markdown table of the summary. */
export function summaryMarkdown(summary: readonly SummaryRow[]): string {
  const lines = [
    "| function | optimizer | best f: median [min, max] | evaluations | wall time per run, median [min, max] |",
    "| -------- | --------- | ------------------------- | ----------- | ------------------------------------ |",
  ];
  const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(2));
  for (const s of summary) {
    lines.push(
      `| ${s.function} | ${s.optimizer} | ${fmt(s.fMedian)} [${fmt(s.fMin)}, ${fmt(s.fMax)}] | ` +
        `${range(s.evaluationsMin, s.evaluationsMax)} | ${ms(s.msMedian)} ms [${ms(s.msMin)}, ${ms(s.msMax)}] |`,
    );
  }
  return lines.join("\n");
}
