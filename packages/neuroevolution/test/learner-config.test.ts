import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { gaLearner, psoLearner, randomSearchLearner } from "../src/index.ts";
import { XOR_241, xorProblem } from "./fixtures.ts";

const model = createModel(XOR_241, new Rng(1));
const make = (factory: typeof gaLearner, config: unknown) => () =>
  factory(model, xorProblem, config as Record<string, unknown>, new Rng(2));

describe("config validation", () => {
  it("rejects unknown top-level keys, naming them and the known ones", () => {
    expect(make(gaLearner, { popSize: 10 })).toThrow(
      /gaLearner: unknown config key "popSize"; expected one of population, fitness/,
    );
    expect(make(psoLearner, { ga: {} })).toThrow(/psoLearner: unknown config key "ga"/);
    expect(make(randomSearchLearner, { pso: {} })).toThrow(/randomSearchLearner: unknown config key "pso"/);
  });

  it("rejects a config that is not an object", () => {
    expect(make(gaLearner, null)).toThrow(/config must be an object, got null/);
    expect(make(gaLearner, [1])).toThrow(/config must be an object/);
  });

  it("rejects bad values, naming the option and the expected range", () => {
    expect(make(gaLearner, { population: 1 })).toThrow(/population must be an integer >= 2, got 1/);
    expect(make(psoLearner, { population: 2.5 })).toThrow(/population must be an integer >= 2, got 2.5/);
    expect(make(gaLearner, { bounds: 0 })).toThrow(/bounds must be a finite number > 0, got 0/);
    expect(make(gaLearner, { fitness: "half" })).toThrow(
      /fitness must be "full" or \{ minibatch: <samples> \}, got "half"/,
    );
    expect(make(gaLearner, { fitness: { minibatch: 0 } })).toThrow(
      /fitness.minibatch must be an integer >= 1, got 0/,
    );
    expect(make(gaLearner, { fitness: { size: 2 } })).toThrow(/unknown fitness key "size"/);
    expect(make(gaLearner, { init: { kind: "glorot" } })).toThrow(
      /init.kind must be one of initializer, normal, uniform, got "glorot"/,
    );
    expect(make(gaLearner, { init: { kind: "normal" } })).toThrow(/init.std is required/);
    expect(make(gaLearner, { init: { kind: "uniform", range: -1 } })).toThrow(
      /init.range must be a finite number > 0, got -1/,
    );
    expect(make(gaLearner, { init: { kind: "initializer", std: 1 } })).toThrow(/unknown init key "std"/);
  });

  it("a minibatch as large as the training split is the full split (as backprop clamps its batch)", () => {
    const full = psoLearner(model, xorProblem, {}, new Rng(2));
    const big = psoLearner(model, xorProblem, { fitness: { minibatch: 5 } }, new Rng(2));
    const costFull = full.step();
    expect(big.step()).toEqual(costFull);
    expect(costFull.evaluations).toBe(40 * 4); // 40 particles × the 4 XOR points
    expect(Array.from(big.current())).toEqual(Array.from(full.current()));
  });

  it("rescore only with minibatch fitness, with valid values", () => {
    expect(make(gaLearner, { rescore: { every: 2 } })).toThrow(/rescore applies only to minibatch fitness/);
    expect(make(gaLearner, { fitness: { minibatch: 2 }, rescore: { every: 0 } })).toThrow(
      /rescore.every must be an integer >= 1, got 0/,
    );
    expect(make(gaLearner, { population: 5, fitness: { minibatch: 2 }, rescore: { top: 6 } })).toThrow(
      /rescore.top must be an integer in \[1, 5\], got 6/,
    );
    expect(make(gaLearner, { fitness: { minibatch: 2 }, rescore: { every: 1, often: 2 } })).toThrow(
      /unknown rescore key "often"/,
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

  it("algorithm blocks: unknown keys named, with a hint for population and bounds", () => {
    expect(make(gaLearner, { ga: { populationSize: 10 } })).toThrow(
      /unknown ga key "populationSize"; expected one of elitism, selection, crossover, crossoverRate, mutation, mutationRate \(population and bounds are set at the top level/,
    );
    expect(make(psoLearner, { pso: { lower: -1 } })).toThrow(/unknown pso key "lower"/);
    expect(make(psoLearner, { pso: { velocityInit: "random" } })).toThrow(
      /pso.velocityInit must be one of half-diff, zero, got "random"/,
    );
  });

  it("operator options are checked by the GA and the swarm themselves", () => {
    expect(make(gaLearner, { ga: { selection: { kind: "lottery" } } })).toThrow(/GeneticAlgorithm/);
    expect(make(gaLearner, { ga: { crossoverRate: 2 } })).toThrow(/crossoverRate/);
    expect(make(psoLearner, { pso: { topology: { kind: "star" } } })).toThrow(/ParticleSwarm: topology.kind/);
    expect(make(psoLearner, { pso: { boundary: "wrap" } })).toThrow(/ParticleSwarm: boundary/);
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
