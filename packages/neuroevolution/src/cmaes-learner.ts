import {
  CMAES,
  type CMAESState,
  CmaBehaviorOptions,
  type StrategyParameters,
  strategyParameters,
} from "@arena/cmaes";
import type { Model, Samples } from "@arena/nn";
import { OptionsError, parseOptions, searchable } from "@arena/options";
import type { RngLike } from "@arena/rng";
import * as z from "zod";
import { fullCmaFlopsPerGeneration, sepCmaFlopsPerGeneration } from "./es-flops.ts";
import { startingSigma, WEIGHT_SCALE_RANGE } from "./init-scale.ts";
import type { InitScheme } from "./init-scheme.ts";
import { checkCommonConfig, commonConfigShape } from "./learner-config.ts";
import { buildOptimizerLearner, type KindSetup, type OptimizerLearnerKind } from "./optimizer-learner.ts";
import type { PopulationLearner } from "./population-learner.ts";
import { scoringFlops } from "./scoring-flops.ts";

/** The learner's CMA-ES defaults (see the README's "CMA-ES" section for the runs behind them). */
export const CMAES_LEARNER_DEFAULTS = {
  population: 50,
  init: { kind: "initializer" } as InitScheme,
  covariance: "diagonal",
} as const;

/**
 * The largest model full CMA-ES may train, whatever its FLOPs. Measured on this repository's machine
 * (2 busy cores), `symmetricEigen` of a CMA covariance takes 0.04 s at n = 100, 0.36 s at 200, 1.1 s at
 * 300 and 5.2 s at 400 (cache misses on top of n³), and a `state()` holds C and B as JSON: 1.8 MB at
 * 200, 4 MB at 300, 7 MB at 400. At 250 a decomposition stays near half a second and a checkpoint near
 * 3 MB; beyond it both grow as n³ and n² while sep-CMA-ES costs O(n) per sample.
 */
export const FULL_CMA_MAX_PARAMS = 250;

const { sigma0, active, tolX, tolFun, tolConditionCov } = CmaBehaviorOptions.shape;

/**
 * CMA-ES's own options, as in `@arena/cmaes` (population, bounds and the start x0 come from the top
 * level), with covariance "diagonal" (sep-CMA-ES) by default, and without restarts.
 */
export const CmaesBlock = z
  .strictObject({
    covariance: z
      .enum(["full", "diagonal"])
      .default(CMAES_LEARNER_DEFAULTS.covariance)
      .describe(
        '"diagonal" (default): sep-CMA-ES, O(n) per sample; "full": CMA-ES, O(n²) per sample, refused where that costs more than the population\'s forward passes or above 250 parameters',
      ),
    sigma0: searchable(sigma0, WEIGHT_SCALE_RANGE).describe(
      "initial step size σ0 (default: the scale of init, see initScale)",
    ),
    active,
    tolX,
    tolFun,
    tolConditionCov,
    restarts: z
      .unknown()
      .optional()
      .describe(
        "not accepted: the learner keeps one run (a restart would draw its mean uniformly in ±bounds)",
      ),
  })
  .superRefine((b, ctx) => {
    if (b.restarts === undefined) return;
    ctx.addIssue({
      code: "custom",
      path: ["restarts"],
      message:
        "not supported by the learner: it keeps one CMA-ES run, started at the model's weights (a restart draws a new mean uniformly in ±bounds, far from any initialiser's scale); it ends, finished() true, when CMA-ES stops",
      input: b.restarts,
    });
  })
  .describe("CMA-ES's own options, as in @arena/cmaes, without restarts (population and bounds: top level)");
export type CmaesBlock = z.input<typeof CmaesBlock>;

/** Config of {@link cmaesLearner} (plain JSON): the schema gives its type, defaults, checks and docs. */
export const CmaesLearnerConfig = z
  .strictObject({ ...commonConfigShape(CMAES_LEARNER_DEFAULTS), cmaes: CmaesBlock.prefault({}) })
  .superRefine((c, ctx) => {
    if (ctx.issues.length === 0) checkCommonConfig(c, ctx);
  });
export type CmaesLearnerConfig = z.input<typeof CmaesLearnerConfig>;
type Parsed = z.output<typeof CmaesLearnerConfig>;

/** The `cmaes` block resolved: every default filled in, σ0 included, as recorded in `state()`. */
export interface ResolvedCmaesBlock {
  covariance: "full" | "diagonal";
  sigma0: number;
  active: boolean;
  tolX: number;
  tolFun: number;
  tolConditionCov: number;
}

const OWNER = "cmaesLearner";

