import { ecdfSteps, type HitTable } from "@arena/stats";

/**
 * The runtime ECDF over (run, target) pairs, as COCO and IOHprofiler draw it: for each budget b, the
 * fraction of all pairs whose target was reached at a cost ≤ b, as a step function at its jumps
 * (`ecdfSteps` of `@arena/stats`), with the count of pairs reached for the legend.
 */
export interface EcdfCurve {
  /** Distinct hitting costs, ascending. */
  costs: number[];
  /** Fraction of pairs reached at a cost ≤ `costs[i]`. */
  fractions: number[];
  /** Number of (run, target) pairs: the denominator. */
  pairs: number;
  /** Pairs reached by the end. */
  reached: number;
}

/**
 * The ECDF of `hits[r][t]`, run r's cost at first reaching target t (null when it never did), computed
 * by `@arena/stats`' `ecdfSteps`. A learner with no run to count (all failed) has an empty curve of
 * 0 pairs, where `ecdfSteps` would refuse an empty table.
 *
 * @example
 * ```ts
 * // two runs, targets [0.8, 0.9]: run 0 reached them at 100 and 400, run 1 only the first, at 250
 * ecdfCurve([[100, 400], [250, null]]); // { costs: [100, 250, 400], fractions: [0.25, 0.5, 0.75], pairs: 4, reached: 3 }
 * ```
 */
export function ecdfCurve(hits: HitTable): EcdfCurve {
  if (hits.length === 0) return { costs: [], fractions: [], pairs: 0, reached: 0 };
  const steps = ecdfSteps(hits);
  return {
    costs: steps.costs,
    fractions: steps.fractions,
    pairs: steps.pairs,
    reached: steps.counts.at(-1) ?? 0,
  };
}

/**
 * The points of an ECDF drawn as a step line (Plotly `line.shape: "hv"`) from `start` to `end`: it
 * begins at 0, jumps at each hitting cost and stays flat to the end of the budget, so a learner that
 * stops improving shows a plateau rather than a line that just ends. Hitting costs below `start`
 * (e.g. a target reached at cost 0, which a log axis cannot show) are drawn at `start`.
 */
export function ecdfStepPoints(curve: EcdfCurve, start: number, end: number): { x: number[]; y: number[] } {
  const x = [start];
  const y = [0];
  for (let i = 0; i < curve.costs.length; i++) {
    const c = Math.max(curve.costs[i], start);
    if (c === x[x.length - 1]) y[y.length - 1] = curve.fractions[i];
    else {
      x.push(c);
      y.push(curve.fractions[i]);
    }
  }
  if (end > x[x.length - 1]) {
    x.push(end);
    y.push(y[y.length - 1]);
  }
  return { x, y };
}
