import type { Model, Samples } from "@arena/nn";
import { parseOptions } from "@arena/options";
import { type Rng, type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import type { InitScheme } from "./init-scheme.ts";
import {
  checkCommonConfig,
  commonConfigJson,
  commonConfigShape,
  type ResolvedCommonConfig,
  resolveCommonConfig,
} from "./learner-config.ts";
import { ModelRandomSearch, type ModelRandomSearchState } from "./model-random-search.ts";
import { randomSearchFlopsPerGeneration } from "./optimizer-flops.ts";
import { PopulationLearner } from "./population-learner.ts";

/**
 * Random search draws from the model's initialiser by default, the distribution the GA's and the
 * PSO's first population come from, so that beating it measures what their search operators add
 * (the random-search baseline of Such et al. 2017). See the README's "Defaults" section.
 */
export const RANDOM_SEARCH_LEARNER_DEFAULTS = {
  population: 50,
  init: { kind: "initializer" } as InitScheme,
} as const;

/** Config of {@link randomSearchLearner} (plain JSON): the common keys only. */
export const RandomSearchLearnerConfig = z
  .strictObject(commonConfigShape(RANDOM_SEARCH_LEARNER_DEFAULTS))
  .superRefine((c, ctx) => {
    if (ctx.issues.length === 0) checkCommonConfig(c, ctx);
  });
export type RandomSearchLearnerConfig = z.input<typeof RandomSearchLearnerConfig>;

const OWNER = "randomSearchLearner";

/**
 * A learner that trains `model` by pure random search ({@link ModelRandomSearch}): each `step()`
 * scores `population` independent draws of `config.init` (default: the model's initialiser) and
 * keeps the best. It learns nothing from the scores: the floor for GA and PSO. `rng` is an Rng or a
 * seed.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * import { createModel } from "@arena/nn";
 * import { randomSearchLearner } from "@arena/neuroevolution";
 * const problem = getProblem("iris").load(new Rng(1));
 * const model = createModel(problem.model!, new Rng(2));
 * const rs = randomSearchLearner(model, problem, { init: { kind: "uniform", range: 1 } }, new Rng(3));
 * for (let g = 0; g < 20; g++) rs.step();
 * console.log(rs.currentLoss);
 * ```
 */
export function randomSearchLearner(
  model: Model,
  problem: { readonly train: Samples },
  config: RandomSearchLearnerConfig | Record<string, unknown>,
  rngLike: RngLike,
): PopulationLearner {
  const rng = toRng(rngLike, OWNER);
  const cfg = resolveCommonConfig(parseOptions(OWNER, RandomSearchLearnerConfig, config), problem.train.n);
  const initial = model.params.slice();
  const search = new ModelRandomSearch({
    model,
    initial,
    scheme: cfg.init,
    bounds: cfg.bounds,
    populationSize: cfg.population,
    rng: rng.fork("random-search"),
  });
  return assembleRandomSearchLearner(model, problem, cfg, search, initial, rng.fork("minibatch"));
}

/** The config recorded in a saved state, resolved again, with the search resumed from that state. */
export function resumeRandomSearch(
  config: unknown,
  optimizerState: unknown,
  model: Model,
  initial: Float32Array,
  trainSize: number,
): { cfg: ResolvedCommonConfig; search: ModelRandomSearch } {
  const cfg = resolveCommonConfig(parseOptions(OWNER, RandomSearchLearnerConfig, config), trainSize);
  const search = ModelRandomSearch.fromState(optimizerState as ModelRandomSearchState, model, initial);
  return { cfg, search };
}

/** Binds a search (new or resumed) to the model; shared by {@link randomSearchLearner} and `resumeLearner`. */
export function assembleRandomSearchLearner(
  model: Model,
  problem: { readonly train: Samples },
  cfg: ResolvedCommonConfig,
  search: ModelRandomSearch,
  initial: Float32Array,
  minibatchRng: Rng,
): PopulationLearner {
  return new PopulationLearner({
    name: "random-search",
    model,
    train: problem.train,
    optimizer: search,
    config: commonConfigJson(cfg),
    fitness: cfg.fitness,
    rescore: cfg.rescore,
    stagnation: cfg.stagnation,
    initial,
    minibatchRng,
    optimizerFlops: randomSearchFlopsPerGeneration(search.populationSize, model.size),
  });
}
