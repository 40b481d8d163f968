import { bestTrial, type RunRecord, type TuningSummary, trialOutcomes } from "@arena/results";
import { bestOfKCurve } from "@arena/stats";
import { groupBy, rowKey } from "./baseline-rows.ts";

/**
 * The searches of a problem's tuned learners, one per (model, learner), from their trial records: the
 * trial chosen on validation (the same rule the harness applies: `trialOutcomes`, `bestTrial`), the
 * outcomes, the cost of every trial run, and the best-of-k curve. Reads validation figures and costs only.
 */
export function tuningSummaries(trials: readonly RunRecord[], higherIsBetter: boolean): TuningSummary[] {
  return [...groupBy(trials, rowKey).entries()].map(([key, rs]) => {
    const outcomes = trialOutcomes(rs, higherIsBetter);
    const best = bestTrial(outcomes, higherIsBetter);
    const info = rs[0].tuning;
    const count = (status: string) => outcomes.filter((o) => o.status === status).length;
    const sum = (f: (r: RunRecord) => number) => rs.reduce((s, r) => s + f(r), 0);
    return {
      key,
      trials: info?.trials ?? outcomes.length,
      seeds: info?.seeds ?? 1,
      sampler: info?.sampler ?? "quasirandom",
      ok: count("ok"),
      diverged: count("diverged"),
      failed: count("failed"),
      chosen: best ? { trial: best.trial, params: { ...best.params }, score: best.score } : null,
      cost: {
        runs: rs.length,
        flops: sum((r) => r.cost.flops),
        evaluations: sum((r) => r.cost.evaluations),
        wallMs: sum((r) => r.measured.wallMs),
      },
      bestOfK:
        outcomes.length > 0
          ? bestOfKCurve(
              outcomes.map((o) => o.score),
              higherIsBetter,
            )
          : [],
    };
  });
}
