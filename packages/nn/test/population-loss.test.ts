import { Rng } from "@arena/rng";
import { getKernels, type Kernels, tsKernels } from "@arena/tensor";
import { describe, expect, it } from "vitest";
import { createModel, type ModelSpec, modelObjective } from "../src/index.ts";
import { randomData, randomSequences } from "./fixtures.ts";

function population(model: ReturnType<typeof createModel>, count: number, seed: number): Float32Array {
  const pop = new Float32Array(count * model.size);
  const rng = new Rng(seed);
  for (let c = 0; c < count; c++) model.initialize(rng, pop.subarray(c * model.size, (c + 1) * model.size));
  return pop;
}

/** The slow way: copy each candidate in and evaluate it alone. */
function oneByOne(
  model: ReturnType<typeof createModel>,
  pop: Float32Array,
  count: number,
  data: Parameters<typeof model.loss>[0],
): number[] {
  const saved = model.getParams();
  const out: number[] = [];
  for (let c = 0; c < count; c++) {
    model.setParams(pop.subarray(c * model.size, (c + 1) * model.size));
    out.push(model.loss(data));
  }
  model.setParams(saved);
  return out;
}

const MLPS: [string, ModelSpec, "one-hot" | "binary" | "real"][] = [
  [
    "xor 2-4-1 sigmoid/bce",
    { kind: "mlp", layers: [2, 4, 1], activation: "tanh", output: "sigmoid" },
    "binary",
  ],
  [
    "2-2-1 sigmoid/mse",
    { kind: "mlp", layers: [2, 2, 1], activation: "sigmoid", output: "sigmoid", loss: "mse" },
    "binary",
  ],
  [
    "softmax/ce, two hidden relu",
    { kind: "mlp", layers: [6, 8, 5, 3], activation: "relu", output: "softmax", l2: 0.01 },
    "one-hot",
  ],
  [
    "softmax/mse",
    { kind: "mlp", layers: [6, 5, 3], activation: "gelu", output: "softmax", loss: "mse", l1: 0.001 },
    "one-hot",
  ],
  [
    "linear/mse, no hidden layer",
    { kind: "mlp", layers: [6, 2], activation: "tanh", output: "linear" },
    "real",
  ],
  ["tanh/mse", { kind: "mlp", layers: [6, 4, 2], activation: "elu", output: "tanh" }, "real"],
];

describe("lossBatch equals separate forward passes", () => {
  it.each(MLPS)("MLP %s", (_name, spec, target) => {
    const model = createModel(spec, new Rng(1));
    const inputs = model.inputSize;
    const data = randomData(2, 37, inputs, model.outputSize, target);
    const count = 13;
    const pop = population(model, count, 3);
    const out = new Float64Array(count);
    model.lossBatch(pop, count, data, out);
    const ref = oneByOne(model, pop, count, data);
    for (let c = 0; c < count; c++) expect(out[c]).toBeCloseTo(ref[c], 5);
  });

  it("MLP: a large population on many samples (split into candidate groups and sample batches)", () => {
    const model = createModel(
      { kind: "mlp", layers: [64, 32, 10], activation: "tanh", output: "softmax" },
      new Rng(1),
    );
    const data = randomData(4, 1500, 64, 10, "one-hot");
    const count = 40;
    const pop = population(model, count, 5);
    const out = new Float64Array(count);
    model.lossBatch(pop, count, data, out);
    const ref = oneByOne(model, pop, count, data);
    for (let c = 0; c < count; c++) expect(out[c]).toBeCloseTo(ref[c], 5);
  });

  it.each(["rnn", "lstm", "gru"] as const)("%s, both readouts", (kind) => {
    for (const readout of ["last", "every-step"] as const) {
      const model = createModel(
        { kind, input: 2, hidden: [4, 3], output: 2, readout, head: [3], l2: 0.01 },
        new Rng(6),
      );
      const data = randomSequences(7, 9, 5, 2, 2, readout);
      const pop = population(model, 6, 8);
      const out = new Float64Array(6);
      model.lossBatch(pop, 6, data, out);
      const ref = oneByOne(model, pop, 6, data);
      for (let c = 0; c < 6; c++) expect(out[c]).toBeCloseTo(ref[c], 5);
    }
  });

  it("leaves the model's parameters and a pending training pass untouched", () => {
    const model = createModel(
      { kind: "mlp", layers: [3, 4, 2], activation: "tanh", output: "linear" },
      new Rng(9),
    );
    const data = randomData(9, 8, 3, 2, "real");
    const before = model.getParams();
    model.zeroGrads();
    model.forward(data.x, data.n);
    model.lossBatch(population(model, 5, 10), 5, randomData(11, 20, 3, 2, "real"), new Float64Array(5));
    model.backward(data.y);
    const g1 = Float32Array.from(model.grads);
    model.zeroGrads();
    model.forward(data.x, data.n);
    model.backward(data.y);
    expect(g1).toEqual(model.grads);
    expect(model.params).toEqual(before);
  });

  it("modelObjective: evaluate and evaluateBatch agree with loss and lossBatch", () => {
    const model = createModel({ kind: "lstm", input: 1, hidden: 3, output: 1, readout: "last" }, new Rng(12));
    const data = randomSequences(12, 6, 4, 1, 1, "last");
    const f = modelObjective(model, data);
    expect(f.dim).toBe(model.size);
    const pop = population(model, 4, 13);
    const out = new Float64Array(4);
    f.evaluateBatch(pop, 4, out);
    for (let c = 0; c < 4; c++)
      expect(f.evaluate(pop.subarray(c * model.size, (c + 1) * model.size))).toBe(out[c]);
    expect(() => modelObjective(model, { n: 6, x: new Float32Array(6 * 4), y: new Float32Array(3) })).toThrow(
      /y has 3 entries/,
    );
  });

  it("rejects a population too short for count, naming the sizes", () => {
    const model = createModel(
      { kind: "mlp", layers: [2, 2, 1], activation: "tanh", output: "sigmoid" },
      new Rng(1),
    );
    const data = randomData(1, 4, 2, 1, "binary");
    expect(() => model.lossBatch(new Float32Array(10), 2, data, new Float64Array(2))).toThrow(
      /population has 10 entries, 2 candidates of 9 need 18/,
    );
  });
});

