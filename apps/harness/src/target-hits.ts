import type { TargetHit } from "@arena/results";
import type { RunSpec } from "./run-spec.ts";

/** The suite's target ladder for a run, none reached yet. */
export function unreachedTargets(spec: RunSpec): TargetHit[] {
  return (spec.targets?.values ?? []).map((target) => ({
    target,
    reached: false,
    flops: null,
    evaluations: null,
    step: null,
    wallMs: null,
  }));
}

/** The figures a target can be read on, at one checkpoint. */
export interface TargetFigures {
  valMetric: number;
  valLoss: number;
  trainLoss: number;
}

/**
 * Whether a checkpoint reaches a target of the ladder: the validation metric reaches it from the
 * metric's better side (≥ for accuracy, ≤ for RMSE); a loss reaches it from below.
 */
export function reachesTarget(
  on: NonNullable<RunSpec["targets"]>["on"],
  figures: TargetFigures,
  target: number,
  higherIsBetter: boolean,
): boolean {
  const value = figures[on];
  const lowerIsGoal = on !== "valMetric" || !higherIsBetter;
  return lowerIsGoal ? value <= target : value >= target;
}