/** CMA-ES's own FLOPs per generation, sep or full by the parameters' model. */
export function cmaesFlopsPerGeneration(p: StrategyParameters, covariance: "full" | "diagonal"): number {
  return covariance === "full" ? fullCmaFlopsPerGeneration(p) : sepCmaFlopsPerGeneration(p);
}

/**
 * FLOPs of the population's forward passes per generation on the fitness data (the minibatch or the
 * training split), the L1/L2 penalty included: what `PopulationLearner` charges for scoring it.
 */
function forwardFlops(setup: KindSetup): number {
  const { model, train, common } = setup;
  const batch = common.fitness === "full" ? train.n : common.fitness.minibatch;
  return common.population * scoringFlops(model, batch, model.checkData(train));
}

/**
 * The full-covariance rules, checked before CMA-ES allocates its n × n matrices: at most
 * {@link FULL_CMA_MAX_PARAMS} parameters, and no more own FLOPs per generation than forward FLOPs.
 */
function checkFull(setup: KindSetup, active: boolean): void {
  const n = setup.model.size;
  const own = fullCmaFlopsPerGeneration(strategyParameters(n, setup.common.population, false, active));
  const forward = forwardFlops(setup);
  let why: string | null = null;
  if (n > FULL_CMA_MAX_PARAMS)
    why = `above the cap of ${FULL_CMA_MAX_PARAMS} (n × n eigendecompositions and state)`;
  else if (own > forward) why = "its O(n²) update costs more than the forward passes";
  if (why === null) return;
  throw new OptionsError(OWNER, [
    {
      path: "cmaes.covariance",
      message: `"full" refused for a model of ${n} parameters: ${why} (CMA-ES's own arithmetic ${own.toExponential(3)} FLOPs per generation, the population's forward passes on the fitness data ${forward.toExponential(3)}); use covariance "diagonal" (sep-CMA-ES)`,
    },
  ]);
}

const CMAES_KIND: OptimizerLearnerKind<Parsed, ResolvedCmaesBlock, CMAES<"float32">> = {
  name: "cmaes",
  owner: OWNER,
  key: "cmaes",
  parse: (config) => parseOptions(OWNER, CmaesLearnerConfig, config),
  create(c, setup) {
    const { restarts: _r, sigma0: given, ...rest } = c.cmaes;
    if (rest.covariance === "full") checkFull(setup, rest.active);
    return new CMAES({
      ...rest,
      sigma0: startingSigma(OWNER, "cmaes.sigma0", given, setup),
      dim: setup.model.size,
      populationSize: setup.common.population,
      x0: setup.start,
      lower: -setup.common.bounds,
      upper: setup.common.bounds,
      rng: setup.rng.fork("cmaes"),
      precision: "float32",
    });
  },
  blockOf: (cma) => {
    const { covariance, sigma0, active, tolX, tolFun, tolConditionCov } = cma.settings;
    return { covariance, sigma0, active, tolX, tolFun, tolConditionCov };
  },
  fromState: (state) => CMAES.fromState(state as CMAESState<"float32">, "float32"),
  optimizerFlops: (cma) => cmaesFlopsPerGeneration(cma.parameters(), cma.settings.covariance),
  diagnostics: (cma, out) => {
    out.step_size = [cma.stepSize()];
  },
};

/**
 * A learner that trains `model` with CMA-ES (`@arena/cmaes`) over its flat parameter vector; one
 * `step()` is one generation. By default sep-CMA-ES (`covariance: "diagonal"`, O(n) per sample): full
 * covariance is refused where its O(n²) update costs more than the population's forward passes, and
 * above {@link FULL_CMA_MAX_PARAMS} parameters. The mean starts at the model's initial weights, σ0 at
 * the scale of `config.init` (`initScale`); one run, no restarts: once CMA-ES stops by its own
 * criteria `finished()` turns true. The box ±`bounds` is kept by resampling. `rng` is an Rng or a seed;
 * CMA-ES works in float32 (`precision: "float32"`), the precision of the model's weights.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * import { createModel } from "@arena/nn";
 * import { cmaesLearner } from "@arena/neuroevolution";
 * const problem = getProblem("xor").load(new Rng(1));
 * const model = createModel(problem.model!, new Rng(2));
 * const cma = cmaesLearner(model, problem, {}, new Rng(3));
 * for (let g = 0; g < 100; g++) cma.step();
 * console.log(cma.currentLoss);
 * ```
 */
export function cmaesLearner(
  model: Model,
  problem: { readonly train: Samples },
  config: CmaesLearnerConfig | Record<string, unknown>,
  rng: RngLike,
): PopulationLearner {
  return buildOptimizerLearner(CMAES_KIND, model, problem, config, rng);
}

export { CMAES_KIND };
