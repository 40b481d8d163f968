import { bestOfKCurve } from "@arena/stats";
import type { TuningSearch } from "./tuning-search.ts";

/**
 * A tuned learner's best validation metric of k trials, for k = 1 … N (the trials on record): the
 * exact bootstrap distribution of the best of k trials drawn with replacement (`bestOfKCurve` of
 * `@arena/stats`) over the trials' scores. Values that are not finite (while diverged trials can fill
 * the k draws) are null: Plotly cannot draw ±∞, and a gap says "no finite value" where a number would lie.
 */
export interface BudgetCurve {
  key: string;
  label: string;
  k: number[];
  median: (number | null)[];
  q1: (number | null)[];
  q3: (number | null)[];
  mean: (number | null)[];
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The best-of-k curve of a search (empty arrays when it has no trial on record). */
export function budgetCurve(search: TuningSearch, higherIsBetter: boolean): BudgetCurve {
  const scores = search.outcomes.map((o) => o.score);
  const curve = scores.length > 0 ? bestOfKCurve(scores, higherIsBetter) : [];
  return {
    key: search.key,
    label: search.label,
    k: curve.map((c) => c.k),
    median: curve.map((c) => finiteOrNull(c.median)),
    q1: curve.map((c) => finiteOrNull(c.q1)),
    q3: curve.map((c) => finiteOrNull(c.q3)),
    mean: curve.map((c) => finiteOrNull(c.mean)),
  };
}

/**
 * The learners ranked by their median best of k trials (ties broken by the mean), best first, as
 * groups of labels whose median and mean are equal (scores of small validation sets tie often, and an
 * order among equals would claim what the data do not say). Curves without a finite median at k
 * (fewer trials, or mostly diverged) are left out.
 */
export function budgetRanking(curves: BudgetCurve[], k: number, higherIsBetter: boolean): string[][] {
  const sign = higherIsBetter ? -1 : 1;
  const at = curves
    .map((c) => ({ label: c.label, median: c.median[k - 1] ?? null, mean: c.mean[k - 1] ?? null }))
    .filter((c): c is { label: string; median: number; mean: number | null } => c.median !== null);
  // A null mean (a diverged trial can fill the k draws) is the worst mean there is.
  const meanKey = (m: number | null) => (m === null ? sign * Number.MAX_VALUE : m);
  at.sort((a, b) => sign * (a.median - b.median) || sign * (meanKey(a.mean) - meanKey(b.mean)));
  const groups: string[][] = [];
  let last: (typeof at)[number] | null = null;
  for (const c of at) {
    if (last !== null && last.median === c.median && last.mean === c.mean) groups.at(-1)?.push(c.label);
    else groups.push([c.label]);
    last = c;
  }
  return groups;
}

/** A ranking in words, e.g. "adam = sgd > ga". */
export function rankingText(groups: string[][]): string {
  return groups.map((g) => g.join(" = ")).join(" > ");
}
