import type { RunLimits, RunProgress } from "@arena/nn";
import { logCheckpoints } from "./checkpoint-schedule.ts";
import type { RunSpec } from "./run-spec.ts";

/** The unit that drives a run's checkpoints: its first budget in the order of precedence. */
export type PrimaryUnit = "flops" | "evaluations" | "epochs" | "wallMs";

/** Which budget drives the checkpoints and the stopping rule, in the order of precedence. */
export function primaryUnit(spec: RunSpec): PrimaryUnit {
  const b = spec.budget;
  if (b.flops !== undefined) return "flops";
  if (b.evaluations !== undefined) return "evaluations";
  if (b.epochs !== undefined) return "epochs";
  return "wallMs";
}

/** A run's limits and its checkpoint schedule, from the spec's budget. */
export interface RunBudget {
  limits: Required<Omit<RunLimits, "steps">>;
  /** After a step: whether it crossed one or more of the log-spaced checkpoint thresholds. */
  checkpointDue(progress: Readonly<RunProgress>): boolean;
}

/**
 * The limits of a run (epochs count as epochs × training samples, in evaluations) and its checkpoints:
 * `spec.checkpoints.count` log-spaced thresholds of the primary unit's budget.
 */
export function runBudget(spec: RunSpec, trainN: number): RunBudget {
  const b = spec.budget;
  const limits = {
    flops: b.flops ?? Number.POSITIVE_INFINITY,
    evaluations: Math.min(
      b.evaluations ?? Number.POSITIVE_INFINITY,
      b.epochs !== undefined ? b.epochs * trainN : Number.POSITIVE_INFINITY,
    ),
    wallMs: b.wallMs ?? Number.POSITIVE_INFINITY,
  };
  const unit = primaryUnit(spec);
  const total = unit === "flops" ? limits.flops : unit === "wallMs" ? limits.wallMs : limits.evaluations;
  const thresholds = logCheckpoints(total, spec.checkpoints.count, spec.checkpoints.first);
  const progressOf = (p: Readonly<RunProgress>) =>
    unit === "flops" ? p.flops : unit === "wallMs" ? p.wallMs : p.evaluations;
  let next = 0;
  return {
    limits,
    checkpointDue(p) {
      const at = next;
      while (next < thresholds.length && progressOf(p) >= thresholds[next]) next++;
      return next > at;
    },
  };
}
