import { createModel } from "@arena/nn";
import { describeOptions, OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  GaLearnerConfig,
  gaLearner,
  PsoLearnerConfig,
  psoLearner,
  RandomSearchLearnerConfig,
  randomSearchLearner,
} from "../src/index.ts";
import { XOR_241, xorProblem } from "./fixtures.ts";

const model = createModel(XOR_241, new Rng(1));
const make = (factory: typeof gaLearner, config: unknown) => () =>
  factory(model, xorProblem, config as Record<string, unknown>, new Rng(2));

describe("config validation", () => {
  it("rejects unknown top-level keys with an OptionsError naming them and the known ones", () => {
    expect(make(gaLearner, { popSize: 10 })).toThrow(OptionsError);
    expect(make(gaLearner, { popSize: 10 })).toThrow(
      /^gaLearner: unknown key "popSize"; known keys: population, fitness, rescore, init, bounds, stagnation, ga$/,
    );
    expect(make(psoLearner, { ga: {} })).toThrow(/^psoLearner: unknown key "ga"; known keys: .*, pso$/);
    expect(make(randomSearchLearner, { pso: {} })).toThrow(
      /^randomSearchLearner: unknown key "pso"; known keys: population, fitness, rescore, init, bounds, stagnation$/,
    );
  });

  it("rejects a config that is not an object", () => {
    expect(make(gaLearner, null)).toThrow(/^gaLearner: .*expected object, received null \(got null\)$/);
    expect(make(gaLearner, [1])).toThrow(/^gaLearner: .*expected object, received array \(got \[1\]\)$/);
  });

  it("rejects bad values, naming the path, the expectation and the value", () => {
    const cases: [typeof gaLearner, unknown, RegExp][] = [
      [
        gaLearner,
        { population: 1 },
        /^gaLearner: population: Too small: expected number to be >=2 \(got 1\)$/,
      ],
      [psoLearner, { population: 2.5 }, /^psoLearner: population: .*expected int.* \(got 2.5\)$/],
      [gaLearner, { bounds: 0 }, /^gaLearner: bounds: Too small: expected number to be >0 \(got 0\)$/],
      [
        gaLearner,
        { fitness: "half" },
        /^gaLearner: fitness: expected "full" or \{ minibatch: <samples> \} \(got "half"\)$/,
      ],
      [
        gaLearner,
        { fitness: { minibatch: 0 } },
        /^gaLearner: fitness.minibatch: Too small: .*>=1 \(got 0\)$/,
      ],
      [
        gaLearner,
        { fitness: { size: 2 } },
        /^gaLearner: fitness: expected "full" or .* \(got \{"size": 2\}\)$/,
      ],
      [
        gaLearner,
        { init: { kind: "glorot" } },
        /^gaLearner: init.kind: .*'initializer' \| 'normal' \| 'uniform' \(got .*"glorot"/,
      ],
      [gaLearner, { init: { kind: "normal" } }, /^gaLearner: init.std: required: expected number$/],
      [
        gaLearner,
        { init: { kind: "uniform", range: -1 } },
        /^gaLearner: init.range: Too small: .*>0 \(got -1\)$/,
      ],
      [gaLearner, { init: { kind: "initializer", std: 1 } }, /^gaLearner: init: unknown key "std"/],
      // Every problem at once, in one line.
      [
        gaLearner,
        { population: 1, bounds: -1, ga: { elitism: -1 } },
        /^gaLearner: population: .* \(got 1\); bounds: .* \(got -1\); ga.elitism: .* \(got -1\)$/,
      ],
    ];
    for (const [factory, config, re] of cases) {
      expect(make(factory, config)).toThrow(OptionsError);
      expect(make(factory, config)).toThrow(re);
    }
  });
});

describe("config validation: fitness and re-scoring", () => {
  it("a minibatch as large as the training split is the full split (as backprop clamps its batch)", () => {
    const full = psoLearner(model, xorProblem, {}, new Rng(2));
    const big = psoLearner(model, xorProblem, { fitness: { minibatch: 5 } }, new Rng(2));
    const costFull = full.step();
    expect(big.step()).toEqual(costFull);
    expect(costFull.evaluations).toBe(40 * 4); // 40 particles × the 4 XOR points
    expect(Array.from(big.current())).toEqual(Array.from(full.current()));
  });

  it("rescore only with minibatch fitness, with valid values", () => {
    expect(make(gaLearner, { rescore: { every: 2 } })).toThrow(
      /^gaLearner: rescore: applies only to minibatch fitness .* \(got \{"every": 2\}\)$/,
    );
    expect(make(gaLearner, { fitness: { minibatch: 2 }, rescore: { every: 0 } })).toThrow(
      /^gaLearner: rescore.every: Too small: expected number to be >=1 \(got 0\)$/,
    );
    expect(make(gaLearner, { population: 5, fitness: { minibatch: 2 }, rescore: { top: 6 } })).toThrow(
      /^gaLearner: rescore.top: expected <= population = 5 \(got 6\)$/,
    );
    expect(make(gaLearner, { fitness: { minibatch: 2 }, rescore: { every: 1, often: 2 } })).toThrow(
      /^gaLearner: rescore: unknown key "often"/,
    );
    expect(make(gaLearner, { fitness: { minibatch: 2 }, rescore: true })).toThrow(
      /^gaLearner: rescore: expected false or \{ every\?, top\? \} \(got true\)$/,
    );
  });

  it("the default re-scoring interval keeps its cost near 10 % of the search", () => {
    const n = 1000;
    const train = { n, x: new Float32Array(n * 2), xShape: [2], y: new Float32Array(n), yShape: [1] };
    const cfg = (config: Record<string, unknown>) =>
      gaLearner(model, { train }, config, new Rng(1)).state().config;
    // ⌈2·1000 / (0.1·50·16)⌉ = 25; with top 1: ⌈1000 / 80⌉ = 13
    expect(cfg({ fitness: { minibatch: 16 } }).rescore).toEqual({ every: 25, top: 2 });
    expect(cfg({ fitness: { minibatch: 16 }, rescore: { top: 1 } }).rescore).toEqual({ every: 13, top: 1 });
    expect(cfg({ fitness: { minibatch: 16 }, rescore: { every: 4 } }).rescore).toEqual({ every: 4, top: 2 });
    expect(cfg({ fitness: { minibatch: 16 }, rescore: false }).rescore).toBe(false);
  });
});

describe("config validation: algorithm blocks", () => {
  it("algorithm blocks: unknown keys named with the known ones (population and bounds are top-level)", () => {
    expect(make(gaLearner, { ga: { populationSize: 10 } })).toThrow(
      /^gaLearner: ga: unknown key "populationSize"; known keys: elitism, selection, crossover, crossoverRate, mutation, mutationRate$/,
    );
    expect(make(psoLearner, { pso: { lower: -1 } })).toThrow(
      /^psoLearner: pso: unknown key "lower"; known keys: topology/,
    );
    expect(make(psoLearner, { pso: { velocityInit: "random" } })).toThrow(
      /^psoLearner: pso.velocityInit: .*"half-diff"\|"zero" \(got "random"\)$/,
    );
  });

  it("operator options are checked by the learner's schema, composed from the GA's and the swarm's", () => {
    expect(make(gaLearner, { ga: { selection: { kind: "lottery" } } })).toThrow(
      /^gaLearner: ga.selection.kind: /,
    );
    expect(make(gaLearner, { ga: { crossoverRate: 2 } })).toThrow(
      /^gaLearner: ga.crossoverRate: Too big: expected number to be <=1 \(got 2\)$/,
    );
    expect(
      make(gaLearner, { population: 5, ga: { elitism: 5, selection: { kind: "tournament", size: 6 } } }),
    ).toThrow(
      /^gaLearner: ga.elitism: expected <= populationSize − 1 = 4 \(got 5\); ga.selection.size: expected <= populationSize = 5 \(got 6\)$/,
    );
    expect(make(psoLearner, { pso: { topology: { kind: "star" } } })).toThrow(
      /^psoLearner: pso.topology.kind: /,
    );
    expect(make(psoLearner, { pso: { boundary: "wrap" } })).toThrow(
      /^psoLearner: pso.boundary: .* \(got "wrap"\)$/,
    );
  });
});

describe("config schemas and the recorded config", () => {
  it("the schemas validate a config up front, fill its defaults and emit a JSON Schema", () => {
    expect(GaLearnerConfig.parse({})).toMatchObject({
      population: 50,
      fitness: "full",
      init: { kind: "initializer" },
      bounds: 10,
      ga: { elitism: 1, selection: { kind: "truncation", fraction: 0.2 }, crossoverRate: 0 },
    });
    expect(PsoLearnerConfig.parse({}).pso).toMatchObject({
      topology: { kind: "adaptive-random", informants: 3 },
      boundary: "clamp",
      velocityInit: "zero",
    });
    expect(RandomSearchLearnerConfig.safeParse({ population: 1 }).success).toBe(false);
    for (const schema of [GaLearnerConfig, PsoLearnerConfig, RandomSearchLearnerConfig]) {
      const json = z.toJSONSchema(schema, { io: "input" }) as { properties: Record<string, unknown> };
      expect(Object.keys(json.properties)).toContain("population");
      for (const d of describeOptions(schema)) expect(d.description, d.key).toBeTruthy();
    }
  });

  it("the resolved config is recorded in state() and is itself a valid config", () => {
    const ga = gaLearner(model, xorProblem, { population: 8, ga: { elitism: 2 } }, new Rng(3));
    const cfg = ga.state().config;
    expect(cfg).toMatchObject({
      population: 8,
      fitness: "full",
      init: { kind: "initializer" },
      bounds: 10,
      ga: { elitism: 2, selection: { kind: "truncation", fraction: 0.2 }, crossoverRate: 0 },
    });
    expect(() => gaLearner(model, xorProblem, cfg, new Rng(3))).not.toThrow();
    const pso = psoLearner(model, xorProblem, { fitness: { minibatch: 2 } }, new Rng(3));
    const pcfg = pso.state().config;
    // default every: ⌈top·N / (0.1·population·m)⌉ = ⌈2·4 / (0.1·40·2)⌉ = 1
    expect(pcfg).toMatchObject({
      population: 40,
      rescore: { every: 1, top: 2 },
      pso: { velocityInit: "zero" },
    });
    expect(() => psoLearner(model, xorProblem, pcfg, new Rng(3))).not.toThrow();
  });

  it("names the learners as the harness expects", () => {
    expect(make(gaLearner, {})().name).toBe("ga");
    expect(make(psoLearner, {})().name).toBe("pso");
    expect(make(randomSearchLearner, {})().name).toBe("random-search");
  });
});
