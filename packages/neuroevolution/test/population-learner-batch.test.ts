import { createModel, type Model, type ModelSpec, modelObjective, type Samples } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  gaLearner,
  type PopulationLearner,
  psoLearner,
  RandomBatchSampler,
  randomSearchLearner,
} from "../src/index.ts";

function classification(n: number, features: number, classes: number, seed: number): { train: Samples } {
  const rng = new Rng(seed);
  const x = rng.fillNormal(new Float32Array(n * features));
  const y = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) y[i * classes + rng.int(0, classes)] = 1;
  return { train: { n, x, xShape: [features], y, yShape: [classes] } };
}

function sequences(n: number, steps: number, features: number, seed: number): { train: Samples } {
  const rng = new Rng(seed);
  const x = rng.fillNormal(new Float32Array(n * steps * features));
  const y = rng.fillNormal(new Float32Array(n));
  return { train: { n, x, xShape: [steps, features], y, yShape: [1] } };
}

/**
 * Runs `generations` steps, and for each one checks that the fitness the learner told its optimizer
 * (one batched lossBatch pass) equals scoring each asked row alone with the Objective's `evaluate`
 * on the same data (the full split, or the minibatch replayed from the same stream).
 */
function checkAgainstOneByOne(
  learner: PopulationLearner,
  model: Model,
  train: Samples,
  generations: number,
  minibatch: { size: number; rng: Rng } | null,
): void {
  const opt = learner.optimizer;
  const told: number[][] = [];
  const tell = opt.tell.bind(opt);
  opt.tell = (f: ArrayLike<number>) => {
    told.push(Array.from(f));
    tell(f);
  };
  const replay = minibatch ? new RandomBatchSampler(train, minibatch.size, minibatch.rng) : null;
  const dim = model.size;
  for (let g = 0; g < generations; g++) {
    const rows = opt.ask().slice();
    learner.step();
    const data = replay ? replay.draw() : train;
    const one = modelObjective(model, data);
    const f = told[g];
    expect(f.length).toBe(opt.populationSize);
    for (let i = 0; i < f.length; i++) {
      const ref = one.evaluate(rows.subarray(i * dim, (i + 1) * dim));
      expect(Math.abs(f[i] - ref)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(ref)));
    }
  }
}

const MLP: ModelSpec = { kind: "mlp", layers: [5, 6, 3], activation: "tanh", output: "softmax", l2: 0.001 };
const LSTM: ModelSpec = { kind: "lstm", input: 2, hidden: 3, output: 1, readout: "last" };

describe("batched scoring (lossBatch) equals one-at-a-time evaluation", () => {
  it.each([
    ["ga", gaLearner],
    ["pso", psoLearner],
    ["random-search", randomSearchLearner],
  ] as const)("%s on an MLP, full-batch fitness", (_name, factory) => {
    const model = createModel(MLP, new Rng(1));
    const problem = classification(40, 5, 3, 2);
    const learner = factory(model, problem, { population: 12 }, new Rng("s"));
    checkAgainstOneByOne(learner, model, problem.train, 4, null);
  });

  it.each([
    ["ga", gaLearner],
    ["pso", psoLearner],
    ["random-search", randomSearchLearner],
  ] as const)("%s on an MLP, minibatch fitness (the replayed minibatches match)", (_name, factory) => {
    const model = createModel(MLP, new Rng(3));
    const problem = classification(50, 5, 3, 4);
    const learner = factory(model, problem, { population: 10, fitness: { minibatch: 8 } }, new Rng("t"));
    checkAgainstOneByOne(learner, model, problem.train, 4, { size: 8, rng: new Rng("t/minibatch") });
  });

  it("PSO on an LSTM (the recurrent lossBatch path)", () => {
    const model = createModel(LSTM, new Rng(5));
    const problem = sequences(15, 6, 2, 6);
    const learner = psoLearner(model, problem, { population: 8 }, new Rng("u"));
    checkAgainstOneByOne(learner, model, problem.train, 3, null);
  });

  it("the model's own parameters are never changed", () => {
    const model = createModel(MLP, new Rng(7));
    const before = model.getParams();
    const problem = classification(30, 5, 3, 8);
    for (const factory of [gaLearner, psoLearner, randomSearchLearner]) {
      const learner = factory(model, problem, { population: 6 }, new Rng(9));
      for (let g = 0; g < 3; g++) learner.step();
    }
    expect(model.params).toEqual(before);
  });
});
