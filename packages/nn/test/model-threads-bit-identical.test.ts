/**
 * Issue 22: a model trained on the WebAssembly backend with two threads (gemm split over a helper
 * thread) ends with the same parameter bits as on one thread: forward, backward, a few SGD steps,
 * predictions and population losses. One two-thread backend splits at the default size, one splits
 * every product, so both the large-layer path and every small shape are covered.
 */
import { Rng } from "@arena/rng";
import { createWasmKernels, type WasmKernels } from "@arena/tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { createModel, type Model, type ModelSpec } from "../src/index.ts";
import { randomData, randomSequences } from "./fixtures.ts";

/** Five SGD steps, then predictions and the losses of a population of 6; all as float32 bits. */
function train(net: Model, data: { n: number; x: Float32Array; y: Float32Array }): Record<string, number[]> {
  const losses: number[] = [];
  for (let s = 0; s < 5; s++) {
    net.zeroGrads();
    net.forward(data.x, data.n);
    losses.push(net.backward(data.y));
    for (let i = 0; i < net.size; i++) net.params[i] -= 0.05 * net.grads[i];
  }
  const pop = new Rng("population").fillNormal(new Float32Array(6 * net.size), 0, 0.2);
  const popLoss = new Float64Array(6);
  net.lossBatch(pop, 6, data, popLoss);
  const bits = (a: Float32Array) => Array.from(new Uint32Array(a.slice().buffer));
  return {
    losses,
    params: bits(net.params),
    grads: bits(net.grads),
    predict: bits(net.predict(data.x, data.n)),
    popLoss: Array.from(popLoss),
  };
}

const one = createWasmKernels({ threads: 1, memoryMiB: 64 });
const twoDefault = createWasmKernels({ threads: 2, memoryMiB: 64, threadBackoffJobs: 0 });
const twoAlways = createWasmKernels({ threads: 2, memoryMiB: 64, threadMinMacs: 0, threadBackoffJobs: 0 });

const CASES: [string, ModelSpec, () => { n: number; x: Float32Array; y: Float32Array }][] = [
  [
    "faces-like MLP 1024-128-40 (softmax), batch 96",
    { kind: "mlp", layers: [1024, 128, 40], activation: "tanh", output: "softmax" },
    () => randomData("faces", 96, 1024, 40, "one-hot"),
  ],
  [
    "MLP 20-33-17-3 (relu, sigmoid)",
    { kind: "mlp", layers: [20, 33, 17, 3], activation: "relu", output: "sigmoid" },
    () => randomData("small", 37, 20, 3, "binary"),
  ],
  [
    "LSTM 5-24-2 (every step)",
    { kind: "lstm", input: 5, hidden: 24, output: 2, readout: "every-step" },
    () => randomSequences("lstm", 9, 7, 5, 2, "every-step"),
  ],
];

describe("models on two kernel threads", () => {
  beforeAll(async () => {
    await Promise.all([twoDefault.startThreads(), twoAlways.startThreads()]);
  });

  for (const [label, spec, makeData] of CASES) {
    it(`${label}: bit-identical parameters, predictions and losses with 1 and 2 threads`, () => {
      const data = makeData();
      const run = (k: WasmKernels) => {
        const net = createModel(spec, new Rng("init"), { kernels: k });
        try {
          return train(net, data);
        } finally {
          net.dispose();
        }
      };
      const reference = run(one);
      expect(run(twoDefault)).toEqual(reference);
      expect(run(twoAlways)).toEqual(reference);
    });
  }
});
