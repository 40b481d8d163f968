/**
 * The pure part of `bench:optimizers`: from per-run rows (first hitting evaluations on a ladder of
 * targets, final f) to the per function × optimizer summary and the COCO-style runtime ECDF table.
 */
import { ecdf, fmt, median } from "@arena/stats";

/** Targets of the ECDF, 1e1 … 1e-8; the last one is "solved". */
export const TARGETS: readonly number[] = [1e1, 1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8];
/** Budgets at which the ECDF table reads the fraction of (function, target) pairs reached. */
export const ECDF_BUDGETS: readonly number[] = [1e2, 1e3, 1e4, 1e5];

export interface OptimizerRun {
  readonly optimizer: string;
  readonly function: string;
  readonly seed: number;
  /** Best f at the end (the run stops once f ≤ 1e-8). */
  readonly f: number;
  readonly evaluations: number;
  /** hits[t]: evaluations at which best f first reached TARGETS[t] (f ≤ target), or null. */
  readonly hits: readonly (number | null)[];
  readonly ms: number;
}

export interface OptimizerSummary {
  readonly function: string;
  readonly optimizer: string;
  readonly runs: number;
  readonly solved: number;
  /** Median [min, max] evaluations to 1e-8 over the solved runs; null when none solved. */
  readonly evalsMedian: number | null;
  readonly evalsMin: number | null;
  readonly evalsMax: number | null;
  readonly fMedian: number;
  readonly msMedian: number;
}

/** The first evaluation count at which a best-so-far trace reaches each target, or null. */
export function firstHits(
  trace: readonly { evaluations: number; best: number }[],
  targets: readonly number[] = TARGETS,
): (number | null)[] {
  return targets.map((t) => trace.find((p) => p.best <= t)?.evaluations ?? null);
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()];
}

/** One row per (function, optimizer) in order of first appearance; "solved" is the last target. */
export function summarizeOptimizers(rows: readonly OptimizerRun[]): OptimizerSummary[] {
  return groupBy(rows, (r) => `${r.function}\u0000${r.optimizer}`).map((g) => {
    const solvedAt = g.map((r) => r.hits.at(-1)).filter((h): h is number => h !== null && h !== undefined);
    return {
      function: g[0].function,
      optimizer: g[0].optimizer,
      runs: g.length,
      solved: solvedAt.length,
      evalsMedian: solvedAt.length ? median(solvedAt) : null,
      evalsMin: solvedAt.length ? Math.min(...solvedAt) : null,
      evalsMax: solvedAt.length ? Math.max(...solvedAt) : null,
      fMedian: median(g.map((r) => r.f)),
      msMedian: median(g.map((r) => r.ms)),
    };
  });
}

export interface EcdfRow {
  readonly optimizer: string;
  /** Fraction of (run, target) pairs reached at each of ECDF_BUDGETS. */
  readonly fractions: number[];
  /** (function, target) pairs per seed: functions × targets. */
  readonly pairs: number;
}

/**
 * Per optimizer, the runtime ECDF over all its runs' (function, target) pairs, read at `budgets`
 * (every seed of every function is one row of the hit table, so each seed weighs the same).
 */
export function ecdfTable(
  rows: readonly OptimizerRun[],
  budgets: readonly number[] = ECDF_BUDGETS,
): EcdfRow[] {
  return groupBy(rows, (r) => r.optimizer).map((g) => ({
    optimizer: g[0].optimizer,
    fractions: ecdf(
      g.map((r) => r.hits),
      budgets,
    ),
    pairs: new Set(g.map((r) => r.function)).size * g[0].hits.length,
  }));
}

const int = (x: number) => Math.round(x).toLocaleString("en-US");

/** Markdown: per function × optimizer, solved, median [min, max] evaluations to 1e-8, median final f. */
export function summaryTable(summary: readonly OptimizerSummary[]): string {
  const lines = [
    "| function | optimizer | solved | evaluations to 1e-8: median [min, max] | median final f | ms/run |",
    "| -------- | --------- | ------ | -------------------------------------- | -------------- | ------ |",
  ];
  for (const s of summary) {
    const ev =
      s.evalsMedian === null ? "—" : `${int(s.evalsMedian)} [${int(s.evalsMin!)}, ${int(s.evalsMax!)}]`;
    lines.push(
      `| ${s.function} | ${s.optimizer} | ${s.solved}/${s.runs} | ${ev} | ${fmt(s.fMedian)} | ${s.msMedian.toFixed(0)} |`,
    );
  }
  return lines.join("\n");
}

/** Markdown: fraction of (function, target) pairs reached at each budget, one row per optimizer. */
export function ecdfMarkdown(table: readonly EcdfRow[], budgets: readonly number[] = ECDF_BUDGETS): string {
  const head = budgets.map((b) => `≤ ${b.toExponential(0)}`);
  const lines = [
    `| optimizer | ${head.join(" | ")} |`,
    `| --------- | ${head.map(() => "---").join(" | ")} |`,
  ];
  for (const r of table)
    lines.push(`| ${r.optimizer} | ${r.fractions.map((f) => f.toFixed(2)).join(" | ")} |`);
  return lines.join("\n");
}
