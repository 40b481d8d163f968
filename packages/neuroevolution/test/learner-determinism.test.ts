import { createModel, type ModelSpec, type Samples } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  gaLearner,
  type NeuroevolutionState,
  type PopulationLearner,
  psoLearner,
  randomSearchLearner,
  resumeLearner,
} from "../src/index.ts";

const SPEC: ModelSpec = { kind: "mlp", layers: [4, 5, 2], activation: "tanh", output: "softmax" };

function data(seed: number): { train: Samples } {
  const rng = new Rng(seed);
  const n = 60;
  const x = rng.fillNormal(new Float32Array(n * 4));
  const y = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) y[i * 2 + (x[i * 4] + x[i * 4 + 1] > 0 ? 1 : 0)] = 1;
  return { train: { n, x, xShape: [4], y, yShape: [2] } };
}

const FACTORIES = [
  ["ga", gaLearner],
  ["pso", psoLearner],
  ["random-search", randomSearchLearner],
] as const;

const CONFIGS: [string, Record<string, unknown>][] = [
  ["full fitness", { population: 10 }],
  [
    "minibatch with re-scoring",
    { population: 10, fitness: { minibatch: 12 }, rescore: { every: 2, top: 3 } },
  ],
  ["minibatch without re-scoring", { population: 10, fitness: { minibatch: 12 }, rescore: false }],
];

function bytes(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

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
