import { snesLearningRateSigma } from "@arena/evolution-strategies";
import { createModel } from "@arena/nn";
import { describeOptions, OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  CmaesLearnerConfig,
  cmaesLearner,
  initScale,
  OpenAiEsLearnerConfig,
  openAiEsLearner,
  ShadeLearnerConfig,
  SnesLearnerConfig,
  shadeLearner,
  snesLearner,
} from "../src/index.ts";
import { XOR_241, xorProblem } from "./fixtures.ts";

const model = createModel(XOR_241, new Rng(1));
type Factory = typeof cmaesLearner;
const make = (factory: Factory, config: unknown) => () =>
  factory(model, xorProblem, config as Record<string, unknown>, new Rng(2));

const LEARNERS = [
  ["cmaes", cmaesLearner, CmaesLearnerConfig],
  ["snes", snesLearner, SnesLearnerConfig],
  ["openai-es", openAiEsLearner, OpenAiEsLearnerConfig],
  ["shade", shadeLearner, ShadeLearnerConfig],
] as const;

describe("the evolution-strategy learners' configs", () => {
  it.each(LEARNERS)(
    "%s: named, documented, and its recorded config rebuilds it exactly",
    (name, factory, schema) => {
      const learner = factory(model, xorProblem, { population: 8, fitness: { minibatch: 2 } }, new Rng(3));
      expect(learner.name).toBe(name);
      for (const d of describeOptions(schema)) expect(d.description, d.key).toBeTruthy();
      const json = z.toJSONSchema(schema, { io: "input" }) as { properties: Record<string, unknown> };
      expect(Object.keys(json.properties)).toContain("population");
      const cfg = learner.state().config;
      expect(cfg).toMatchObject({ population: 8, fitness: { minibatch: 2 }, rescore: { every: 5, top: 2 } }); // ⌈2·4 / (0.1·8·2)⌉
      const again = factory(model, xorProblem, cfg, new Rng(3));
      expect(again.state()).toEqual(learner.state());
    },
  );

  it("records every default of the algorithm blocks", () => {
    const cfg = (factory: Factory, config = {}) =>
      factory(model, xorProblem, config, new Rng(4)).state().config;
    const scale = initScale({ kind: "initializer" }, model, new Rng(4).fork("sigma0"));
    expect(cfg(snesLearner).snes).toEqual({
      learningRateMean: 1,
      learningRateSigma: snesLearningRateSigma(17),
      initialSigma: scale,
    });
    expect(cfg(openAiEsLearner).openaiEs).toEqual({ sigma: 0.02, learningRate: 0.01, weightDecay: 0.005 });
    expect(cfg(shadeLearner).shade).toEqual({ variant: "shade", memorySize: 100, archiveRate: 1 });
    expect(cfg(shadeLearner, { shade: { variant: "l-shade", maxEvaluations: 500 } }).shade).toEqual({
      variant: "l-shade",
      maxEvaluations: 500,
      minPopulationSize: 4,
      memorySize: 6,
      archiveRate: 2.6,
      pBest: 0.11,
    });
  });

  it("the search starts at the model's weights (SNES and OpenAI-ES: the mean; SHADE: row 0)", () => {
    for (const factory of [snesLearner, openAiEsLearner]) {
      // biome-ignore lint/suspicious/noExplicitAny: the strategy behind the learner, for its mean
      const es = factory(model, xorProblem, {}, new Rng(5)).optimizer as any;
      expect(Array.from(es.mean() as Float64Array)).toEqual(Array.from(model.params));
    }
    const shade = shadeLearner(model, xorProblem, { population: 6 }, new Rng(5));
    expect(Array.from(shade.optimizer.ask().subarray(0, 17))).toEqual(Array.from(model.params));
  });

  it("diagnostics add each algorithm's own series", () => {
    const series = (factory: Factory) => {
      const learner = factory(model, xorProblem, { population: 6 }, new Rng(6));
      learner.step();
      return learner.diagnostics();
    };
    const cma = cmaesLearner(model, xorProblem, { population: 6 }, new Rng(6));
    cma.step();
    // biome-ignore lint/suspicious/noExplicitAny: the CMAES behind the learner, for its step size
    expect(cma.diagnostics().step_size).toEqual([(cma.optimizer as any).stepSize()]);
    expect(series(snesLearner).sigma_mean[0]).toBeGreaterThan(0);
    expect(series(shadeLearner).population_size).toEqual([6]);
    expect(Object.keys(series(openAiEsLearner))).toEqual([
      "incumbent_loss",
      "fitness_quantiles",
      "nonfinite_candidates",
      "population_spread",
    ]);
  });

  it("rejects bad algorithm options, naming them", () => {
    const cases: [Factory, unknown, RegExp][] = [
      [
        snesLearner,
        { snes: { populationSize: 4 } },
        /^snesLearner: snes: unknown key "populationSize"; known keys: learningRateMean, learningRateSigma, initialSigma$/,
      ],
      [
        snesLearner,
        { snes: { initialSigma: 0 } },
        /^snesLearner: snes.initialSigma: Too small: .*>0 \(got 0\)$/,
      ],
      [
        openAiEsLearner,
        { population: 7 },
        /^openAiEsLearner: population: expected an even number \(OpenAI-ES draws mirrored pairs ε, −ε\) \(got 7\)$/,
      ],
      [openAiEsLearner, { openaiEs: { sigma: -1 } }, /^openAiEsLearner: openaiEs.sigma: Too small/],
      [shadeLearner, { population: 3 }, /^shadeLearner: population: expected >= 4 for SHADE \(got 3\)$/],
      [
        shadeLearner,
        { shade: { variant: "l-shade" } },
        /^shadeLearner: shade.maxEvaluations: required for variant "l-shade"/,
      ],
      [
        shadeLearner,
        { shade: { maxEvaluations: 100 } },
        /^shadeLearner: shade.maxEvaluations: only for variant "l-shade" \(got 100\)$/,
      ],
      [
        shadeLearner,
        { population: 6, shade: { variant: "l-shade", maxEvaluations: 100, minPopulationSize: 8 } },
        /^shadeLearner: shade.minPopulationSize: expected <= population = 6 \(got 8\)$/,
      ],
      [cmaesLearner, { cmaes: { covariance: "block" } }, /^cmaesLearner: cmaes.covariance: /],
      [cmaesLearner, { cmaes: { lower: -1 } }, /^cmaesLearner: cmaes: unknown key "lower"/],
    ];
    for (const [factory, config, re] of cases) {
      expect(make(factory, config)).toThrow(OptionsError);
      expect(make(factory, config)).toThrow(re);
    }
  });
});
