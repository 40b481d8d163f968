/**
 * The pure part of `bench:optimizers`: from per-run rows (first hitting evaluations on a ladder of
 * targets, final f) to the per dimension × function × optimizer summary and the COCO-style runtime
 * ECDF tables, one per dimension.
 */
import { ecdf, fmt, median } from "@arena/stats";

/** Targets of the ECDF, 1e1 … 1e-8; the last one is "solved". */
export const TARGETS: readonly number[] = [1e1, 1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8];
/**
 * Budgets (evaluations) at which an ECDF table reads the fraction of (function, target) pairs reached:
 * the powers of ten from 1e2 up to the largest budget of the runs, and that budget itself (e.g. 1e2 …
 * 1e5 and 3e5 in 10-D with 3e5 on Rastrigin).
 */
export function ecdfBudgets(maxBudget: number): number[] {
  const budgets: number[] = [];
  for (let b = 100; b <= maxBudget; b *= 10) budgets.push(b);
  if (budgets.at(-1) !== maxBudget) budgets.push(maxBudget);
  return budgets;
}

export interface OptimizerRun {
  readonly optimizer: string;
  readonly function: string;
  readonly dim: number;
  readonly seed: number;
  /** The run's evaluation budget. */
  readonly budget: number;
  /** Best f at the end (the run stops once f ≤ 1e-8). */
  readonly f: number;
  readonly evaluations: number;
  /** hits[t]: evaluations at which best f first reached TARGETS[t] (f ≤ target), or null. */
  readonly hits: readonly (number | null)[];
  readonly ms: number;
}

export interface OptimizerSummary {
  readonly dim: number;
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

/** The rows of each dimension, dimensions in order of first appearance. */
export function byDim<T extends { readonly dim: number }>(rows: readonly T[]): T[][] {
  return groupBy(rows, (r) => String(r.dim));
}

/** One row per (dim, function, optimizer) in order of first appearance; "solved" is the last target. */
export function summarizeOptimizers(rows: readonly OptimizerRun[]): OptimizerSummary[] {
  return groupBy(rows, (r) => `${r.dim}\u0000${r.function}\u0000${r.optimizer}`).map((g) => {
    const solvedAt = g.map((r) => r.hits.at(-1)).filter((h): h is number => h !== null && h !== undefined);
    return {
      dim: g[0].dim,
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
  /** Fraction of (run, target) pairs reached at each budget of the table. */
  readonly fractions: number[];
  /** (function, target) pairs per seed: functions × targets. */
  readonly pairs: number;
}

/**
 * Per optimizer, the runtime ECDF over all its runs' (function, target) pairs, read at `budgets`
 * (every seed of every function is one row of the hit table, so each seed weighs the same). Pass the
 * rows of one dimension.
 */
export function ecdfTable(rows: readonly OptimizerRun[], budgets: readonly number[]): EcdfRow[] {
  return groupBy(rows, (r) => r.optimizer).map((g) => ({
    optimizer: g[0].optimizer,
    fractions: ecdf(
      g.map((r) => r.hits),
      budgets,
    ),
    pairs: new Set(g.map((r) => r.function)).size * g[0].hits.length,
  }));
}

export const int = (x: number): string => Math.round(x).toLocaleString("en-US");

/** "median [min, max]" of evaluations to 1e-8, just the median without min/max, "—" when none solved. */
export function evalsCell(median: number | null, min?: number | null, max?: number | null): string {
  if (median === null) return "—";
  return min === null || min === undefined || max === null || max === undefined
    ? int(median)
    : `${int(median)} [${int(min)}, ${int(max)}]`;
}

/**
 * Markdown (pass one dimension's rows): per function × optimizer, solved, median [min, max]
 * evaluations to 1e-8, median final f.
 */
export function summaryTable(summary: readonly OptimizerSummary[]): string {
  const lines = [
    "| function | optimizer | solved | evaluations to 1e-8: median [min, max] | median final f | ms/run |",
    "| -------- | --------- | ------ | -------------------------------------- | -------------- | ------ |",
  ];
  for (const s of summary) {
    const ev = evalsCell(s.evalsMedian, s.evalsMin, s.evalsMax);
    lines.push(
      `| ${s.function} | ${s.optimizer} | ${s.solved}/${s.runs} | ${ev} | ${fmt(s.fMedian)} | ${s.msMedian.toFixed(0)} |`,
    );
  }
  return lines.join("\n");
}

export interface EcdfSection {
  readonly dim: number;
  readonly budgets: number[];
  readonly rows: EcdfRow[];
}

/** The ECDF table of each dimension, read at {@link ecdfBudgets} of that dimension's largest budget. */
export function ecdfByDim(rows: readonly OptimizerRun[]): EcdfSection[] {
  return byDim(rows).map((g) => {
    const budgets = ecdfBudgets(Math.max(...g.map((r) => r.budget)));
    return { dim: g[0].dim, budgets, rows: ecdfTable(g, budgets) };
  });
}

/** 1e5, 3e5, 1.2e6: a budget as a short power-of-ten label. */
export const budgetLabel = (b: number): string => b.toExponential().replace("e+", "e");

/** Markdown: fraction of (function, target) pairs reached at each budget, one row per optimizer. */
export function ecdfMarkdown(table: readonly EcdfRow[], budgets: readonly number[]): string {
  const head = budgets.map((b) => `≤ ${budgetLabel(b)}`);
  const lines = [
    `| optimizer | ${head.join(" | ")} |`,
    `| --------- | ${head.map(() => "---").join(" | ")} |`,
  ];
  for (const r of table)
    lines.push(`| ${r.optimizer} | ${r.fractions.map((f) => f.toFixed(2)).join(" | ")} |`);
  return lines.join("\n");
}

/**
 * Markdown, per dimension of `ecdf`: the function × optimizer table of that dimension's summary rows,
 * then its runtime ECDF table.
 */
export function dimensionMarkdown(
  summary: readonly OptimizerSummary[],
  ecdf: readonly EcdfSection[],
): string[] {
  return ecdf.flatMap((e) => {
    const s = summary.filter((q) => q.dim === e.dim);
    const functions = new Set(s.map((q) => q.function)).size;
    const seeds = Math.max(...s.map((q) => q.runs));
    return [
      `## ${e.dim}-D: per function × optimizer (${seeds} seeds)`,
      summaryTable(s),
      `## ${e.dim}-D: runtime ECDF, fraction of (function, target) pairs reached by each budget (evaluations); ${functions} functions × ${TARGETS.length} targets (${budgetLabel(TARGETS[0])} … ${budgetLabel(TARGETS.at(-1)!)}) × ${seeds} seeds per optimizer`,
      ecdfMarkdown(e.rows, e.budgets),
    ];
  });
}
