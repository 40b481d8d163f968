import { getProblem, type Problem } from "@arena/datasets";
import { type AnyModel, createModel, type Learner, type ModelSpec, type Samples } from "@arena/nn";
import { Rng } from "@arena/rng";
import {
  cmaesLearner,
  gaLearner,
  openAiEsLearner,
  psoLearner,
  randomSearchLearner,
  shadeLearner,
  snesLearner,
} from "../src/index.ts";

/** XOR with the registry's activations and loss (sigmoid hidden and output, MSE), 4 hidden units. */
export const XOR_241: ModelSpec = {
  kind: "mlp",
  layers: [2, 4, 1],
  activation: "sigmoid",
  output: "sigmoid",
  loss: "mse",
};

export const xorProblem: Problem = getProblem("xor").load(new Rng(1));

/** The model of repetition `seed`, initialised from its own stream as the harness does. */
export function modelFor(spec: ModelSpec, seed: number | string): AnyModel {
  return createModel(spec, new Rng(`init/${seed}`));
}

/** True when all four XOR outputs of `params` lie on the right side of 0.5. */
export function solvesXor(model: AnyModel, params: Float32Array): boolean {
  const saved = model.getParams();
  model.setParams(params);
  const out = model.predict(xorProblem.train.x, 4);
  model.setParams(saved);
  const y = xorProblem.train.y;
  for (let i = 0; i < 4; i++) if (out[i] > 0.5 !== y[i] > 0.5 || out[i] === 0.5) return false;
  return true;
}

/** Runs `steps` steps; returns the summed cost. */
export function run(learner: Learner, steps: number): { flops: number; evaluations: number } {
  let flops = 0;
  let evaluations = 0;
  for (let s = 0; s < steps; s++) {
    const c = learner.step();
    flops += c.flops;
    evaluations += c.evaluations;
  }
  return { flops, evaluations };
}

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A small softmax classifier for the learner-contract tests (4 inputs, 5 tanh units, 2 classes). */
export const SMALL_MLP: ModelSpec = { kind: "mlp", layers: [4, 5, 2], activation: "tanh", output: "softmax" };

/** 60 standard-normal points in 4-D, class 1 when x₀ + x₁ > 0: linearly separable, drawn from `seed`. */
export function separableData(seed: number): { train: Samples } {
  const rng = new Rng(seed);
  const n = 60;
  const x = rng.fillNormal(new Float32Array(n * 4));
  const y = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) y[i * 2 + (x[i * 4] + x[i * 4 + 1] > 0 ? 1 : 0)] = 1;
  return { train: { n, x, xShape: [4], y, yShape: [2] } };
}

/** Every population learner factory of this package, by kind. */
export const POPULATION_FACTORIES = [
  ["ga", gaLearner],
  ["pso", psoLearner],
  ["random-search", randomSearchLearner],
  ["cmaes", cmaesLearner],
  ["snes", snesLearner],
  ["openai-es", openAiEsLearner],
  ["shade", shadeLearner],
] as const;

/** The three fitness set-ups a population learner has, each with 10 candidates. */
export function fitnessConfigs(rescoreEvery: number): [string, Record<string, unknown>][] {
  return [
    ["full fitness", { population: 10 }],
    [
      "minibatch with re-scoring",
      { population: 10, fitness: { minibatch: 12 }, rescore: { every: rescoreEvery, top: 3 } },
    ],
    ["minibatch without re-scoring", { population: 10, fitness: { minibatch: 12 }, rescore: false }],
  ];
}

/** The bytes of a float array, for bit-identical comparisons. */
export function bytes(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}
