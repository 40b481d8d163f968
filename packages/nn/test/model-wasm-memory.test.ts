/**
 * Models keep params, grads and workspaces in the WebAssembly backend's memory (zero-copy kernels),
 * give them back on dispose, and compute exactly what the same model computes on ordinary arrays
 * (the backend's copy path).
 */
import { Rng } from "@arena/rng";
import { createWasmKernels, type Kernels, type WasmKernels } from "@arena/tensor";
import { describe, expect, it } from "vitest";
import {
  checkModelGradient,
  createModel,
  Mlp,
  type Model,
  type ModelSpec,
  RecurrentNet,
} from "../src/index.ts";
import { randomData, randomSequences } from "./fixtures.ts";

/** The same backend without alloc/free: models built on it hold ordinary arrays, so kernels copy. */
function copying(w: WasmKernels): Kernels {
  const { alloc: _alloc, free: _free, ...rest } = w;
  return { ...rest, name: "wasm-copying" };
}

/** A few SGD steps plus evaluation and population losses; everything a learner touches. */
function exercise(net: Model, data: { n: number; x: Float32Array; y: Float32Array }) {
  const losses: number[] = [];
  for (let s = 0; s < 5; s++) {
    net.zeroGrads();
    net.forward(data.x, data.n);
    losses.push(net.backward(data.y));
    for (let i = 0; i < net.size; i++) net.params[i] -= 0.1 * net.grads[i];
  }
  const rng = new Rng("population");
  const pop = rng.fillNormal(new Float32Array(4 * net.size), 0, 0.3);
  const popLoss = new Float64Array(4);
  net.lossBatch(pop, 4, data, popLoss);
  return {
    losses,
    params: Array.from(net.params),
    grads: Array.from(net.grads),
    predict: Array.from(net.predict(data.x, data.n)),
    evaluation: net.evaluate(data),
    popLoss: Array.from(popLoss),
  };
}

const SPECS: [string, ModelSpec, () => { n: number; x: Float32Array; y: Float32Array }][] = [
  [
    "MLP (tanh, softmax)",
    { kind: "mlp", layers: [6, 16, 8, 3], activation: "tanh", output: "softmax" },
    () => randomData("mlp", 40, 6, 3, "one-hot"),
  ],
  [
    "LSTM (two layers, every-step readout)",
    { kind: "lstm", input: 3, hidden: [8, 5], output: 2, readout: "every-step", head: [4] },
    () => randomSequences("lstm", 7, 9, 3, 2, "every-step"),
  ],
  [
    "GRU (last readout)",
    { kind: "gru", input: 2, hidden: 6, output: 1, readout: "last" },
    () => randomSequences("gru", 5, 8, 2, 1, "last"),
  ],
];

