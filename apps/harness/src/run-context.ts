import type { Problem } from "@arena/datasets";
import type { AnyModel, Learner } from "@arena/nn";
import type { Rng } from "@arena/rng";
import type * as z from "zod";
import type { RunSpec } from "./run-spec.ts";

/**
 * Builds a learner for one run: the model (already initialised), the problem, the config, the run's Rng,
 * and the run's budget in FLOPs and evaluations (Infinity where unlimited; epochs count as epochs ×
 * training samples), for learners that plan by it (the two-stage hybrid's share). Most ignore it.
 */
export type LearnerFactory = (
  model: AnyModel,
  problem: Problem,
  config: Record<string, unknown>,
  rng: Rng,
  budget: Readonly<{ flops: number; evaluations: number }>,
) => Learner;

export interface LearnerKind {
  readonly kind: string;
  readonly description: string;
  /** The schema of its config: validates a suite's configs before any run, and documents them. */
  readonly config: z.ZodType;
  readonly create: LearnerFactory;
}

export interface RunContext {
  learners: ReadonlyMap<string, LearnerKind>;
  /** Loads (or returns a cached copy of) the problem of a run, split with the run's data stream. */
  loadProblem(spec: RunSpec): Problem;
}