/** The backend with its crossEntropyParts calls counted, optionally replaced by `parts`. */
function countingParts(k: Kernels, parts: Kernels["crossEntropyParts"] = k.crossEntropyParts) {
  let calls = 0;
  const kernels: Kernels = {
    ...k,
    crossEntropyParts(...args) {
      calls++;
      parts(...args);
    },
  };
  return { kernels, calls: () => calls };
}

/** |batched − single| within 1e-12 · max(1, |single|) (the sums' order differs), or both NaN. */
function expectClose(out: Float64Array, ref: number[]): void {
  for (let c = 0; c < ref.length; c++) {
    if (Number.isNaN(ref[c])) expect(out[c], `candidate ${c}`).toBeNaN();
    else
      expect(Math.abs(out[c] - ref[c]), `candidate ${c}`).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(ref[c])),
      );
  }
}

describe("MLP lossBatch with softmax cross-entropy on a digits-sized net (64-32-10)", () => {
  const SPEC: ModelSpec = { kind: "mlp", layers: [64, 32, 10], activation: "tanh", output: "softmax" };
  // 300 samples are one batch of rows; candidate groups hold ⌊2^17 / (300 · 32)⌋ = 13, so 20
  // candidates are a full group and a partial one (an odd number of rows per sample: lane pairs
  // straddle two samples).
  const COUNT = 20;

  it.each([
    ["the default backend", getKernels()],
    ["the TypeScript backend", tsKernels],
  ])("equals single losses on %s, up to the order of the sums", (_name, backend) => {
    const { kernels, calls } = countingParts(backend);
    const model = createModel(SPEC, new Rng(21), { kernels });
    const data = randomData("digits-sized", 300, 64, 10, "one-hot");
    const pop = population(model, COUNT, 22);
    const out = new Float64Array(COUNT);
    model.lossBatch(pop, COUNT, data, out);
    expect(calls()).toBe(2); // one call per group
    expectClose(out, oneByOne(model, pop, COUNT, data));
  });

  it("gives the bits of the JavaScript parts (Math.exp) on saturated nets, soft and empty targets, NaN and ±∞", () => {
    const fast = countingParts(getKernels());
    const slow = countingParts(getKernels(), tsKernels.crossEntropyParts);
    const model = createModel(SPEC, new Rng(23), { kernels: fast.kernels });
    const reference = createModel(SPEC, new Rng(23), { kernels: slow.kernels });
    const data = randomData("digits-edges", 300, 64, 10, "one-hot");
    // Soft targets (label smoothing), a row of zeros, and a weight that is not 0/1 on one class.
    data.y.fill(0, 0, 30);
    data.y.set([0.5, 0.5], 0);
    data.y.set([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 10);
    data.y[25] = 2;
    const pop = population(model, COUNT, 24);
    // Large weights: logits far apart (exp arguments past fdlibm's thresholds).
    for (let i = 0; i < 5 * model.size; i++) pop[i] *= 40;
    const size = model.size;
    const outBias = size - 10; // the output layer's b, the last 10 parameters
    pop[13 * size + outBias + 3] = Number.NEGATIVE_INFINITY; // a logit of −∞: NaN, as 0 · (−∞) in loss
    pop[14 * size + 7] = Number.NaN;
    pop[15 * size + outBias] = Number.POSITIVE_INFINITY;
    const out = new Float64Array(COUNT);
    const want = new Float64Array(COUNT);
    model.lossBatch(pop, COUNT, data, out);
    reference.lossBatch(pop, COUNT, data, want);
    expect(slow.calls()).toBe(2);
    for (let c = 0; c < COUNT; c++) expect(Object.is(out[c], want[c]), `candidate ${c}`).toBe(true);
    const ref = oneByOne(model, pop, COUNT, data);
    expect(ref.slice(13, 16).every(Number.isNaN)).toBe(true);
    expectClose(out, ref);
  });
});
