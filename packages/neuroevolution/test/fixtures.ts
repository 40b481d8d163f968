import { getProblem, type Problem } from "@arena/datasets";
import { type AnyModel, createModel, type Learner, type ModelSpec } from "@arena/nn";
import { Rng } from "@arena/rng";

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
