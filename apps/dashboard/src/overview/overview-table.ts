import type { Overview, OverviewCase, OverviewCell, OverviewMark, OverviewProfile } from "@arena/results";
import { fmt } from "@arena/stats";

/** The sign of each mark in a cell. */
export const MARK_SYMBOLS: Record<OverviewMark, string> = {
  best: "★",
  tied: "≈",
  worse: "▼",
  undetectable: "?",
  untested: "",
};

/** What each mark says, for a cell's tooltip. */
export const MARK_WORDS: Record<OverviewMark, string> = {
  best: "the problem's best",
  tied: "not significantly worse than the problem's best",
  worse: "significantly worse than the problem's best",
  undetectable: "a difference from the best cannot be detected with these runs",
  untested: "not tested against the best",
};

/** What a cost is called in headings. */
export const COST_WORDS: Record<OverviewProfile["cost"], string> = { flops: "FLOPs", wallMs: "wall time" };

/** A column of the table: one problem (and model). */
export interface OverviewTableCase {
  label: string;
  /** The problem its header opens. */
  problem: string;
  /** E.g. "accuracy ↑". */
  metric: string;
  /** What 0 and 1 mean on this problem, for the header's tooltip. */
  title: string;
}

/** One learner on one problem. */
export interface OverviewTableCell {
  /** The normalised score to 2 decimals ("–" when undefined). */
  normalized: string;
  rank: string;
  mark: OverviewMark;
  symbol: string;
  /** The median, the score, the rank and the mark in words. */
  title: string;
}

/** A learner's row. */
export interface OverviewTableRow {
  learner: string;
  /** Aligned with the cases; null where the learner did not run. */
  cells: (OverviewTableCell | null)[];
  meanNormalized: string;
  meanRank: string;
  /** "2 / 3": problems where it is best or not significantly worse, of those it ran on. */
  bestOrTied: string;
  /** AlgoPerf score per profile, in the order of `scoreHeads`. */
  scores: string[];
}

/** The overview table, plain text: learners × problems (no DOM, so testable in Node). */
export interface OverviewTable {
  caption: string;
  /** How to read the cells: the normalisation and the marks. */
  legend: string;
  cases: OverviewTableCase[];
  scoreHeads: string[];
  rows: OverviewTableRow[];
}

/**
 * A score to two decimals with a true minus sign, kept on "−0.00" (a score just below the baseline is
 * below it); "–" when missing or not finite.
 */
export function fixed2(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "–";
  return x.toFixed(2).replace("-", "−");
}

function caseColumn(c: OverviewCase): OverviewTableCase {
  const ref = c.reference ? `0 = ${c.reference.key} (median ${fmt(c.reference.median)})` : "no reference";
  const best = c.best ? `1 = ${c.best.key} (median ${fmt(c.best.median)})` : "no best row";
  return {
    label: c.label,
    problem: c.problem,
    metric: `${c.metric} ${c.higherIsBetter ? "↑" : "↓"}`,
    title: `${c.label}: test ${c.metric}, ${c.higherIsBetter ? "higher" : "lower"} is better; ${ref}, ${best}. Opens the problem's views.`,
  };
}

function cellOf(cell: OverviewCell, c: OverviewCase, ranked: number): OverviewTableCell {
  return {
    normalized: fixed2(cell.normalized),
    rank: `#${cell.rank}`,
    mark: cell.mark,
    symbol: MARK_SYMBOLS[cell.mark],
    title: `${cell.key} on ${c.label}: median test ${c.metric} ${fmt(cell.median)}, normalised ${fmt(cell.normalized)}, rank ${cell.rank} of ${ranked}; ${MARK_WORDS[cell.mark]}.`,
  };
}

/** A learner's AlgoPerf score on a profile ("–" when it is not in it or the profile has no problem). */
function scoreOf(profile: OverviewProfile, learner: string): string {
  if (profile.cases.length === 0) return "–";
  const l = profile.learners.find((x) => x.learner === learner);
  return l ? l.score.toFixed(2) : "–";
}

/**
 * The report's overview as a table: one row per learner (the report's order, best mean normalised
 * score first), one column per problem with the normalised score, the rank and the significance
 * mark, then the learner's mean score, mean rank, best-or-tied count and its AlgoPerf score on each
 * performance profile.
 *
 * @example
 * ```ts
 * const t = overviewTable(report.overview);
 * t.rows[0].cells[0]; // { normalized: "1.00", rank: "#1", mark: "best", symbol: "★", … }
 * ```
 */
export function overviewTable(overview: Overview): OverviewTable {
  const ranked = overview.cases.map((_, i) => overview.learners.filter((l) => l.cells[i]).length);
  return {
    caption:
      "Across problems: each learner's median final test metric, normalised per problem, with its rank and its mark against the problem's best (best overall first).",
    legend:
      "Normalised score: 1 = the problem's best learner, 0 = its trivial baseline (majority class or mean; the worst learner where there is none), below 0 = worse than that baseline. #k: rank among the problem's learners by median. Marks against the best (Mann–Whitney, Holm-corrected, as in the report): ★ the best, ≈ not significantly worse, ▼ significantly worse, ? a difference cannot be detected with these runs, blank not tested; – did not run there. AlgoPerf score: the area under the learner's performance profile from τ = 1 to τ_max, divided by τ_max − 1 (1 = fastest to the target on every problem).",
    cases: overview.cases.map(caseColumn),
    scoreHeads: overview.profiles.map((p) => `AlgoPerf score (${COST_WORDS[p.cost]})`),
    rows: overview.learners.map((l) => ({
      learner: l.learner,
      cells: l.cells.map((cell, i) => (cell ? cellOf(cell, overview.cases[i], ranked[i]) : null)),
      meanNormalized: fixed2(l.meanNormalized),
      meanRank: fmt(l.meanRank),
      bestOrTied: `${l.bestOrTied} / ${l.cases}`,
      scores: overview.profiles.map((p) => scoreOf(p, l.learner)),
    })),
  };
}
