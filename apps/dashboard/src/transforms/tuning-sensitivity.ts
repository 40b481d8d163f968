import type { RunStatus, TuningInfo } from "@arena/results";
import type { TuningSearch } from "./tuning-search.ts";

/** How a hyperparameter's axis is drawn: log or linear numbers, or categories in the space's order. */
export type ParamAxis = { kind: "log" } | { kind: "linear" } | { kind: "category"; categories: string[] };

type ParamValue = number | string | boolean;

/** One trial in a sensitivity panel. */
export interface SensitivityPoint {
  trial: number;
  /** The trial's value of the panel's hyperparameter (a category's label on a category axis). */
  x: number | string;
  /** The selection score (mean final validation metric); ±∞ when the trial did not finish. */
  score: number;
  /** Where it is drawn: the score, or `unfinishedY` for a trial that did not finish. */
  y: number;
  finished: boolean;
  status: RunStatus;
  chosen: boolean;
  params: Readonly<Record<string, ParamValue>>;
}

/** One hyperparameter of a search: its axis and every trial that has a value for it. */
export interface SensitivityPanel {
  param: string;
  axis: ParamAxis;
  points: SensitivityPoint[];
}

/** A search's sensitivity panels, one per hyperparameter, sharing one y axis. */
export interface SensitivityPlot {
  panels: SensitivityPanel[];
  /** The y at which trials that did not finish are drawn: just past the worst finished score. */
  unfinishedY: number;
  /** Trials that did not finish (diverged, failed, or no finite validation metric). */
  unfinished: number;
}

/** A category's label: numbers as written in the suite (16, 0.5), strings and booleans as they are. */
export const categoryLabel = (v: ParamValue): string => String(v);

/**
 * The axis of a hyperparameter from its search-space entry: `values` → categories (in the space's
 * order, then any value met that is not listed); `scale: "log"` → log, unless a value is ≤ 0, which a
 * log axis cannot show; else linear. Without an entry, numbers are linear and anything else categories.
 */
export function paramAxis(entry: TuningInfo["space"][string] | undefined, values: ParamValue[]): ParamAxis {
  const listed = Array.isArray(entry?.values) ? entry.values : null;
  const numeric = values.every((v) => typeof v === "number");
  if (listed !== null || !numeric) {
    const categories = (listed ?? []).map((v) => categoryLabel(v as ParamValue));
    for (const v of values) if (!categories.includes(categoryLabel(v))) categories.push(categoryLabel(v));
    return { kind: "category", categories };
  }
  if (entry?.scale === "log" && values.every((v) => (v as number) > 0)) return { kind: "log" };
  return { kind: "linear" };
}

/**
 * Where trials that did not finish are drawn: 8% of the finished scores' range past the worst of them
 * (below it when higher is better, above it otherwise), so they sit apart at the bad end of the panel.
 * With one finished score, 5% of its size (or 0.05 at 0); with none, 0.
 */
export function unfinishedLevel(scores: number[], higherIsBetter: boolean): number {
  const finite = scores.filter(Number.isFinite);
  if (finite.length === 0) return 0;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = hi > lo ? 0.08 * (hi - lo) : Math.abs(hi) > 0 ? 0.05 * Math.abs(hi) : 0.05;
  return higherIsBetter ? lo - pad : hi + pad;
}

/** The panel of one hyperparameter. */
function panel(search: TuningSearch, param: string, unfinishedY: number): SensitivityPanel {
  const withValue = search.outcomes.filter((o) => o.params[param] !== undefined);
  const axis = paramAxis(
    search.space[param],
    withValue.map((o) => o.params[param]),
  );
  const points = withValue.map((o) => {
    const value = o.params[param];
    const finished = Number.isFinite(o.score);
    return {
      trial: o.trial,
      x: axis.kind === "category" ? categoryLabel(value) : (value as number),
      score: o.score,
      y: finished ? o.score : unfinishedY,
      finished,
      status: o.status,
      chosen: search.chosen?.trial === o.trial,
      params: o.params,
    };
  });
  return { param, axis, points };
}

/**
 * For each hyperparameter of a search (the space's, in its order, then any other the trials set):
 * every trial's value against its score, so a reader sees where the metric is flat and where it falls
 * off. A trial that did not finish has score ±∞, which no axis can show: it is drawn at `unfinishedY`.
 */
export function sensitivity(search: TuningSearch, higherIsBetter: boolean): SensitivityPlot {
  const params = Object.keys(search.space);
  for (const o of search.outcomes)
    for (const p of Object.keys(o.params)) if (!params.includes(p)) params.push(p);
  const unfinishedY = unfinishedLevel(
    search.outcomes.map((o) => o.score),
    higherIsBetter,
  );
  return {
    panels: params.map((p) => panel(search, p, unfinishedY)),
    unfinishedY,
    unfinished: search.outcomes.filter((o) => !Number.isFinite(o.score)).length,
  };
}
