import { costTarget } from "@arena/report";
import type { CompareFigureName, CompareRow, RunRecord } from "@arena/results";
import { fmt } from "@arena/stats";
import type { LearnerGroup, ProblemGroup } from "../data/groups.ts";
import { colorMap } from "../views/figure-style.ts";
import type { Figure } from "../views/view.ts";
import { type BoxSeries, compareBoxFigure } from "./compare-box-figure.ts";
import type { ComparedData } from "./compare-data.ts";
import { type ComparePoint, costPoints, finalPoints, wallPoints } from "./compare-points.ts";

/** A learner of one problem as both sides have it (a side without it has no runs). */
export interface CompareLearner {
  key: string;
  label: string;
  color: string;
  base: RunRecord[];
  next: RunRecord[];
  /** `arena compare`'s row, when the learner is on both sides. */
  row: CompareRow | null;
}

/** What the figures and tables call a learner: its label, marked when its settings changed. */
export function learnerLabel(label: string, row: CompareRow | null): string {
  return row?.configChanged ? `${label} (config changed)` : label;
}

/**
 * The learners of a problem on either side: NEW's in its order, then those only in BASE; coloured as
 * on the problem page (NEW's learners take the same colours).
 */
export function compareLearners(compared: ComparedData, problem: string): CompareLearner[] {
  const find = (groups: ProblemGroup[]) => groups.find((p) => p.name === problem)?.learners ?? [];
  const [base, next] = [find(compared.base), find(compared.next)];
  const byKey = new Map<string, { next?: LearnerGroup; base?: LearnerGroup }>();
  for (const l of next) byKey.set(l.key, { next: l });
  for (const l of base) byKey.set(l.key, { ...byKey.get(l.key), base: l });
  const colors = colorMap([...byKey.keys()]);
  return [...byKey].map(([key, g]) => {
    const row = compared.compare.rows.find((r) => r.problem === problem && r.key === key) ?? null;
    return {
      key,
      label: learnerLabel((g.next ?? g.base)?.label ?? key, row),
      color: colors.get(key) ?? "#333",
      base: g.base?.runs ?? [],
      next: g.next?.runs ?? [],
      row,
    };
  });
}

const flagged = (l: CompareLearner, figure: CompareFigureName) =>
  l.row?.figures[figure].verdict === "regression";

function series(
  l: CompareLearner,
  figure: CompareFigureName,
  points: (runs: RunRecord[]) => ComparePoint[],
  hover?: string,
): BoxSeries {
  return {
    key: l.key,
    label: l.label,
    color: l.color,
    points: { base: points(l.base), new: points(l.next) },
    regression: flagged(l, figure),
    ...(hover === undefined ? {} : { hover }),
  };
}

/**
 * The target a learner's cost counts to: its row's (the hardest target half of BASE's runs reached);
 * for a learner on one side only, the same rule over that side's runs. Null: not tested.
 */
function targetOf(l: CompareLearner): number | null {
  if (l.row !== null) return l.row.figures.costToTarget.target ?? null;
  return costTarget(l.base.length > 0 ? l.base : l.next);
}

function costSeries(l: CompareLearner): BoxSeries {
  const target = targetOf(l);
  if (target === null) return series(l, "costToTarget", () => []);
  return series(l, "costToTarget", (runs) => costPoints(runs, target), `target ${fmt(target)}`);
}

/**
 * The compare page's figures of one problem: the final test metric, the FLOPs to each learner's
 * target (log axis; runs that never reached it on a line at the top) and the training wall time, each
 * BASE beside NEW per learner. A figure with no point is left out.
 */
export function compareFigures(problem: ProblemGroup, learners: CompareLearner[]): Figure[] {
  const id = (name: string) => `compare-${name}-${problem.name}`;
  const metric = problem.metric;
  const figures = [
    compareBoxFigure({
      id: id("final"),
      title: `Final test ${metric.name} (${metric.higherIsBetter ? "higher" : "lower"} is better)`,
      yTitle: `final test ${metric.name}`,
      log: false,
      edge: { side: metric.higherIsBetter ? "bottom" : "top", label: "diverged (worst value)" },
      series: learners.map((l) => series(l, "finalMetric", finalPoints)),
    }),
    compareBoxFigure({
      id: id("cost"),
      title: "FLOPs to target (each learner's target in the table; lower is better)",
      yTitle: "FLOPs at first reach",
      log: true,
      edge: { side: "top", label: "not reached" },
      series: learners.map(costSeries),
    }),
    compareBoxFigure({
      id: id("wall"),
      title: "Training wall time (measured; machine-dependent, never flagged)",
      yTitle: "wall time (ms)",
      log: true,
      edge: { side: "top", label: "no time" },
      series: learners.map((l) => series(l, "wallMs", wallPoints)),
    }),
  ];
  return figures.filter((f): f is Figure => f !== null);
}
