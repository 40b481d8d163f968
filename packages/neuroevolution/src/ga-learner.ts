import {
  checkPopulationLimits,
  GeneticAlgorithm,
  type GeneticAlgorithmSettings,
  type GeneticAlgorithmState,
  type GeneticOperatorDefaults,
  geneticOperatorOptions,
} from "@arena/genetic";
import type { Model, Samples } from "@arena/nn";
import { parseOptions } from "@arena/options";
import { type Rng, type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import { CandidateSampler, type InitScheme, rowsOf } from "./init-scheme.ts";
import {
  checkCommonConfig,
  commonConfigJson,
  commonConfigShape,
  type ResolvedCommonConfig,
  resolveCommonConfig,
} from "./learner-config.ts";
import { gaFlopsPerGeneration } from "./optimizer-flops.ts";
import { PopulationLearner } from "./population-learner.ts";

/**
 * The learner's GA defaults, the "deep GA" recipe of Such et al. (2017) rather than the GA package's
 * test-function defaults: truncation selection of the best 20 %, no crossover (crossing two networks
 * mixes hidden units that play different roles, the "competing conventions" problem; Stanley &
 * Miikkulainen 2002), Gaussian mutation of every weight, one elite (re-scored each generation).
 * σ = 0.01 of the span 2·bounds, i.e. 0.2 in weight units with the default bounds ±10. The README's
 * "Defaults" section shows the XOR and iris runs behind the choice.
 */
export const GA_LEARNER_DEFAULTS = {
  population: 50,
  init: { kind: "initializer" } as InitScheme,
  ga: {
    elitism: 1,
    selection: { kind: "truncation", fraction: 0.2 },
    crossover: { kind: "uniform" },
    crossoverRate: 0,
    mutation: { kind: "gaussian", sigma: 0.01, geneRate: 1 },
    mutationRate: 1,
  } as GeneticOperatorDefaults,
} as const;

/**
 * The GA's own options, passed to `GeneticAlgorithm` (population and bounds come from the top level),
 * with the learner's defaults. Note: a Gaussian `sigma` is a fraction of the span 2·bounds (the GA
 * package's convention).
 */
export const GaBlock = geneticOperatorOptions(GA_LEARNER_DEFAULTS.ga).describe(
  "the GA's own options, as in @arena/genetic (population and bounds are set at the top level)",
);
export type GaBlock = z.input<typeof GaBlock>;

/** Config of {@link gaLearner} (plain JSON): the schema gives its type, defaults, checks and docs. */
export const GaLearnerConfig = z
  .strictObject({ ...commonConfigShape(GA_LEARNER_DEFAULTS), ga: GaBlock.prefault({}) })
  .superRefine((c, ctx) => {
    if (ctx.issues.length > 0) return;
    checkCommonConfig(c, ctx);
    checkPopulationLimits(c.ga, c.population, ctx, ["ga"]);
  });
export type GaLearnerConfig = z.input<typeof GaLearnerConfig>;

/** {@link GaLearnerConfig} resolved: every default filled in, as recorded in `state()`. */
export interface ResolvedGaConfig extends ResolvedCommonConfig {
  ga: Omit<GeneticAlgorithmSettings, "populationSize" | "lower" | "upper" | "initLower" | "initUpper">;
}

const OWNER = "gaLearner";

/** The resolved GA options without the parts the learner sets itself. */
function gaBlockOf(settings: GeneticAlgorithmSettings): ResolvedGaConfig["ga"] {
  const { populationSize: _p, lower: _l, upper: _u, initLower: _il, initUpper: _iu, ...ga } = settings;
  return structuredClone(ga);
}

/**
 * A learner that trains `model` with a real-coded genetic algorithm (`@arena/genetic`) over its flat
 * parameter vector; one `step()` is one generation. Built from a harness config (plain JSON,
 * {@link GaLearnerConfig}); the population starts as the model's initial weights (row 0) and draws of
 * `config.init` (default: the model's own initialiser), inside the box ±`bounds`. `rng` is an Rng or a
 * seed. The GA works in float32 (`precision: "float32"`), the precision of the model's weights.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * import { createModel } from "@arena/nn";
 * import { gaLearner } from "@arena/neuroevolution";
 * const problem = getProblem("xor").load(new Rng(1));
 * const model = createModel(problem.model!, new Rng(2));
 * const ga = gaLearner(model, problem, { population: 50 }, new Rng(3));
 * for (let g = 0; g < 300; g++) ga.step();
 * console.log(ga.currentLoss, model.evaluate(problem.train, { params: ga.current() }).accuracy);
 * ```
 */
export function gaLearner(
  model: Model,
  problem: { readonly train: Samples },
  config: GaLearnerConfig | Record<string, unknown>,
  rngLike: RngLike,
): PopulationLearner {
  const c = parseOptions(OWNER, GaLearnerConfig, config);
  const rng = toRng(rngLike, OWNER);
  const common = resolveCommonConfig(c, problem.train.n);
  const initial = model.params.slice();
  const dim = model.size;
  const n = common.population;
  const pop = new Float32Array(n * dim);
  new CandidateSampler(common.init, model, initial, common.bounds).fill(rng.fork("init"), pop, n);
  const ga = new GeneticAlgorithm({
    ...c.ga,
    dim,
    populationSize: n,
    lower: -common.bounds,
    upper: common.bounds,
    rng: rng.fork("ga"),
    precision: "float32",
    // The learner's own draws in place of the GA's uniform-in-box ones (which are still drawn).
    initialPopulation: rowsOf(pop, n, dim),
  });
  const cfg: ResolvedGaConfig = { ...common, ga: gaBlockOf(ga.settings) };
  return assembleGaLearner(model, problem, cfg, ga, initial, rng.fork("minibatch"));
}

/** The config recorded in a saved state, resolved again, with the GA resumed from that state. */
export function resumeGa(
  config: unknown,
  optimizerState: unknown,
  trainSize: number,
): { cfg: ResolvedGaConfig; ga: GeneticAlgorithm<"float32"> } {
  const common = resolveCommonConfig(parseOptions(OWNER, GaLearnerConfig, config), trainSize);
  const ga = GeneticAlgorithm.fromState(optimizerState as GeneticAlgorithmState<"float32">, "float32");
  return { cfg: { ...common, ga: gaBlockOf(ga.settings) }, ga };
}

/** Binds a GA (new or resumed) to the model; shared by {@link gaLearner} and `resumeLearner`. */
export function assembleGaLearner(
  model: Model,
  problem: { readonly train: Samples },
  cfg: ResolvedGaConfig,
  ga: GeneticAlgorithm<"float32">,
  initial: Float32Array,
  minibatchRng: Rng,
): PopulationLearner {
  return new PopulationLearner({
    name: "ga",
    model,
    train: problem.train,
    optimizer: ga,
    config: { ...commonConfigJson(cfg), ga: structuredClone(cfg.ga) },
    fitness: cfg.fitness,
    rescore: cfg.rescore,
    stagnation: cfg.stagnation,
    initial,
    minibatchRng,
    optimizerFlops: gaFlopsPerGeneration(ga.settings, model.size),
  });
}
