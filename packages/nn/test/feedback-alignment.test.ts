import { Rng } from "@arena/rng";
import { createWasmKernels, getKernels } from "@arena/tensor";
import { describe, expect, it } from "vitest";
import {
  createFeedback,
  createModel,
  type FlopCount,
  initVariance,
  Mlp,
  type MlpSpec,
} from "../src/index.ts";
import { countingKernels, randomData } from "./fixtures.ts";

/** Forward once, then the gradient of backprop and of the feedback, both from that same pending pass. */
function bothGradients(net: Mlp, fb: ReturnType<Mlp["createFeedback"]>, seed: number, dropout: boolean) {
  const d = randomData(seed, 6, net.inputSize, net.outputSize, "one-hot");
  net.forward(d.x, d.n, dropout ? { rng: new Rng(`mask${seed}`) } : {});
  net.zeroGrads();
  const lossBp = net.backward(d.y);
  const bp = new Float32Array(net.grads);
  net.zeroGrads();
  const lossFb = net.backwardFeedback(d.y, fb);
  return { bp, fb: new Float32Array(net.grads), lossBp, lossFb };
}

const deep: MlpSpec = { kind: "mlp", layers: [5, 7, 6, 3], activation: "tanh", output: "softmax", l2: 0.01 };

describe("feedback alignment (FA) and direct feedback alignment (DFA)", () => {
  it.each([false, true])(
    "FA with B set to the forward W is backprop, bit for bit (dropout %s)",
    (dropout) => {
      const net = new Mlp({ ...deep, dropout: dropout ? 0.3 : 0 }, new Rng(1));
      const fb = net.createFeedback("fa", new Rng(2));
      fb.weights.set(net.params);
      const g = bothGradients(net, fb, 3, dropout);
      expect(g.fb).toEqual(g.bp);
      expect(g.lossFb).toBe(g.lossBp);
    },
  );

  it.each([false, true])(
    "DFA on one hidden layer with B = W_outᵀ is backprop, bit for bit (dropout %s)",
    (dropout) => {
      const net = new Mlp(
        { kind: "mlp", layers: [5, 8, 3], activation: "relu", output: "softmax", dropout: dropout ? 0.3 : 0 },
        new Rng(4),
      );
      const fb = net.createFeedback("dfa", new Rng(5));
      // Nøkland's B_0 (hidden × outputs, mapping the errors onto the hidden units) is W_1 as stored (in × out).
      expect(fb.blocks[0]).toEqual({ offset: 0, rows: 8, cols: 3 });
      fb.weights.set(net.layers[1].params.W);
      const g = bothGradients(net, fb, 6, dropout);
      expect(g.fb).toEqual(g.bp);
    },
  );

  it("with random B: the output layer's gradient is exact, the hidden layers' are not", () => {
    for (const kind of ["fa", "dfa"] as const) {
      const net = new Mlp(deep, new Rng(7));
      const g = bothGradients(net, net.createFeedback(kind, new Rng(8)), 9, false);
      const out = net.layers[2];
      expect(g.fb.subarray(out.offset)).toEqual(g.bp.subarray(out.offset));
      const hidden = net.layers[0];
      expect(g.fb.subarray(0, hidden.size)).not.toEqual(g.bp.subarray(0, hidden.size));
      expect(g.lossFb).toBe(g.lossBp);
    }
  });

  it("FA and DFA are the same algorithm on one hidden layer: same B, same gradient", () => {
    const spec: MlpSpec = { kind: "mlp", layers: [4, 6, 2], activation: "tanh", output: "sigmoid" };
    const a = new Mlp(spec, new Rng(10));
    const b = new Mlp(spec, new Rng(10));
    const fa = a.createFeedback("fa", new Rng(11));
    const dfa = b.createFeedback("dfa", new Rng(11));
    expect(dfa.weights).toEqual(fa.weights.subarray(fa.blocks[1].offset, fa.blocks[1].offset + 12));
    const d = randomData(12, 5, 4, 2, "binary");
    for (const [net, fb] of [
      [a, fa],
      [b, dfa],
    ] as const) {
      net.forward(d.x, d.n);
      net.zeroGrads();
      net.backwardFeedback(d.y, fb);
    }
    expect(b.grads).toEqual(a.grads);
  });

  it("B is drawn from the run's stream with the model's initialiser, one block per layer that needs one", () => {
    const net = new Mlp(
      { kind: "mlp", layers: [30, 100, 50, 4], activation: "tanh", output: "softmax" },
      new Rng(1),
    );
    const fa = net.createFeedback("fa", new Rng("fb"));
    expect(net.createFeedback("fa", new Rng("fb")).weights).toEqual(fa.weights);
    expect(fa.blocks.map((b) => [b.rows, b.cols])).toEqual([
      [0, 0],
      [100, 50],
      [50, 4],
    ]);
    const dfa = net.createFeedback("dfa", new Rng("fb"));
    expect(dfa.blocks.map((b) => [b.offset, b.rows, b.cols])).toEqual([
      [0, 100, 4],
      [400, 50, 4],
      [-1, 0, 0],
    ]);
    // Glorot uniform with the block's fans: variance 2/(rows + cols), uniform within √(6/(rows + cols)).
    const b1 = fa.blocks[1];
    const v = fa.weights.subarray(b1.offset, b1.offset + b1.rows * b1.cols);
    const lim = Math.sqrt(6 / 150);
    let sq = 0;
    let max = 0;
    for (const w of v) {
      sq += w * w;
      max = Math.max(max, Math.abs(w));
    }
    expect(max).toBeLessThanOrEqual(lim);
    expect(sq / v.length / initVariance("glorot-uniform", 100, 50)).toBeCloseTo(1, 1);
    // Biases and the first layer's W are not feedback: left at 0.
    expect(fa.weights.subarray(0, 30 * 100).every((w) => w === 0)).toBe(true);
  });

  it("on the WebAssembly backend (B in its memory) the gradients are those of the TypeScript one", () => {
    const wasm = createWasmKernels({ memoryMiB: 8 });
    for (const kind of ["fa", "dfa"] as const) {
      const grads = [getKernels(), wasm].map((kernels) => {
        const net = new Mlp({ ...deep, dropout: 0.2 }, new Rng(1), { kernels });
        const g = bothGradients(net, net.createFeedback(kind, new Rng(2)), 3, true);
        return { fb: g.fb, angles: net.alignmentAngles() };
      });
      expect(grads[1].fb).toEqual(grads[0].fb);
      expect(grads[1].angles).toEqual(grads[0].angles);
    }
  });

  it("refuses recurrent models, feedback from another model and unknown kinds", () => {
    const rnn = createModel({ kind: "rnn", input: 2, hidden: 3, output: 1, readout: "last" }, new Rng(1));
    expect(() => createFeedback(rnn, "fa", new Rng(1))).toThrow(/MLPs only, got a "rnn" model/);
    expect(() => rnn.flops({ batch: 2, steps: 3, feedback: "dfa" } as never)).toThrow(
      /unknown option "feedback"/,
    );
    const net = new Mlp(deep, new Rng(1));
    const other = new Mlp(deep, new Rng(2)).createFeedback("fa", new Rng(3));
    net.forward(new Float32Array(5), 1);
    expect(() => net.backwardFeedback(new Float32Array(3), other)).toThrow(/this model's createFeedback/);
    expect(() => net.createFeedback("bp" as never, new Rng(1))).toThrow(/"fa" or "dfa"/);
    expect(() => net.flops({ batch: 1, feedback: "x" as never })).toThrow(/"fa" or "dfa"/);
    expect(createFeedback(net, "dfa", new Rng(1)).kind).toBe("dfa");
  });
});

describe("FLOPs of a pass with feedback", () => {
  const spec: MlpSpec = { kind: "mlp", layers: [3, 4, 5, 2], activation: "tanh", output: "softmax" };
  const batch = 7;

  it("FA costs exactly backprop; DFA's hand count on 3-4-5-2", () => {
    const net = new Mlp(spec, new Rng(1));
    const bp = net.flops({ batch, backward: true });
    expect(net.flops({ batch, backward: true, feedback: "fa" })).toEqual(bp);
    const dfa = net.flops({ batch, backward: true, feedback: "dfa" });
    expect(dfa.forward).toBe(bp.forward);
    // Backward gemms: dW per layer 2·B·(3·4 + 4·5 + 5·2) = 588; e·B_lᵀ for the hidden layers
    // 2·B·2·(4 + 5) = 252. Backprop instead sends the error down with 2·B·(4·5 + 5·2) = 420.
    expect(dfa.layers.map((l) => l.backward.matmul)).toEqual([
      2 * batch * (3 * 4 + 4 * 2),
      2 * batch * (4 * 5 + 5 * 2),
      2 * batch * 5 * 2,
    ]);
    expect(dfa.layers.reduce((s, l) => s + l.backward.matmul, 0)).toBe(588 + 252);
    expect(bp.layers.reduce((s, l) => s + l.backward.matmul, 0)).toBe(588 + 420);
    // Bias sums and activation derivatives (2 per hidden entry) are the same work, attributed per layer.
    expect(dfa.layers.map((l) => l.backward.bias)).toEqual([batch * 4, batch * 5, batch * 2]);
    expect(dfa.layers.map((l) => l.backward.elementwise)).toEqual([2 * batch * 4, 2 * batch * 5, 0]);
    expect(dfa.backward).toBe(bp.backward - (420 - 252));
    expect(dfa.total).toBeLessThan(bp.total);
  });

  it("with one hidden layer DFA costs what FA does (the one error gemm is the same)", () => {
    const net = new Mlp(
      { kind: "mlp", layers: [64, 32, 10], activation: "relu", output: "softmax" },
      new Rng(1),
    );
    expect(net.flops({ batch: 5, backward: true, feedback: "dfa" }).total).toBe(
      net.flops({ batch: 5, backward: true }).total,
    );
  });

  it.each([
    ["fa", false],
    ["dfa", false],
    ["dfa", true],
  ] as const)(
    "%s (dropout %s): the analytic count equals an instrumented run of the kernels",
    (kind, drop) => {
      const counter = countingKernels(getKernels());
      const net = new Mlp({ ...spec, l2: 0.1, dropout: drop ? 0.2 : 0 }, new Rng(2), {
        kernels: counter.kernels,
      });
      const fb = net.createFeedback(kind, new Rng(3));
      const d = randomData(4, batch, 3, 2, "one-hot");
      net.forward(d.x, batch, drop ? { rng: new Rng(5) } : {});
      counter.reset();
      net.backwardFeedback(d.y, fb);
      const f: FlopCount = net.flops({ batch, backward: true, feedback: kind, train: drop });
      const sum = (key: "matmul" | "bias") => f.layers.reduce((s, l) => s + l.backward[key], 0);
      expect(counter.counts.gemm).toBe(sum("matmul"));
      expect(counter.counts.colSums).toBe(sum("bias"));
      expect(counter.counts.axpy + counter.counts.dot).toBe(f.penalty.forward + f.penalty.backward);
    },
  );
});

describe("alignment angles between the estimate and the true gradient", () => {
  it("are 0 when B = W, 0 at the output layer, and leave training untouched", () => {
    const net = new Mlp(deep, new Rng(1));
    const fb = net.createFeedback("fa", new Rng(2));
    const d = randomData(3, 6, 5, 3, "one-hot");
    net.forward(d.x, d.n);
    net.zeroGrads();
    net.backwardFeedback(d.y, fb);
    const grads = new Float32Array(net.grads);
    const angles = net.alignmentAngles();
    expect(angles).toHaveLength(3);
    expect(angles[2]).toBeLessThan(1e-3);
    for (const a of angles.slice(0, 2)) expect(a).toBeGreaterThan(1);
    expect(net.grads).toEqual(grads);
    // The pending pass is intact: the same backward gives the same gradient again.
    net.zeroGrads();
    net.backwardFeedback(d.y, fb);
    expect(net.grads).toEqual(grads);
    fb.weights.set(net.params);
    net.zeroGrads();
    net.backwardFeedback(d.y, fb);
    for (const a of net.alignmentAngles()) expect(a).toBeLessThan(1e-3);
  });

  it("are taken at the parameters given (those of the pass), not the model's updated ones", () => {
    const net = new Mlp(deep, new Rng(1));
    const fb = net.createFeedback("dfa", new Rng(2));
    const d = randomData(3, 6, 5, 3, "one-hot");
    net.forward(d.x, d.n);
    net.zeroGrads();
    net.backwardFeedback(d.y, fb);
    const before = net.getParams();
    const angles = net.alignmentAngles();
    for (let i = 0; i < net.size; i++) net.params[i] -= 0.5 * net.grads[i];
    expect(net.alignmentAngles(before)).toEqual(angles);
    expect(() => new Mlp(deep, new Rng(1)).alignmentAngles()).toThrow(/no backward pass/);
  });
});

describe("DFA learns XOR (Nøkland 2016)", () => {
  // 2-4-1 tanh/sigmoid (cross-entropy), full batch, plain gradient steps of 0.5, at most 5000 epochs;
  // weights from Rng(seed), B from Rng(`fb<seed>`). Solved: all four outputs on the right side of 0.5.
  function solve(layers: number[], seed: number, kind: "dfa" | null): number {
    const net = new Mlp({ kind: "mlp", layers, activation: "tanh", output: "sigmoid" }, new Rng(seed));
    const fb = net.createFeedback("dfa", new Rng(`fb${seed}`));
    const x = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]);
    const y = new Float32Array([0, 1, 1, 0]);
    const p = new Float32Array(4);
    for (let epoch = 1; epoch <= 5000; epoch++) {
      net.zeroGrads();
      net.forward(x, 4);
      if (kind === "dfa") net.backwardFeedback(y, fb);
      else net.backward(y);
      for (let j = 0; j < net.size; j++) net.params[j] -= 0.5 * net.grads[j];
      net.predict(x, 4, p);
      if (p.every((v, k) => v > 0.5 === (y[k] === 1))) return epoch;
    }
    return -1;
  }

  it("2-4-1: 17 of seeds 1-20 solved (backprop: 20)", () => {
    const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
    const dfa = seeds.map((s) => solve([2, 4, 1], s, "dfa"));
    const bp = seeds.map((s) => solve([2, 4, 1], s, null));
    console.info(`XOR 2-4-1 epochs to solve, DFA: ${dfa.join(" ")}; backprop: ${bp.join(" ")}`);
    expect(dfa.filter((e) => e > 0)).toHaveLength(17);
    expect(bp.filter((e) => e > 0)).toHaveLength(20);
  });
});
