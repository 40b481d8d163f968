import { Rng } from "@arena/rng";
import { getKernels, type Kernels } from "@arena/tensor";
import { describe, expect, it } from "vitest";
import {
  ACTIVATIONS,
  checkGradient,
  checkModelGradient,
  type Loss,
  Mlp,
  type OutputActivation,
} from "../src/index.ts";
import { randomData } from "./fixtures.ts";

// Central differences at h = 1e-3 against the analytic gradient; tolerances and their float32
// justification are in checkGradient's doc comment (src/gradcheck.ts).

describe("MLP gradients against finite differences", () => {
  it.each(ACTIVATIONS)("hidden activation %s (two hidden layers, softmax + cross-entropy)", (activation) => {
    const net = new Mlp(
      { kind: "mlp", layers: [3, 5, 4, 3], activation, output: "softmax" },
      new Rng(`act-${activation}`),
    );
    const data = randomData(`act-${activation}`, 6, 3, 3, "one-hot");
    const r = checkModelGradient(net, data);
    expect(r.failures).toEqual([]);
    expect(r.checked).toBe(net.size);
  });

  const outputs: [OutputActivation, Loss, number, "one-hot" | "binary" | "real"][] = [
    ["softmax", "cross-entropy", 3, "one-hot"],
    ["sigmoid", "bce", 1, "binary"],
    ["sigmoid", "bce", 3, "binary"],
    ["linear", "mse", 2, "real"],
    ["sigmoid", "mse", 1, "binary"],
    ["tanh", "mse", 2, "real"],
    ["softmax", "mse", 3, "one-hot"],
  ];
  it.each(outputs)("output %s with loss %s (%i outputs)", (output, loss, k, target) => {
    const net = new Mlp(
      { kind: "mlp", layers: [4, 6, k], activation: "tanh", output, loss },
      new Rng(`${output}-${loss}-${k}`),
    );
    const data = randomData(`${output}-${loss}`, 5, 4, k, target);
    const r = checkModelGradient(net, data);
    expect(r.failures).toEqual([]);
  });

  it("a net without hidden layers (logistic regression)", () => {
    const net = new Mlp({ kind: "mlp", layers: [4, 1], activation: "tanh", output: "sigmoid" }, new Rng(2));
    const r = checkModelGradient(net, randomData(2, 7, 4, 1, "binary"));
    expect(r.failures).toEqual([]);
  });

  it("L2 penalty: value λ/2·Σw² over weights only, gradient checks", () => {
    const l2 = 0.3;
    const net = new Mlp(
      { kind: "mlp", layers: [3, 4, 2], activation: "tanh", output: "linear", l2 },
      new Rng(5),
    );
    let sq = 0;
    for (const l of net.layers) for (const w of l.params.W) sq += w * w;
    expect(net.penalty()).toBeCloseTo((l2 / 2) * sq, 6);
    // Biases do not count: setting them changes nothing.
    net.layers[0].params.b.fill(3);
    expect(net.penalty()).toBeCloseTo((l2 / 2) * sq, 6);
    const r = checkModelGradient(net, randomData(5, 6, 3, 2, "real"));
    expect(r.failures).toEqual([]);
  });

  it("L1 penalty: value λ·Σ|w|, gradient λ·sign(w) (entries within 2h of the kink skipped)", () => {
    const l1 = 0.05;
    const net = new Mlp(
      { kind: "mlp", layers: [3, 4, 2], activation: "tanh", output: "linear", l1, l2: 0.01 },
      new Rng(6),
    );
    let abs = 0;
    let sq = 0;
    for (const l of net.layers) {
      for (const w of l.params.W) {
        abs += Math.abs(w);
        sq += w * w;
      }
    }
    expect(net.penalty()).toBeCloseTo(l1 * abs + 0.005 * sq, 6);
    const data = randomData(6, 6, 3, 2, "real");
    const weight = new Set<number>();
    for (const l of net.layers)
      for (const t of l.tensors)
        if (t.regularized) for (let i = 0; i < t.length; i++) weight.add(t.offset + i);
    const indices = Array.from({ length: net.size }, (_, i) => i).filter(
      (i) => !weight.has(i) || Math.abs(net.params[i]) > 2e-3,
    );
    expect(indices.length).toBeGreaterThan(net.size - 3);
    net.zeroGrads();
    net.forward(data.x, data.n);
    net.backward(data.y);
    const analytic = Float64Array.from(net.grads);
    const r = checkGradient(() => net.loss(data), net.params, analytic, { indices });
    expect(r.failures).toEqual([]);
  });

  it("dropout: the training-mode gradient (fixed mask) checks, and inference mode drops nothing", () => {
    const net = new Mlp(
      { kind: "mlp", layers: [3, 8, 6, 2], activation: "tanh", output: "softmax", dropout: 0.4 },
      new Rng(7),
    );
    const data = randomData(7, 6, 3, 2, "one-hot");
    const trainLoss = () => {
      net.forward(data.x, data.n, { rng: new Rng("mask") });
      return net.backward(data.y);
    };
    net.zeroGrads();
    trainLoss();
    const analytic = Float64Array.from(net.grads);
    const r = checkGradient(trainLoss, net.params, analytic);
    expect(r.failures).toEqual([]);
    // The mask really drops units: training-mode outputs differ from inference-mode ones.
    const train = Float32Array.from(net.forward(data.x, data.n, { rng: new Rng("mask") }));
    const infer = net.predict(data.x, data.n);
    expect(Array.from(train)).not.toEqual(Array.from(infer));
    // Without an rng the forward pass is inference mode: identical to predict.
    expect(Array.from(net.forward(data.x, data.n))).toEqual(Array.from(infer));
  });

  it("the checker catches a deliberately broken backward term (bias gradient scaled by 1.05)", () => {
    const k = getKernels();
    const broken: Kernels = {
      ...k,
      colSums: (m, n, alpha, a, ao, lda, beta, out, oo) =>
        k.colSums(m, n, alpha * 1.05, a, ao, lda, beta, out, oo),
    };
    const spec = { kind: "mlp", layers: [3, 4, 2], activation: "tanh", output: "softmax" } as const;
    const data = randomData(8, 6, 3, 2, "one-hot");
    const good = checkModelGradient(new Mlp(spec, new Rng(8)), data);
    expect(good.ok).toBe(true);
    const net = new Mlp(spec, new Rng(8), { kernels: broken });
    const r = checkModelGradient(net, data);
    expect(r.ok).toBe(false);
    const biasIdx = new Set<number>();
    for (const l of net.layers)
      for (const t of l.tensors)
        if (t.name === "b") for (let i = 0; i < t.length; i++) biasIdx.add(t.offset + i);
    // Every failure is a bias entry; no weight is blamed.
    for (const f of r.failures) expect(biasIdx.has(f.index)).toBe(true);
    expect(r.failures.length).toBeGreaterThan(biasIdx.size / 2);
  });

  it("the checker catches a dropped path (input gradient of a hidden layer zeroed)", () => {
    const k = getKernels();
    // dX = dZ·Wᵀ is the only gemm with transB = true in an MLP's backward pass.
    const broken: Kernels = {
      ...k,
      gemm: (ta, tb, m, n, kk, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc) =>
        k.gemm(ta, tb, m, n, kk, tb ? 0 : alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc),
    };
    const net = new Mlp(
      { kind: "mlp", layers: [3, 4, 2], activation: "tanh", output: "linear" },
      new Rng(9),
      { kernels: broken },
    );
    const r = checkModelGradient(net, randomData(9, 5, 3, 2, "real"));
    expect(r.ok).toBe(false);
    // Exactly the first layer's parameters are wrong (their gradient became 0).
    for (const f of r.failures) expect(f.index).toBeLessThan(net.layers[0].size);
  });

  it("the checker itself: passes a right derivative, fails one off by 2%", () => {
    const p = new Float32Array([0.3, -0.7, 1.1]);
    const f = () => Math.sin(p[0]) * p[1] + p[2] ** 3;
    const g = [Math.cos(p[0]) * p[1], Math.sin(p[0]), 3 * p[2] ** 2];
    expect(checkGradient(f, p, g).ok).toBe(true);
    const bad = [g[0], g[1], g[2] * 1.02];
    const r = checkGradient(f, p, bad);
    expect(r.failures.map((x) => x.index)).toEqual([2]);
    expect(Array.from(p)).toEqual(Array.from(new Float32Array([0.3, -0.7, 1.1])));
  });
});
