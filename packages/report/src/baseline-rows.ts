import type { BaselineSummary, RunRecord, Summary } from "@arena/results";

/** Groups records by a key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The row key of a record: `model/learner` (`baseline/<method>` for baselines). */
export const rowKey = (r: RunRecord): string => `${r.model.name}/${r.learner.name}`;

/** Baseline rows of one problem, in the order their records appear. */
export function baselineSummaries(
  baselines: readonly RunRecord[],
  summarize: (values: number[]) => Summary,
): BaselineSummary[] {
  const rows: BaselineSummary[] = [];
  for (const [key, rs] of groupBy(baselines, rowKey)) {
    // A baseline whose every fit failed has no role or figures to show; the run summary counts it.
    const info = rs.find((r) => r.baseline)?.baseline;
    if (!info) continue;
    const finals = rs.filter((r) => r.final !== null).map((r) => r.final!);
    rows.push({
      key,
      method: info.method,
      role: info.role,
      description: info.description,
      runs: rs.length,
      trainMetric: summarize(finals.map((f) => f.trainMetric)),
      valMetric: summarize(finals.map((f) => f.valMetric)),
      finalTestMetric: summarize(finals.map((f) => f.testMetric)),
    });
  }
  return rows;
}

/** The best training metric a run reached at any checkpoint (NaN when it has none). */
function bestTrainMetric(r: RunRecord, higher: boolean): number {
  let best = Number.NaN;
  for (const cp of r.trace) {
    const v = cp.trainMetric;
    if (Number.isFinite(v) && (Number.isNaN(best) || (higher ? v > best : v < best))) best = v;
  }
  return best;
}

/**
 * Runs that did not learn: their best training metric closed less than `fraction` of the way from the
 * trivial baseline's training metric (majority class, mean; same repetition, so the same split) to a
 * perfect fit (accuracy 1, RMSE 0). Runs without a trivial baseline of their repetition, and failed
 * runs, are not judged. Undefined when the problem has no trivial baseline.
 */
export function didNotLearn(
  runs: readonly RunRecord[],
  baselines: readonly RunRecord[],
  higher: boolean,
  fraction: number,
): { runs: number; of: number } | undefined {
  const trivial = new Map<number, number>();
  for (const b of baselines) {
    if (b.baseline?.role === "trivial" && b.final) trivial.set(b.repetition, b.final.trainMetric);
  }
  if (trivial.size === 0) return undefined;
  const ideal = higher ? 1 : 0;
  let judged = 0;
  let stuck = 0;
  for (const r of runs) {
    const floor = trivial.get(r.repetition);
    if (r.status === "failed" || floor === undefined || !Number.isFinite(floor)) continue;
    judged++;
    const best = bestTrainMetric(r, higher);
    const gap = ideal - floor;
    // A floor already at a perfect fit leaves nothing to learn; count the run as learned.
    if (gap === 0) continue;
    if (!Number.isFinite(best) || (best - floor) / gap < fraction) stuck++;
  }
  return { runs: stuck, of: judged };
}

/**
 * The baselines whose median test metric beats `median`: a learner that ends there is worse than a model
 * that needed no training budget.
 */
export function worseThanBaselines(
  median: number | null,
  baselines: readonly BaselineSummary[],
  higher: boolean,
): string[] {
  if (median === null) return [];
  return baselines
    .filter((b) => b.finalTestMetric.median !== null)
    .filter((b) => {
      const m = b.finalTestMetric.median as number;
      return higher ? m > median : m < median;
    })
    .map((b) => b.key);
}
