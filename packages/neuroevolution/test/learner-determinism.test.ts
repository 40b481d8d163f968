import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { type NeuroevolutionState, type PopulationLearner, psoLearner, resumeLearner } from "../src/index.ts";
import { bytes, fitnessConfigs, POPULATION_FACTORIES, SMALL_MLP, separableData } from "./fixtures.ts";

const SPEC = SMALL_MLP;
const FACTORIES = POPULATION_FACTORIES;
const CONFIGS = fitnessConfigs(2);
const data = separableData;

function build(
  factory: (typeof FACTORIES)[number][1],
  config: Record<string, unknown>,
  seed: string,
): PopulationLearner {
  const model = createModel(SPEC, new Rng("init"));
  return factory(model, data(1), config, new Rng(seed));
}

describe("determinism: same seed, same bytes", () => {
  for (const [name, factory] of FACTORIES) {
    it.each(CONFIGS)(
      `${name}, %s: identical current() and costs after k steps; another seed differs`,
      (_c, config) => {
        const a = build(factory, config, "run");
        const b = build(factory, config, "run");
        const c = build(factory, config, "other");
        for (let k = 0; k < 7; k++) {
          expect(a.step()).toEqual(b.step());
          c.step();
        }
        expect(bytes(a.current())).toEqual(bytes(b.current()));
        expect(a.state()).toEqual(b.state());
        expect(bytes(a.current())).not.toEqual(bytes(c.current()));
      },
    );
  }

  it("diagnostics() does not disturb the run", () => {
    const a = build(psoLearner, { population: 10 }, "run");
    const b = build(psoLearner, { population: 10 }, "run");
    for (let k = 0; k < 5; k++) {
      a.step();
      b.step();
      a.diagnostics();
    }
    expect(a.state()).toEqual(b.state());
  });
});

describe("state(): a JSON round trip resumes bit for bit", () => {
  for (const [name, factory] of FACTORIES) {
    it.each(CONFIGS)(`${name}, %s`, (_c, config) => {
      const model = createModel(SPEC, new Rng("init"));
      const problem = data(1);
      const a = factory(model, problem, config, new Rng("run"));
      for (let k = 0; k < 4; k++) a.step();
      const saved = JSON.parse(JSON.stringify(a.state())) as NeuroevolutionState;
      const b = resumeLearner(model, problem, saved);
      expect(b.name).toBe(name);
      expect(b.state()).toEqual(a.state());
      for (let k = 0; k < 5; k++) expect(b.step()).toEqual(a.step());
      expect(bytes(b.current())).toEqual(bytes(a.current()));
      expect(b.spent).toEqual(a.spent);
      expect(b.generation).toBe(9);
    });
  }

  it("rejects a state of another format", () => {
    const model = createModel(SPEC, new Rng("init"));
    expect(() => resumeLearner(model, data(1), { format: "x" } as unknown as NeuroevolutionState)).toThrow(
      /arena-neuroevolution/,
    );
  });
});
