import type { ProblemGroup, TunedGroup } from "../data/groups.ts";
import { type BudgetCurve, budgetCurve, budgetRanking, rankingText } from "../transforms/tuning-budget.ts";
import { type TuningSearch, tuningSearch } from "../transforms/tuning-search.ts";
import { sensitivity } from "../transforms/tuning-sensitivity.ts";
import { PALETTE } from "./figure-style.ts";
import { budgetFigure } from "./tuning-budget-figure.ts";
import { sensitivityFigure } from "./tuning-sensitivity-figure.ts";
import { tuningTable } from "./tuning-table.ts";
import type { Figure, ViewContext, ViewOutput, ViewSpec } from "./view.ts";

/** The tuned learners the learner filter selects, in the problem's order. */
function selectedSearches(ctx: ViewContext): TunedGroup[] {
  const { learners } = ctx.state;
  return ctx.problem.tuned.filter((t) => learners === null || learners.includes(t.key));
}

/**
 * A learner's colour, as in the other views; a search without final runs (interrupted) has no colour
 * there, so it takes the next palette entry after the learners'.
 */
function colorOf(ctx: ViewContext): (key: string) => string {
  const extra = ctx.problem.tuned.filter((t) => !ctx.colors.has(t.key)).map((t) => t.key);
  return (key) =>
    ctx.colors.get(key) ?? PALETTE[(ctx.colors.size + Math.max(0, extra.indexOf(key))) % PALETTE.length];
}

/** Whether the learners' order by median best of k differs between k = 1 and the largest k all have. */
function rankingNote(curves: BudgetCurve[], higherIsBetter: boolean): string | null {
  if (curves.length < 2) return null;
  const kMax = Math.min(...curves.map((c) => c.k.length));
  if (kMax < 1) return null;
  const small = rankingText(budgetRanking(curves, 1, higherIsBetter));
  const large = rankingText(budgetRanking(curves, kMax, higherIsBetter));
  if (kMax === 1 || small === large) {
    return `By median best of k trials the order is the same at k = 1 and k = ${kMax}: ${large}.`;
  }
  return `The order depends on the tuning budget: by median best of k trials, ${small} at k = 1, but ${large} at k = ${kMax}.`;
}

/** Trials that did not finish, and searches with fewer trials on record than planned. */
function searchNotes(searches: TuningSearch[]): string[] {
  const notes: string[] = [];
  const unfinished = searches
    .map((s) => ({ label: s.label, n: s.counts.diverged + s.counts.failed }))
    .filter((s) => s.n > 0);
  if (unfinished.length > 0) {
    notes.push(
      `Trials that diverged or failed (${unfinished.map((s) => `${s.label}: ${s.n}`).join(", ")}) score the worst value (±∞), which no axis shows: they are red × at the worst end of the sensitivity panels, and the budget curves have a gap where the median or a quartile of the best of k is one of them.`,
    );
  }
  for (const s of searches) {
    if (s.outcomes.length < s.trials) {
      notes.push(`${s.label}: ${s.outcomes.length} of ${s.trials} trials on record (an interrupted search).`);
    }
  }
  return notes;
}

/** One sensitivity figure per search, with the learner's colour; ids by the problem's order, so they stay put. */
function sensitivityFigures(
  ctx: ViewContext,
  searches: TuningSearch[],
  color: (k: string) => string,
): Figure[] {
  const { metric } = ctx.problem;
  return searches.map((s) =>
    sensitivityFigure(sensitivity(s, metric.higherIsBetter), {
      id: `tuning-sensitivity-${ctx.problem.tuned.findIndex((t) => t.key === s.key)}`,
      label: s.label,
      color: color(s.key),
      metric,
      seeds: s.seeds,
    }),
  );
}

function build(ctx: ViewContext): ViewOutput {
  const { problem } = ctx;
  if (problem.tuned.length === 0) {
    return { figures: [], notes: [`No learner was tuned on problem “${problem.name}”.`], tables: [] };
  }
  const groups = selectedSearches(ctx);
  if (groups.length === 0) return { figures: [], notes: ["No tuned learner selected."], tables: [] };
  const { metric } = problem;
  // Always the validation metric: it is what the search selects on, whatever the y filter says.
  const searches = groups.map((g) => tuningSearch(g, metric.higherIsBetter));
  const curves = searches.map((s) => budgetCurve(s, metric.higherIsBetter));
  const color = colorOf(ctx);
  const ranking = rankingNote(curves, metric.higherIsBetter);
  return {
    figures: [
      budgetFigure(curves, { colorOf: color, metric, logX: ctx.state.logX }),
      ...sensitivityFigures(ctx, searches, color),
    ],
    notes: [...(ranking === null ? [] : [ranking]), ...searchNotes(searches)],
    tables: [tuningTable(searches, metric)],
  };
}

/** Tuning: performance against tuning budget, sensitivity to each hyperparameter, the choice and its cost. */
export const tuningView: ViewSpec = {
  id: "tuning",
  title: "Tuning",
  description:
    "For learners tuned by a hyperparameter search (N trials × k seeds; the trial with the best mean final validation metric is re-run as the learner's reported runs). Top: the best validation metric of k trials against k = 1 … N, the exact bootstrap distribution of the best of k trials drawn with replacement from the N: median and inter-quartile band (log₂ axis with “log x”), so crossing lines show a ranking that depends on the tuning budget. Below, per learner: each trial's score (mean final validation metric over its seeds) against each hyperparameter (log axis for a log-scaled range, categories for a list of values), trials that diverged or failed as red × at the worst end, the chosen trial ringed. The table gives the chosen configuration and the cost of all trial runs. Trial runs appear in no other view.",
  build,
  shown: (problems: ProblemGroup[]) => problems.some((p) => p.tuned.length > 0),
};
