import { OpenAIES, OpenAIESOptions, type OpenAIESState } from "@arena/evolution-strategies";
import type { Model, Samples } from "@arena/nn";
import { parseOptions, searchable } from "@arena/options";
import type { RngLike } from "@arena/rng";
import * as z from "zod";
import { openAiEsFlopsPerGeneration } from "./es-flops.ts";
import type { InitScheme } from "./init-scheme.ts";
import { checkCommonConfig, commonConfigShape } from "./learner-config.ts";
import { buildOptimizerLearner, type OptimizerLearnerKind } from "./optimizer-learner.ts";
import type { PopulationLearner } from "./population-learner.ts";

/** The learner's OpenAI-ES defaults (see the README's "OpenAI-ES" section for the runs behind them). */
export const OPENAI_ES_LEARNER_DEFAULTS = {
  population: 50,
  init: { kind: "initializer" } as InitScheme,
} as const;

const { sigma, learningRate, weightDecay } = OpenAIESOptions.shape;

/** OpenAI-ES's own options, as in `@arena/evolution-strategies` (population, bounds, the mean: top level). */
export const OpenAiEsBlock = z
  .strictObject({
    sigma: searchable(sigma, { low: 0.003, high: 0.3, scale: "log" }),
    learningRate: searchable(learningRate, { low: 1e-3, high: 0.3, scale: "log" }),
    weightDecay,
  })
  .describe("OpenAI-ES's own options, as in @arena/evolution-strategies (population and bounds: top level)");
export type OpenAiEsBlock = z.input<typeof OpenAiEsBlock>;

/** Config of {@link openAiEsLearner} (plain JSON): the schema gives its type, defaults, checks and docs. */
export const OpenAiEsLearnerConfig = z
  .strictObject({ ...commonConfigShape(OPENAI_ES_LEARNER_DEFAULTS), openaiEs: OpenAiEsBlock.prefault({}) })
  .superRefine((c, ctx) => {
    if (ctx.issues.length > 0) return;
    checkCommonConfig(c, ctx);
    if (c.population % 2 !== 0)
      ctx.addIssue({
        code: "custom",
        path: ["population"],
        message: "expected an even number (OpenAI-ES draws mirrored pairs ε, −ε)",
        input: c.population,
      });
  });
export type OpenAiEsLearnerConfig = z.input<typeof OpenAiEsLearnerConfig>;
type Parsed = z.output<typeof OpenAiEsLearnerConfig>;

/** The `openaiEs` block resolved, as recorded in `state()`. */
export type ResolvedOpenAiEsBlock = z.output<typeof OpenAiEsLearnerConfig>["openaiEs"];

const OWNER = "openAiEsLearner";

const OPENAI_ES_KIND: OptimizerLearnerKind<Parsed, ResolvedOpenAiEsBlock, OpenAIES<"float32">> = {
  name: "openai-es",
  owner: OWNER,
  key: "openaiEs",
  parse: (config) => parseOptions(OWNER, OpenAiEsLearnerConfig, config),
  create: (c, setup) =>
    new OpenAIES({
      ...c.openaiEs,
      dim: setup.model.size,
      populationSize: setup.common.population,
      initialMean: setup.start,
      lower: -setup.common.bounds,
      upper: setup.common.bounds,
      rng: setup.rng.fork("openai-es"),
      precision: "float32",
    }),
  blockOf: (es) => {
    const { sigma, learningRate, weightDecay } = es.settings;
    return { sigma, learningRate, weightDecay };
  },
  fromState: (state) => OpenAIES.fromState(state as OpenAIESState<"float32">, "float32"),
  optimizerFlops: (es, dim) => openAiEsFlopsPerGeneration(es.populationSize, dim),
};

/**
 * A learner that trains `model` with OpenAI's evolution strategy (`@arena/evolution-strategies`:
 * mirrored sampling, centred ranks, Adam, a fixed σ) over its flat parameter vector; one `step()` is one
 * generation. The mean starts at the model's initial weights; the box ±`bounds` clamps samples for
 * evaluation. `rng` is an Rng or a seed; OpenAI-ES works in float32.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * import { createModel } from "@arena/nn";
 * import { openAiEsLearner } from "@arena/neuroevolution";
 * const problem = getProblem("iris").load(new Rng(1));
 * const model = createModel(problem.model!, new Rng(2));
 * const es = openAiEsLearner(model, problem, {}, new Rng(3));
 * for (let g = 0; g < 50; g++) es.step();
 * console.log(es.currentLoss);
 * ```
 */
export function openAiEsLearner(
  model: Model,
  problem: { readonly train: Samples },
  config: OpenAiEsLearnerConfig | Record<string, unknown>,
  rng: RngLike,
): PopulationLearner {
  return buildOptimizerLearner(OPENAI_ES_KIND, model, problem, config, rng);
}

export { OPENAI_ES_KIND };
