import type { RunRecord } from "@arena/results";

/** Costs a target hit records. */
export const TARGET_COSTS = ["flops", "evaluations", "wallMs"] as const;
export type TargetCost = (typeof TARGET_COSTS)[number];

/** Time-to-target figures of one learner for one target of the ladder. */
export interface TargetOutcome {
  target: number;
  /** Runs that count: every run except failed ones (a crash says nothing about the algorithm). */
  runs: number;
  /** Cost at first reach of each run that reached it. */
  hits: number[];
  successRate: number;
}

/**
 * Cost to reach each target of the ladder, per target, over a learner's runs (failed runs excluded,
 * as in the harness's report; a diverged run counts as a run that did not reach what it missed).
 */
export function targetOutcomes(runs: RunRecord[], ladder: number[], cost: TargetCost): TargetOutcome[] {
  const counted = runs.filter((r) => r.status !== "failed");
  return ladder.map((target, t) => {
    const hits: number[] = [];
    for (const r of counted) {
      const hit = r.targets[t];
      const c = hit?.reached ? hit[cost] : null;
      if (c !== null && c !== undefined) hits.push(c);
    }
    return {
      target,
      runs: counted.length,
      hits,
      successRate: counted.length > 0 ? hits.length / counted.length : 0,
    };
  });
}

/** `hits[run][target]` (null when not reached) for the ECDF, failed runs excluded. */
export function hitTable(runs: RunRecord[], ladder: number[], cost: TargetCost): (number | null)[][] {
  return runs
    .filter((r) => r.status !== "failed")
    .map((r) =>
      ladder.map((_, t) => {
        const hit = r.targets[t];
        return hit?.reached ? hit[cost] : null;
      }),
    );
}

/** The label of a target: "≥ 0.9" when higher is better, else "≤ 0.1". */
export function targetLabel(target: number, higherIsBetter: boolean): string {
  return `${higherIsBetter ? "≥" : "≤"} ${target}`;
}
