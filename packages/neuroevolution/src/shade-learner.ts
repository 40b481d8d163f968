import { Shade, ShadeOptions, type ShadeSettings, type ShadeState } from "@arena/differential-evolution";
import type { Model, Samples } from "@arena/nn";
import { parseOptions, searchable } from "@arena/options";
import type { RngLike } from "@arena/rng";
import * as z from "zod";
import { shadeFlopsPerGeneration } from "./es-flops.ts";
import { CandidateSampler, type InitScheme, rowsOf } from "./init-scheme.ts";
import { checkCommonConfig, commonConfigShape } from "./learner-config.ts";
import { buildOptimizerLearner, type KindSetup, type OptimizerLearnerKind } from "./optimizer-learner.ts";
import type { PopulationLearner } from "./population-learner.ts";

/** The learner's SHADE defaults (see the README's "SHADE" section for the runs behind them). */
export const SHADE_LEARNER_DEFAULTS = {
  population: 50,
  init: { kind: "initializer" } as InitScheme,
} as const;

const { variant, minPopulationSize, memorySize, archiveRate, pBest } = ShadeOptions.shape;

/**
 * SHADE's own options, as in `@arena/differential-evolution` (the first population size and bounds come
 * from the top level). `maxEvaluations` counts candidates told, summed over generations (L-SHADE's
 * budget, over which the population shrinks linearly to `minPopulationSize`), not samples.
 */
export const ShadeBlock = z
  .strictObject({
    variant: variant.default("shade"),
    maxEvaluations: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        "l-shade only, required: candidates to score over the run (the sum of the generations' populations); the population reaches minPopulationSize there. For G generations of an N_init → N_min run, about G·(N_init + N_min)/2 … G·N_init",
      ),
    minPopulationSize,
    memorySize,
    archiveRate,
    pBest: searchable(pBest, { low: 0.05, high: 0.3 }),
  })
  .describe("SHADE's own options, as in @arena/differential-evolution (population and bounds: top level)");
export type ShadeBlock = z.input<typeof ShadeBlock>;

/** Config of {@link shadeLearner} (plain JSON): the schema gives its type, defaults, checks and docs. */
export const ShadeLearnerConfig = z
  .strictObject({ ...commonConfigShape(SHADE_LEARNER_DEFAULTS), shade: ShadeBlock.prefault({}) })
  .superRefine((c, ctx) => {
    if (ctx.issues.length > 0) return;
    checkCommonConfig(c, ctx);
    const issue = (path: (string | number)[], message: string, input: unknown) =>
      ctx.addIssue({ code: "custom", path, message, input });
    // current-to-pbest/1 needs the target, pbest, r1 and r2 to be distinct rows.
    if (c.population < 4) issue(["population"], "expected >= 4 for SHADE", c.population);
    const s = c.shade;
    if (s.variant === "shade") {
      for (const key of ["maxEvaluations", "minPopulationSize"] as const)
        if (s[key] !== undefined) issue(["shade", key], 'only for variant "l-shade"', s[key]);
      return;
    }
    if (s.maxEvaluations === undefined)
      issue(["shade", "maxEvaluations"], 'required for variant "l-shade"', undefined);
    if ((s.minPopulationSize ?? 4) > c.population)
      issue(["shade", "minPopulationSize"], `expected <= population = ${c.population}`, s.minPopulationSize);
  });
export type ShadeLearnerConfig = z.input<typeof ShadeLearnerConfig>;
type Parsed = z.output<typeof ShadeLearnerConfig>;

/** The `shade` block resolved (the variant's defaults filled in), as recorded in `state()`. */
export type ResolvedShadeBlock = z.output<typeof ShadeLearnerConfig>["shade"];

const OWNER = "shadeLearner";

/** The resolved settings written back as a block the schema accepts (SHADE has no budget keys). */
function blockOf(s: ShadeSettings): ResolvedShadeBlock {
  const { variant, memorySize, archiveRate } = s;
  const budget =
    variant === "l-shade"
      ? { maxEvaluations: s.maxEvaluations ?? 0, minPopulationSize: s.minPopulationSize }
      : {};
  return { variant, ...budget, memorySize, archiveRate, ...(s.pBest === null ? {} : { pBest: s.pBest }) };
}

/** A SHADE whose first population is the learner's: row 0 the model's weights, the rest draws of `init`. */
function createShade(block: Parsed["shade"], setup: KindSetup): Shade<"float32"> {
  const { model, common, start, rng } = setup;
  const n = common.population;
  const rows = new Float32Array(n * model.size);
  new CandidateSampler(common.init, model, start, common.bounds).fill(rng.fork("init"), rows, n);
  return new Shade({
    ...block,
    dim: model.size,
    populationSize: n,
    lower: -common.bounds,
    upper: common.bounds,
    rng: rng.fork("shade"),
    precision: "float32",
    initialPopulation: rowsOf(rows, n, model.size),
  });
}

const SHADE_KIND: OptimizerLearnerKind<Parsed, ResolvedShadeBlock, Shade<"float32">> = {
  name: "shade",
  owner: OWNER,
  key: "shade",
  parse: (config) => parseOptions(OWNER, ShadeLearnerConfig, config),
  create: (c, setup) => createShade(c.shade, setup),
  // The variant's defaults (memory size, archive rate, p) as Shade resolved them.
  blockOf: (shade) => blockOf(shade.settings),
  fromState: (state) => Shade.fromState(state as ShadeState<"float32">, "float32"),
  // L-SHADE's population shrinks: each generation's move is charged at the size it has.
  optimizerFlops: (shade, dim) => (n) => shadeFlopsPerGeneration(n, dim, shade.settings.variant),
  capacity: (shade) => shade.settings.populationSize,
  diagnostics: (shade, out) => {
    out.population_size = [shade.populationSize];
  },
};

/**
 * A learner that trains `model` with SHADE or L-SHADE (`@arena/differential-evolution`: success-history
 * adaptation of F and CR, current-to-pbest/1 with an archive; L-SHADE also shrinks the population
 * linearly over `shade.maxEvaluations` candidates) over its flat parameter vector; one `step()` is one
 * generation. The first population is the model's initial weights (row 0) and draws of `config.init`,
 * inside the box ±`bounds`. `rng` is an Rng or a seed; SHADE works in float32.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * import { createModel } from "@arena/nn";
 * import { shadeLearner } from "@arena/neuroevolution";
 * const problem = getProblem("iris").load(new Rng(1));
 * const model = createModel(problem.model!, new Rng(2));
 * const de = shadeLearner(model, problem, { shade: { variant: "l-shade", maxEvaluations: 2000 } }, new Rng(3));
 * for (let g = 0; g < 60; g++) de.step();
 * console.log(de.currentLoss, de.optimizer.populationSize);
 * ```
 */
export function shadeLearner(
  model: Model,
  problem: { readonly train: Samples },
  config: ShadeLearnerConfig | Record<string, unknown>,
  rng: RngLike,
): PopulationLearner {
  return buildOptimizerLearner(SHADE_KIND, model, problem, config, rng);
}

export { SHADE_KIND };
