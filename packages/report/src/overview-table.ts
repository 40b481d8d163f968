import type {
  LearnerSummary,
  OverviewCase,
  OverviewCell,
  OverviewLearner,
  OverviewMark,
  ProblemReport,
} from "@arena/results";
import { rankByMedian } from "./rank-by-median.ts";

/** A case of the overview with the learner rows it holds (one problem, one model). */
export interface CaseRows {
  meta: OverviewCase;
  rows: LearnerSummary[];
  problem: ProblemReport;
}

const better = (a: number, b: number, higher: boolean) => (higher ? a > b : a < b);

/**
 * Score 0 of a problem: its trivial baseline (majority class, mean) when it has one with a median, else
 * its worst learner row's median; null with neither.
 */
function referenceOf(p: ProblemReport): OverviewCase["reference"] {
  const trivial = (p.baselines ?? []).find((b) => b.role === "trivial" && b.finalTestMetric.median !== null);
  if (trivial) return { key: trivial.key, median: trivial.finalTestMetric.median as number };
  const ranked = p.learners.filter((l) => l.finalTestMetric.median !== null);
  const worst = ranked[ranked.length - 1];
  return worst ? { key: worst.key, median: worst.finalTestMetric.median as number } : null;
}

/** The hardest target of the ladder that some row of the case reaches in at least half of its runs. */
function profileTargetOf(p: ProblemReport, rows: LearnerSummary[]): number | null {
  const higher = p.metric.higherIsBetter;
  let hardest: number | null = null;
  for (const row of rows) {
    for (const t of row.targets) {
      if (t.runs > 0 && t.successRate >= 0.5 && (hardest === null || better(t.target, hardest, higher)))
        hardest = t.target;
    }
  }
  return hardest;
}

/** The overview's cases: one per (problem, model), with the problem's reference and best row. */
export function overviewCases(problems: readonly ProblemReport[]): CaseRows[] {
  return problems.flatMap((p) => {
    const models = [...new Set(p.learners.map((l) => l.model))];
    const reference = referenceOf(p);
    const top = p.learners[0];
    const best =
      top && top.finalTestMetric.median !== null
        ? { key: top.key, median: top.finalTestMetric.median }
        : null;
    return models.map((model) => {
      const rows = p.learners.filter((l) => l.model === model);
      const meta: OverviewCase = {
        label: models.length > 1 ? `${p.problem}/${model}` : p.problem,
        problem: p.problem,
        model,
        metric: p.metric.name,
        higherIsBetter: p.metric.higherIsBetter,
        reference,
        best,
        profileTarget: profileTargetOf(p, rows),
      };
      return { meta, rows, problem: p };
    });
  });
}

/** 1 at the problem's best row, 0 at its reference; null when undefined (no best beats the reference). */
function normalize(median: number | null, c: OverviewCase): number | null {
  if (median === null || !Number.isFinite(median) || !c.reference || !c.best) return null;
  const span = c.best.median - c.reference.median;
  if (!better(c.best.median, c.reference.median, c.higherIsBetter) || !Number.isFinite(span)) return null;
  return (median - c.reference.median) / span;
}

/** The row's standing against the problem's best row in the versus-best family (Holm-corrected). */
function markOf(row: LearnerSummary, p: ProblemReport): OverviewMark {
  const vb = p.versusBest;
  if (row.key === p.learners[0]?.key) return "best";
  const c = vb?.comparisons.find((x) => x.a === row.key || x.b === row.key);
  if (!vb || !c) return "untested";
  if (c.significant) return c.better === vb.control ? "worse" : "tied";
  const d = p.detectability?.find((x) => x.family === "versus-best");
  return d && !d.canDetect ? "undetectable" : "tied";
}

/** Cells of a case keyed by learner name. */
function caseCells(c: CaseRows): Map<string, OverviewCell> {
  const ranks = rankByMedian(
    c.rows.map((r) => ({ median: r.finalTestMetric.median })),
    c.meta.higherIsBetter,
  );
  return new Map(
    c.rows.map((row, i) => [
      row.learner,
      {
        key: row.key,
        median: row.finalTestMetric.median,
        normalized: normalize(row.finalTestMetric.median, c.meta),
        rank: ranks[i],
        mark: markOf(row, c.problem),
      },
    ]),
  );
}

function meanOf(xs: number[]): number | null {
  return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** Indices of the cases every learner has a cell on. */
export function commonCases(learners: readonly { cells: readonly (OverviewCell | null)[] }[]): number[] {
  const n = learners[0]?.cells.length ?? 0;
  return [...Array(n).keys()].filter((i) => learners.every((l) => l.cells[i] !== null));
}

const finiteScores = (cells: readonly (OverviewCell | null)[]) =>
  cells.map((c) => c?.normalized ?? null).filter((v): v is number => v !== null);

/** Sorts best first: mean normalised score on the common cases, then on its own cases, mean rank, name. */
function overviewOrder(a: OverviewLearner, b: OverviewLearner): number {
  const low = Number.NEGATIVE_INFINITY;
  const by = (x: number | null, y: number | null) => (y ?? low) - (x ?? low) || 0;
  return (
    by(a.meanNormalizedCommon, b.meanNormalizedCommon) ||
    by(a.meanNormalized, b.meanNormalized) ||
    a.meanRank - b.meanRank ||
    a.learner.localeCompare(b.learner)
  );
}

/**
 * The learners × cases table: each learner's cells, its mean normalised score and mean rank over the
 * cases it ran on, the mean over the cases every learner ran on (a learner that skipped a hard problem
 * must not look better for it), and how often it is the best or not significantly worse.
 */
export function overviewLearners(cases: readonly CaseRows[]): OverviewLearner[] {
  const cellMaps = cases.map(caseCells);
  const names = [...new Set(cases.flatMap((c) => c.rows.map((r) => r.learner)))];
  const cellsOf = names.map((learner) => ({ learner, cells: cellMaps.map((m) => m.get(learner) ?? null) }));
  const common = commonCases(cellsOf);
  const rows = cellsOf.map(({ learner, cells }) => {
    const present = cells.filter((c): c is OverviewCell => c !== null);
    return {
      learner,
      cells,
      meanNormalized: meanOf(finiteScores(cells)),
      meanNormalizedCommon: meanOf(finiteScores(common.map((i) => cells[i]))),
      meanRank: meanOf(present.map((c) => c.rank)) ?? Number.POSITIVE_INFINITY,
      bestOrTied: present.filter((c) => c.mark === "best" || c.mark === "tied").length,
      cases: present.length,
    };
  });
  return rows.sort(overviewOrder);
}
