import { bestTrial, type TrialOutcome, type TuningInfo, trialOutcomes } from "@arena/results";
import type { TunedGroup } from "../data/groups.ts";

/** What a tuned learner's search tried, what it chose, and what it cost. */
export interface TuningSearch {
  key: string;
  label: string;
  /** One per trial on record, by trial index (score = mean final validation metric; ±∞ = did not finish). */
  outcomes: TrialOutcome[];
  /** The trial chosen (see {@link tuningSearch}); null when no trial is on record. */
  chosen: TrialOutcome | null;
  /** The chosen trial's selection score as the final runs recorded it, else the outcome's. */
  chosenScore: number | null;
  /** Trials the protocol planned (N), seeds per trial (k), and how the points were drawn. */
  trials: number;
  seeds: number;
  sampler: string;
  /** The search space by option path, as the records carry it. */
  space: TuningInfo["space"];
  /** Trials by outcome (a trial did not finish when any of its seeds diverged or failed). */
  counts: { ok: number; diverged: number; failed: number };
  /** Every trial run: deterministic cost, and measured wall time, summed. */
  cost: { runs: number; flops: number; evaluations: number; wallMs: number };
}

/**
 * A tuned learner's search from its trial records (`trialOutcomes` of `@arena/results`, the rule the
 * harness selects with). The chosen trial is the one the final runs name, as that is what was re-run
 * and reported; a search without final runs (interrupted) falls back to `bestTrial`, the same rule.
 */
export function tuningSearch(group: TunedGroup, higherIsBetter: boolean): TuningSearch {
  const outcomes = trialOutcomes(group.trials, higherIsBetter);
  const final = group.finals.find((r) => r.tuning !== undefined)?.tuning;
  const chosen =
    (final ? outcomes.find((o) => o.trial === final.trial) : undefined) ??
    bestTrial(outcomes, higherIsBetter) ??
    null;
  const info = group.trials[0]?.tuning;
  const count = (status: TrialOutcome["status"]) => outcomes.filter((o) => o.status === status).length;
  const sum = (f: (o: TrialOutcome) => number) => outcomes.reduce((s, o) => s + f(o), 0);
  return {
    key: group.key,
    label: group.label,
    outcomes,
    chosen,
    chosenScore: final?.score ?? chosen?.score ?? null,
    trials: info?.trials ?? outcomes.length,
    seeds: info?.seeds ?? 1,
    sampler: info?.sampler ?? "quasirandom",
    space: info?.space ?? {},
    counts: { ok: count("ok"), diverged: count("diverged"), failed: count("failed") },
    cost: {
      runs: group.trials.length,
      flops: sum((o) => o.flops),
      evaluations: sum((o) => o.evaluations),
      wallMs: sum((o) => o.wallMs),
    },
  };
}
