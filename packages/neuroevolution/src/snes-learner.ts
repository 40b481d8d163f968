import { SNES, SNESOptions, type SNESState } from "@arena/evolution-strategies";
import type { Model, Samples } from "@arena/nn";
import { parseOptions, searchable } from "@arena/options";
import type { RngLike } from "@arena/rng";
import * as z from "zod";
import { snesFlopsPerGeneration } from "./es-flops.ts";
import { startingSigma, WEIGHT_SCALE_RANGE } from "./init-scale.ts";
import type { InitScheme } from "./init-scheme.ts";
import { checkCommonConfig, commonConfigShape } from "./learner-config.ts";
import { buildOptimizerLearner, type OptimizerLearnerKind } from "./optimizer-learner.ts";
import type { PopulationLearner } from "./population-learner.ts";

/** The learner's SNES defaults (see the README's "SNES" section for the runs behind them). */
export const SNES_LEARNER_DEFAULTS = {
  population: 50,
  init: { kind: "initializer" } as InitScheme,
} as const;

const { learningRateMean, learningRateSigma } = SNESOptions.shape;

/** SNES's own options, as in `@arena/evolution-strategies` (population, bounds and the mean: top level). */
export const SnesBlock = z
  .strictObject({
    learningRateMean,
    learningRateSigma,
    initialSigma: searchable(z.number().positive().finite().optional(), WEIGHT_SCALE_RANGE).describe(
      "the starting σ of every weight (default: the scale of init, see initScale)",
    ),
  })
  .describe("SNES's own options, as in @arena/evolution-strategies (population and bounds: top level)");
export type SnesBlock = z.input<typeof SnesBlock>;

/** Config of {@link snesLearner} (plain JSON): the schema gives its type, defaults, checks and docs. */
export const SnesLearnerConfig = z
  .strictObject({ ...commonConfigShape(SNES_LEARNER_DEFAULTS), snes: SnesBlock.prefault({}) })
  .superRefine((c, ctx) => {
    if (ctx.issues.length === 0) checkCommonConfig(c, ctx);
  });
export type SnesLearnerConfig = z.input<typeof SnesLearnerConfig>;
type Parsed = z.output<typeof SnesLearnerConfig>;

/** The `snes` block resolved, as recorded in `state()`. */
export interface ResolvedSnesBlock {
  learningRateMean: number;
  learningRateSigma: number;
  initialSigma: number;
}

const OWNER = "snesLearner";

const SNES_KIND: OptimizerLearnerKind<Parsed, ResolvedSnesBlock, SNES<"float32">> = {
  name: "snes",
  owner: OWNER,
  key: "snes",
  parse: (config) => parseOptions(OWNER, SnesLearnerConfig, config),
  create: (c, setup) =>
    new SNES({
      ...c.snes,
      initialSigma: startingSigma(OWNER, "snes.initialSigma", c.snes.initialSigma, setup),
      dim: setup.model.size,
      populationSize: setup.common.population,
      initialMean: setup.start,
      lower: -setup.common.bounds,
      upper: setup.common.bounds,
      rng: setup.rng.fork("snes"),
      precision: "float32",
    }),
  blockOf: (snes, c) => ({
    learningRateMean: snes.settings.learningRateMean,
    learningRateSigma: snes.settings.learningRateSigma,
    // SNES records no initial σ; a fresh one still has it, a saved config always names it.
    initialSigma: c.snes.initialSigma ?? snes.sigma()[0],
  }),
  fromState: (state) => SNES.fromState(state as SNESState<"float32">, "float32"),
  optimizerFlops: (snes, dim) => snesFlopsPerGeneration(snes.populationSize, dim),
  diagnostics: (snes, out) => {
    const sd = snes.sigma();
    let s = 0;
    for (const v of sd) s += v;
    out.sigma_mean = [s / sd.length];
  },
};

/**
 * A learner that trains `model` with separable NES (`@arena/evolution-strategies`) over its flat
 * parameter vector; one `step()` is one generation. The mean starts at the model's initial weights,
 * every σ at the scale of `config.init` (`initScale`); SNES then adapts one σ per weight. The box
 * ±`bounds` clamps samples for evaluation. `rng` is an Rng or a seed; SNES works in float32.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * import { createModel } from "@arena/nn";
 * import { snesLearner } from "@arena/neuroevolution";
 * const problem = getProblem("iris").load(new Rng(1));
 * const model = createModel(problem.model!, new Rng(2));
 * const snes = snesLearner(model, problem, {}, new Rng(3));
 * for (let g = 0; g < 50; g++) snes.step();
 * console.log(snes.currentLoss);
 * ```
 */
export function snesLearner(
  model: Model,
  problem: { readonly train: Samples },
  config: SnesLearnerConfig | Record<string, unknown>,
  rng: RngLike,
): PopulationLearner {
  return buildOptimizerLearner(SNES_KIND, model, problem, config, rng);
}

export { SNES_KIND };
