import type { RunRecord } from "@arena/results";

/**
 * The value a run contributes to comparisons of the final test metric: its figure when it finished,
 * the worst possible value when it diverged (a diverged run lost), and nothing when it failed (a crash
 * says nothing about the algorithm; it is counted in `failed` instead).
 */
export function comparisonValue(r: RunRecord): number | null {
  if (r.status === "failed") return null;
  if (r.status === "diverged" || r.final === null || !Number.isFinite(r.final.testMetric)) {
    return r.metric.higherIsBetter ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return r.final.testMetric;
}

/** Training wall time of a run: the last checkpoint's (evaluation excluded), else the run's total. */
export function trainingWallMs(r: RunRecord): number {
  return r.trace.length > 0 ? r.trace[r.trace.length - 1].wallMs : r.measured.wallMs;
}
