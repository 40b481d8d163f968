import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  gaLearner,
  type NeuroevolutionState,
  type PopulationLearner,
  psoLearner,
  resumeLearner,
} from "../src/index.ts";
import { bytes, fitnessConfigs, POPULATION_FACTORIES, SMALL_MLP, separableData } from "./fixtures.ts";

const SPEC = SMALL_MLP;
const FACTORIES = POPULATION_FACTORIES;
const CONFIGS = fitnessConfigs(1);
const data = () => separableData(1);

function build(factory: (typeof FACTORIES)[number][1], config: Record<string, unknown>): PopulationLearner {
  return factory(createModel(SPEC, new Rng("init")), data(), config, new Rng("run"));
}

const UNLIMITED = { flops: Number.POSITIVE_INFINITY, evaluations: Number.POSITIVE_INFINITY };

describe("step(allowance): a generation cut to fit", () => {
  for (const [name, factory] of FACTORIES) {
    it.each(CONFIGS)(`${name}, %s: an allowance that is not binding changes nothing`, (_c, config) => {
      const a = build(factory, config);
      const b = build(factory, config);
      for (let k = 0; k < 4; k++) {
        const cost = a.step();
        // Exactly the generation's cost is enough too.
        expect(b.step(k % 2 === 0 ? UNLIMITED : cost)).toEqual(cost);
      }
      expect(b.state()).toEqual(a.state());
    });

    it.each(CONFIGS)(
      `${name}, %s: scores the candidates that fit, does not tell, and finishes the generation later`,
      (_c, config) => {
        const a = build(factory, config);
        a.step();
        const per = a.candidateFlops;
        const samples = config.fitness ? 12 : 60;
        const gen = a.generation;
        const told = a.optimizer.generation;
        const allowance = { flops: 4.5 * per, evaluations: Number.POSITIVE_INFINITY };
        const cut = a.step(allowance);
        expect(cut.evaluations).toBeGreaterThanOrEqual(4 * samples);
        expect(cut.flops).toBeLessThanOrEqual(allowance.flops);
        expect(cut.flops).toBeGreaterThanOrEqual(4 * per);
        expect(a.generation).toBe(gen);
        expect(a.optimizer.generation).toBe(told);
        // Not even one more candidate fits: nothing is done.
        expect(a.step({ flops: per - 1, evaluations: 1e9 })).toEqual({ flops: 0, evaluations: 0 });
        expect(a.step({ flops: 1e12, evaluations: samples - 1 })).toEqual({ flops: 0, evaluations: 0 });
        // The state mid-generation resumes bit for bit.
        const saved = JSON.parse(JSON.stringify(a.state())) as NeuroevolutionState;
        expect(saved.pending?.scored).toBe(4);
        const b = resumeLearner(createModel(SPEC, new Rng("init")), data(), saved);
        expect(b.state()).toEqual(a.state());
        // The rest of the generation (6 candidates and the optimizer's move), then whole generations.
        const rest = a.step();
        expect(b.step()).toEqual(rest);
        expect(a.generation).toBe(gen + 1);
        expect(a.optimizer.generation).toBe(told + 1);
        expect(rest.flops).toBeGreaterThanOrEqual(6 * per + 1);
        for (let k = 0; k < 3; k++) expect(b.step()).toEqual(a.step());
        expect(bytes(b.current())).toEqual(bytes(a.current()));
        expect(b.state()).toEqual(a.state());
      },
    );
  }
});

describe("step(allowance): current() and re-scoring in a cut generation", () => {
  it("current() follows the candidates a cut generation scored, by the full generation's rule", () => {
    // Full fitness: the best finite score seen so far. Score only the first candidate of the first
    // generation: the initial weights, whose loss is then current().
    const l = build(gaLearner, { population: 10 });
    const cost = l.step({ flops: l.candidateFlops, evaluations: Number.POSITIVE_INFINITY });
    expect(cost).toEqual({ flops: l.candidateFlops, evaluations: 60 });
    const model = createModel(SPEC, new Rng("init"));
    expect(l.currentLoss).toBeCloseTo(model.loss(data().train, model.params), 6);
  });

  it("re-scores only as many of the top candidates as still fit", () => {
    const l = build(psoLearner, {
      population: 10,
      fitness: { minibatch: 12 },
      rescore: { every: 1, top: 3 },
    });
    const gen = 10 * l.candidateFlops + l.optimizerFlops;
    const cost = l.step({ flops: gen + 1.5 * l.fullCandidateFlops, evaluations: Number.POSITIVE_INFINITY });
    expect(cost).toEqual({ flops: gen + l.fullCandidateFlops, evaluations: 10 * 12 + 60 });
    expect(l.generation).toBe(1);
  });

  it("with all candidates scored but no room for the optimizer's move, waits for the move", () => {
    const l = build(psoLearner, { population: 10 });
    const scores = 10 * l.candidateFlops;
    const cut = l.step({ flops: scores + l.optimizerFlops - 1, evaluations: Number.POSITIVE_INFINITY });
    expect(cut).toEqual({ flops: scores, evaluations: 600 });
    expect(l.generation).toBe(0);
    expect(l.step({ flops: l.optimizerFlops - 1, evaluations: 1e9 })).toEqual({ flops: 0, evaluations: 0 });
    expect(l.step({ flops: l.optimizerFlops, evaluations: 0 })).toEqual({
      flops: l.optimizerFlops,
      evaluations: 0,
    });
    expect(l.generation).toBe(1);
  });
});
