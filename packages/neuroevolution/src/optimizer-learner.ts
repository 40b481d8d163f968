import type { Model, Samples } from "@arena/nn";
import type { PopulationOptimizer } from "@arena/objectives";
import { type Rng, type RngLike, toRng } from "@arena/rng";
import { clampSymmetric } from "./init-scheme.ts";
import {
  commonConfigJson,
  type ParsedCommonConfig,
  type ResolvedCommonConfig,
  resolveCommonConfig,
} from "./learner-config.ts";
import type { NeuroevolutionState } from "./neuroevolution-state.ts";
import { PopulationLearner } from "./population-learner.ts";
import type { NeuroevolutionKind, PopulationLearnerParts } from "./population-learner-parts.ts";

/**
 * The factory code the CMA-ES, SNES, OpenAI-ES and SHADE learners share: each describes itself as an
 * {@link OptimizerLearnerKind} (its config schema, how it builds, resumes and charges its optimizer) and
 * {@link buildOptimizerLearner} / {@link resumeOptimizerLearner} do the rest the same way for all, as
 * the GA and PSO factories do by hand.
 */

/** What a kind's optimizer is built from. */
export interface KindSetup {
  readonly model: Model;
  readonly train: Samples;
  readonly common: ResolvedCommonConfig;
  /** The model's weights when the learner was built, clamped into ±bounds: where the search starts. */
  readonly start: Float32Array;
  /** The learner's stream; kinds fork their own streams from it by label. */
  readonly rng: Rng;
}

/** One learner kind built on an optimizer package: its config block `B` and its optimizer `O`. */
export interface OptimizerLearnerKind<
  C extends ParsedCommonConfig,
  B,
  O extends PopulationOptimizer<Float32Array>,
> {
  readonly name: NeuroevolutionKind;
  /** The factory's name, for errors. */
  readonly owner: string;
  /** The key of the algorithm's own block in the config (`cmaes`, `snes`, …). */
  readonly key: string;
  /** Parses a config with the kind's schema (throws an `OptionsError`). */
  parse(config: unknown): C;
  /** A new optimizer for a parsed config (its first population or distribution at `setup.start`). */
  create(c: C, setup: KindSetup): O;
  /**
   * The algorithm block with every default filled in, read from the optimizer's settings (and the
   * config it was built from), as `state()` records it: plain JSON the schema accepts again.
   */
  blockOf(optimizer: O, c: C): B;
  /** The optimizer resumed from its `state()`, in float32. */
  fromState(state: unknown): O;
  /** Its own arithmetic per generation (`es-flops.ts`), or per generation of a given population size. */
  optimizerFlops(optimizer: O, dim: number): number | ((populationSize: number) => number);
  /** The largest population it will ask for (L-SHADE's first); default: its population now. */
  capacity?(optimizer: O): number;
  /** Extra diagnostic series. */
  diagnostics?(optimizer: O, out: Record<string, number[]>): void;
}

/**
 * A {@link PopulationLearner} that is also finished once its optimizer has stopped by its own criteria
 * (CMA-ES's tolX, tolFun, condition number; the learner keeps one run, so nothing more would be
 * learned: its distribution is frozen).
 */
class OptimizerLearner extends PopulationLearner {
  override finished(): boolean {
    return super.finished() || this.optimizer.stopped?.() === true;
  }
}

/** Builds a learner of `kind` for `model` (the harness's factory signature). */
export function buildOptimizerLearner<
  C extends ParsedCommonConfig,
  B,
  O extends PopulationOptimizer<Float32Array>,
>(
  kind: OptimizerLearnerKind<C, B, O>,
  model: Model,
  problem: { readonly train: Samples },
  config: unknown,
  rngLike: RngLike,
): PopulationLearner {
  const c = kind.parse(config);
  const rng = toRng(rngLike, kind.owner);
  const common = resolveCommonConfig(c, problem.train.n);
  const initial = model.params.slice();
  const start = initial.slice();
  clampSymmetric(start, common.bounds);
  const optimizer = kind.create(c, { model, train: problem.train, common, start, rng });
  const block = kind.blockOf(optimizer, c);
  return assemble(kind, model, problem, common, block, optimizer, initial, rng.fork("minibatch"));
}

/** Rebuilds a learner of `kind` from a saved state (the counters are restored by the caller). */
export function resumeOptimizerLearner<
  C extends ParsedCommonConfig,
  B,
  O extends PopulationOptimizer<Float32Array>,
>(
  kind: OptimizerLearnerKind<C, B, O>,
  model: Model,
  problem: { readonly train: Samples },
  state: NeuroevolutionState,
  initial: Float32Array,
  minibatchRng: Rng,
): PopulationLearner {
  const c = kind.parse(state.config);
  const common = resolveCommonConfig(c, problem.train.n);
  const optimizer = kind.fromState(state.optimizer);
  return assemble(kind, model, problem, common, kind.blockOf(optimizer, c), optimizer, initial, minibatchRng);
}

/** {@link resumeOptimizerLearner} bound to one kind, so that kinds of different configs share a table. */
export type ResumeKind = (
  model: Model,
  problem: { readonly train: Samples },
  state: NeuroevolutionState,
  initial: Float32Array,
  minibatchRng: Rng,
) => PopulationLearner;

export function resumerOf<C extends ParsedCommonConfig, B, O extends PopulationOptimizer<Float32Array>>(
  kind: OptimizerLearnerKind<C, B, O>,
): ResumeKind {
  return (model, problem, state, initial, minibatchRng) =>
    resumeOptimizerLearner(kind, model, problem, state, initial, minibatchRng);
}

function assemble<C extends ParsedCommonConfig, B, O extends PopulationOptimizer<Float32Array>>(
  kind: OptimizerLearnerKind<C, B, O>,
  model: Model,
  problem: { readonly train: Samples },
  common: ResolvedCommonConfig,
  block: B,
  optimizer: O,
  initial: Float32Array,
  minibatchRng: Rng,
): PopulationLearner {
  const parts: PopulationLearnerParts = {
    name: kind.name,
    model,
    train: problem.train,
    optimizer,
    config: { ...commonConfigJson(common), [kind.key]: structuredClone(block) },
    fitness: common.fitness,
    rescore: common.rescore,
    stagnation: common.stagnation,
    initial,
    minibatchRng,
    capacity: kind.capacity?.(optimizer),
    optimizerFlops: kind.optimizerFlops(optimizer, model.size),
    extraDiagnostics: kind.diagnostics && ((out) => kind.diagnostics?.(optimizer, out)),
  };
  return new OptimizerLearner(parts);
}