describe("models in WebAssembly memory", () => {
  for (const [label, spec, makeData] of SPECS) {
    it(`${label}: params, grads and workspaces live in the memory and dispose frees them all`, () => {
      const w = createWasmKernels({ memoryMiB: 8 });
      const net = createModel(spec, new Rng(1), { kernels: w });
      expect(w.owns(net.params) && w.owns(net.grads)).toBe(true);
      exercise(net, makeData()); // grows the workspaces and the population buffers
      expect(w.bytesInUse()).toBeGreaterThan(2 * net.size * 4);
      const empty = createWasmKernels({ memoryMiB: 8 }).bytesFree();
      net.dispose();
      net.dispose(); // idempotent
      expect(net.disposed).toBe(true);
      expect(w.bytesInUse()).toBe(0);
      expect(w.bytesFree()).toBe(empty);
    });

    it(`${label}: bit-identical to the same model on ordinary (copied) arrays`, () => {
      const w = createWasmKernels({ memoryMiB: 8 });
      const data = makeData();
      const inside = createModel(spec, new Rng(2), { kernels: w });
      const outside = createModel(spec, new Rng(2), { kernels: copying(w) });
      expect(w.owns(inside.params)).toBe(true);
      expect(w.owns(outside.params)).toBe(false);
      expect(exercise(inside, data)).toEqual(exercise(outside, data));
    });
  }

  it("a disposed model throws a clear error on use", () => {
    const w = createWasmKernels({ memoryMiB: 4 });
    const mlp = new Mlp(
      { kind: "mlp", layers: [2, 3, 1], activation: "tanh", output: "sigmoid" },
      new Rng(3),
      { kernels: w },
    );
    const data = randomData("d", 4, 2, 1, "binary");
    mlp.dispose();
    expect(() => mlp.forward(data.x, 4)).toThrow(/Mlp\.forward: the model was disposed/);
    expect(() => mlp.params).toThrow(/Mlp\.params: the model was disposed/);
    expect(() => mlp.evaluate(data)).toThrow(/Mlp\.evaluate: the model was disposed/);
    expect(() => mlp.lossBatch(new Float32Array(mlp.size), 1, data, new Float64Array(1))).toThrow(
      /Mlp\.lossBatch: the model was disposed/,
    );
    const rnn = new RecurrentNet({ kind: "rnn", input: 1, hidden: 2, output: 1, readout: "last" }, null);
    rnn.dispose();
    expect(() => rnn.predict(new Float32Array(3), 1)).toThrow(
      /RecurrentNet\.predict: the model was disposed/,
    );
    expect(() => rnn.zeroGrads()).toThrow(/RecurrentNet\.grads: the model was disposed/);
  });

  it("thousands of short-lived models fit when disposed; past the reservation models still compute the same", () => {
    const w = createWasmKernels({ memoryMiB: 2 });
    const spec: ModelSpec = { kind: "lstm", input: 3, hidden: 16, output: 2, readout: "last" };
    const data = randomSequences("many", 8, 6, 3, 2, "last");
    const reference = exercise(createModel(spec, new Rng(4), { kernels: copying(w) }), data);
    for (let r = 0; r < 2000; r++) {
      const net = createModel(spec, new Rng(r), { kernels: w, maxBatch: 8 });
      net.forward(data.x, data.n);
      net.backward(data.y);
      net.dispose();
    }
    expect(w.bytesInUse()).toBe(0);
    const last = createModel(spec, new Rng(4), { kernels: w });
    expect(w.owns(last.params)).toBe(true);
    // Never disposed: the memory runs out, later models get ordinary arrays and the same results.
    const kept: Model[] = [];
    while (kept.length < 1000 && w.owns(createLast(kept, spec, w).params));
    const spilled = kept[kept.length - 1];
    expect(w.owns(spilled.params)).toBe(false);
    expect(exercise(spilled, data)).toEqual(reference);
    expect(exercise(last, data)).toEqual(reference);
  });

  it("finite-difference gradients hold for an MLP and an LSTM whose params live in the memory", () => {
    const w = createWasmKernels({ memoryMiB: 4 });
    const mlp = new Mlp(
      { kind: "mlp", layers: [3, 6, 4, 2], activation: "tanh", output: "softmax", l2: 0.05 },
      new Rng("fd-mlp"),
      { kernels: w },
    );
    const lstm = new RecurrentNet(
      {
        kind: "lstm",
        input: 2,
        hidden: [5, 3],
        output: 2,
        readout: "every-step",
        head: [3],
        headActivation: "elu",
      },
      new Rng("fd-lstm"),
      { kernels: w },
    );
    for (const [net, data] of [
      [mlp, randomData("fd-mlp", 6, 3, 2, "one-hot")],
      [lstm, randomSequences("fd-lstm", 3, 10, 2, 2, "every-step")],
    ] as const) {
      expect(w.owns(net.params) && w.owns(net.grads)).toBe(true);
      const r = checkModelGradient(net, data);
      expect(r.failures).toEqual([]);
      expect(r.checked).toBe(net.size);
    }
  });
});

function createLast(kept: Model[], spec: ModelSpec, w: WasmKernels): Model {
  const net = createModel(spec, new Rng(4), { kernels: w });
  kept.push(net);
  return net;
}
