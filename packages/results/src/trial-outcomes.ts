import type { RunRecord, RunStatus } from "./run-record.ts";

/** One trial of a hyperparameter search, over its seeds. */
export interface TrialOutcome {
  trial: number;
  params: Readonly<Record<string, number | string | boolean>>;
  /**
   * The selection score: the mean final validation metric over the trial's seeds. A seed that diverged,
   * failed or ended without a finite validation metric makes the score the worst value there is (−∞
   * when higher is better, +∞ otherwise): such a configuration is never chosen over one that finished.
   */
  score: number;
  /** "ok" when every seed finished; else "failed" if any seed failed, else "diverged". */
  status: RunStatus;
  /** Seed records found. */
  seeds: number;
  /** Deterministic cost, summed over the seeds. */
  flops: number;
  evaluations: number;
  /** Measured wall time of the seeds' runs, summed. */
  wallMs: number;
}

/** The worst score of a metric's direction. */
const worst = (higherIsBetter: boolean) => (higherIsBetter ? -Infinity : Infinity);

/**
 * The trials of one search (the trial records of one problem, model and learner), one outcome per trial
 * index in ascending order. Reads each record's validation figures and cost only: never its test figures.
 */
export function trialOutcomes(records: readonly RunRecord[], higherIsBetter: boolean): TrialOutcome[] {
  const byTrial = new Map<number, RunRecord[]>();
  for (const r of records) {
    if (r.tuning?.role !== "trial") continue;
    const list = byTrial.get(r.tuning.trial) ?? [];
    list.push(r);
    byTrial.set(r.tuning.trial, list);
  }
  return [...byTrial.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([trial, rs]) => {
      const finished = rs.every(
        (r) => r.status === "ok" && r.final !== null && Number.isFinite(r.final.valMetric),
      );
      const status: RunStatus = rs.some((r) => r.status === "failed")
        ? "failed"
        : rs.some((r) => r.status === "diverged")
          ? "diverged"
          : "ok";
      const sum = (f: (r: RunRecord) => number) => rs.reduce((s, r) => s + f(r), 0);
      return {
        trial,
        params: rs[0].tuning?.params ?? {},
        score: finished ? sum((r) => r.final?.valMetric ?? 0) / rs.length : worst(higherIsBetter),
        status,
        seeds: rs.length,
        flops: sum((r) => r.cost.flops),
        evaluations: sum((r) => r.cost.evaluations),
        wallMs: sum((r) => r.measured.wallMs),
      };
    });
}

/**
 * The trial a search chooses: the best score, the lowest trial index among equals (so a search whose
 * every trial diverged still names one, its first). Undefined when there are no trials.
 */
export function bestTrial(
  outcomes: readonly TrialOutcome[],
  higherIsBetter: boolean,
): TrialOutcome | undefined {
  let best: TrialOutcome | undefined;
  for (const o of outcomes) {
    if (!best || (higherIsBetter ? o.score > best.score : o.score < best.score)) best = o;
  }
  return best;
}
