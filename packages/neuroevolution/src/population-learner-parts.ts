import type { Cost, Model, Samples } from "@arena/nn";
import type { PopulationOptimizer } from "@arena/objectives";
import type { Rng } from "@arena/rng";
import type { FitnessSpec, RescoreSpec, StagnationSpec } from "./learner-config.ts";

/** The learner kinds of this package (what `resumeLearner` rebuilds). */
export type NeuroevolutionKind = "ga" | "pso" | "random-search" | "cmaes" | "snes" | "openai-es" | "shade";

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
  /**
   * The optimizer's own arithmetic per generation: a number, or a function of the population size
   * when that changes between generations (L-SHADE's move is charged at the size it moves).
   */
  optimizerFlops: number | ((populationSize: number) => number);
  /** Extra diagnostic series of the algorithm (e.g. PSO velocities). */
  extraDiagnostics?: (out: Record<string, number[]>) => void;
}

/**
 * A local search run on candidates before they are scored: the hook of memetic algorithms, whose
 * candidates each take a few gradient steps (`@arena/hybrids`). Set with `PopulationLearner.setRefiner`.
 */
export interface CandidateRefiner {
  /**
   * The most refining one candidate may cost. The learner adds it to each candidate's scoring cost when
   * it cuts a generation to an allowance, so a cut step still fits.
   */
  readonly perCandidate: Cost;
  /**
   * Improves candidates from..end−1 of `rows` (the optimizer's, `model.size` values each) and returns the
   * array whose rows from..end−1 are then scored, with what the refinement cost (at most `perCandidate`
   * per candidate). Lamarckian: improves `rows` in place and returns it, so the optimizer is told, and
   * breeds from, the improved weights. Baldwinian: leaves `rows` alone and returns an array of its own
   * holding improved copies, so only the scores change; its rows before `from` must still hold the copies
   * of the generation's earlier candidates (a generation cut to an allowance is scored in parts).
   */
  refine(rows: Float32Array, from: number, end: number): { scored: Float32Array; cost: Cost };
}
