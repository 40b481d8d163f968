import { bestTrial, parseRecord, type RunRecord, trialOutcomes } from "@arena/results";
import { ResultsStore } from "./results-store.ts";
import type { SuitePlan, TunedGroup } from "./run-plan.ts";
import type { RunSpec } from "./run-spec.ts";

/** The final runs that the trials on record allow, and the tuned groups still waiting for trials. */
export interface FinalsPlan {
  runs: RunSpec[];
  waiting: { key: string; missing: number; of: number }[];
}

/**
 * The trial records of `out/results.jsonl` that the plan expects: same run id and same config hash (a
 * record of another configuration of the trial is not its result). Other lines are skipped here; the
 * results store has already set unreadable ones aside.
 */
export function readTrialRecords(out: string, plan: SuitePlan): Map<string, RunRecord> {
  const isTrial = plannedTrial(plan);
  const found = new Map<string, RunRecord>();
  ResultsStore.read(out, (line) => {
    // Only a trial's run id holds "~trial-": the other records are not parsed at all.
    const r = line.includes("~trial-") ? parseRecord(line) : null;
    if (!r?.ok || !isTrial(r.record)) return { ok: false, reason: "not a trial" };
    found.set(r.record.runId, r.record);
    return { ok: true, runId: r.record.runId };
  });
  return found;
}

/** Whether a record is the result of one of the plan's trials: its run id and config hash. */
export function plannedTrial(plan: SuitePlan): (record: RunRecord) => boolean {
  const hashes = new Map(
    plan.runs.filter((r) => r.tuning?.role === "trial").map((r) => [r.runId, r.configHash]),
  );
  return (record) => hashes.get(record.runId) === record.configHash;
}

/**
 * The choice of one tuned group from its trial records: the trial with the best mean final validation
 * metric (`trialOutcomes`, `bestTrial`): test figures are never read. Null while a trial has no record.
 */
export function chooseTrial(group: TunedGroup, records: Map<string, RunRecord>) {
  const recs = group.trialRunIds.map((id) => records.get(id));
  if (recs.some((r) => r === undefined)) return null;
  const rs = recs as RunRecord[];
  const higher = (rs.find((r) => r.status !== "failed") ?? rs[0]).metric.higherIsBetter;
  const best = bestTrial(trialOutcomes(rs, higher), higher);
  if (!best) return null;
  const sum = (f: (r: RunRecord) => number) => rs.reduce((s, r) => s + f(r), 0);
  return {
    trial: best.trial,
    score: best.score,
    cost: { runs: rs.length, flops: sum((r) => r.cost.flops), evaluations: sum((r) => r.cost.evaluations) },
  };
}

/**
 * Plans the final runs of every tuned group whose trials all have records: the chosen configuration on
 * the suite's repetitions, with the untuned runs' ids and seeds (fresh: no trial used them). Each final
 * run's plan index follows the whole first plan, group by group, so shards split them the same way on
 * every machine.
 */
export function planFinals(
  plan: SuitePlan,
  repetitions: number,
  records: Map<string, RunRecord>,
): FinalsPlan {
  const runs: RunSpec[] = [];
  const waiting: FinalsPlan["waiting"] = [];
  plan.tuned.forEach((group, gi) => {
    const choice = chooseTrial(group, records);
    if (!choice) {
      const missing = group.trialRunIds.filter((id) => !records.has(id)).length;
      waiting.push({ key: group.key, missing, of: group.trialRunIds.length });
      return;
    }
    for (let rep = 0; rep < repetitions; rep++)
      runs.push({ index: plan.runs.length + gi * repetitions + rep, ...group.final(rep, choice) });
  });
  return { runs, waiting };
}

/** The run ids the tuned groups' final runs will have (the untuned ids), known before any trial ran. */
export function finalRunIds(plan: SuitePlan, repetitions: number): string[] {
  const probe = { trial: 0, score: 0, cost: { runs: 0, flops: 0, evaluations: 0 } };
  return plan.tuned.flatMap((g) =>
    Array.from({ length: repetitions }, (_, rep) => g.final(rep, probe).runId),
  );
}
