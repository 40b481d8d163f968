import { getProblem, type Problem } from "@arena/datasets";
import { type AnyModel, createModel, type ModelSpec, type Samples } from "@arena/nn";
import { Rng } from "@arena/rng";

/** The registry's XOR problem and its 2-2-1 net (sigmoid hidden and output, MSE). */
export const xor: Problem = getProblem("xor").load(new Rng(1));
export const XOR_221 = xor.model as ModelSpec;

/** A small softmax classifier (4 inputs, 5 tanh units, 2 classes) with L2, so the penalty is counted too. */
export const SMALL_MLP: ModelSpec = {
  kind: "mlp",
  layers: [4, 5, 2],
  activation: "tanh",
  output: "softmax",
  l2: 1e-3,
};

/** 60 standard-normal points in 4-D, class 1 when x₀ + x₁ > 0, as a Problem (validation = test = train). */
export function separable(seed: number): Problem {
  const rng = new Rng(seed);
  const n = 60;
  const x = rng.fillNormal(new Float32Array(n * 4));
  const y = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) y[i * 2 + (x[i * 4] + x[i * 4 + 1] > 0 ? 1 : 0)] = 1;
  const train: Samples = { n, x, xShape: [4], y, yShape: [2] };
  return { ...xor, name: "separable", train, validation: train, test: train } as Problem;
}

/** The model of a test, initialised from a fixed stream. */
export function modelFor(spec: ModelSpec, seed: number | string = "init"): AnyModel {
  return createModel(spec, new Rng(seed));
}

/** The bytes of a float array, for bit-identical comparisons. */
export function bytes(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

/** A JSON round trip, as a saved state goes through. */
export function roundTrip<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
