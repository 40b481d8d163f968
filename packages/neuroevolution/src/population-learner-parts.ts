import type { Model, Samples } from "@arena/nn";
import type { PopulationOptimizer } from "@arena/objectives";
import type { Rng } from "@arena/rng";
import type { FitnessSpec, RescoreSpec, StagnationSpec } from "./learner-config.ts";

/** The learner kinds of this package (what `resumeLearner` rebuilds). */
export type NeuroevolutionKind = "ga" | "pso" | "random-search";

/** What a {@link PopulationLearner} is built from; the factories assemble it. */
export interface PopulationLearnerParts {
  /** The learner's name (a {@link NeuroevolutionKind}, or another package's learner built on this class). */
  name: string;
  model: Model;
  train: Samples;
  /** Its candidates are already initialised; `state()` must give plain JSON. */
  optimizer: PopulationOptimizer<Float32Array>;
  /** The resolved config, plain JSON, kept for `state()`. */
  config: Record<string, unknown>;
  fitness: FitnessSpec;
  rescore: RescoreSpec | null;
  /** Early stop on a stalled search; null to run until the budget is spent. */
  stagnation: StagnationSpec | null;
  /** The model's weights when the learner was built: `current()` until something better is known. */
  initial: Float32Array;
  /** The stream minibatches are drawn from (unused with full fitness). */
  minibatchRng: Rng;
  /**
   * The largest population the optimizer will ask for, when it changes size between generations (as
   * L-SHADE's shrinks); default: its population size now.
   */
  capacity?: number;
  /** The optimizer's own arithmetic per generation. */
  optimizerFlops: number;
  /** Extra diagnostic series of the algorithm (e.g. PSO velocities). */
  extraDiagnostics?: (out: Record<string, number[]>) => void;
}
