import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { Mlp, type MlpSpec } from "../src/index.ts";
import { randomData } from "./fixtures.ts";

const XOR = { n: 4, x: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), y: new Float32Array([0, 1, 1, 0]) };

function sgd(
  net: Mlp,
  data: { n: number; x: Float32Array; y: Float32Array },
  steps: number,
  lr: number,
): number {
  let loss = Number.NaN;
  for (let i = 0; i < steps; i++) {
    net.zeroGrads();
    net.forward(data.x, data.n);
    loss = net.backward(data.y);
    for (let j = 0; j < net.size; j++) net.params[j] -= lr * net.grads[j];
  }
  return loss;
}

describe("MLP training and evaluation", () => {
  it("the classic 2-2-1 sigmoid/MSE net learns XOR from most seeds and gets stuck from some", () => {
    // Rumelhart, Hinton & Williams (1986) train XOR with 2 hidden units and note the local minima
    // it sometimes falls into; full-batch gradient descent, lr = 2, 5000 steps.
    let solved = 0;
    for (let seed = 0; seed < 10; seed++) {
      const net = new Mlp(
        { kind: "mlp", layers: [2, 2, 1], activation: "sigmoid", output: "sigmoid", loss: "mse" },
        new Rng(seed),
      );
      const first = net.loss(XOR);
      const last = sgd(net, XOR, 5000, 2);
      expect(last).toBeLessThan(first);
      const e = net.evaluate(XOR);
      if (e.accuracy === 1) {
        solved++;
        expect(e.loss).toBeLessThan(0.01);
      }
    }
    expect(solved).toBeGreaterThanOrEqual(6);
    expect(solved).toBeLessThan(10);
  });

  it("a 2-4-1 tanh net with BCE learns XOR; the loss falls monotonically at a small rate", () => {
    const net = new Mlp(
      { kind: "mlp", layers: [2, 4, 1], activation: "tanh", output: "sigmoid" },
      new Rng(1),
    );
    let prev = net.loss(XOR);
    for (let k = 0; k < 20; k++) {
      const l = sgd(net, XOR, 100, 0.3);
      expect(l).toBeLessThan(prev);
      prev = l;
    }
    expect(net.evaluate(XOR)).toMatchObject({ metric: "accuracy", accuracy: 1, value: 1, samples: 4 });
  });

  it("evaluate: loss and accuracy equal a direct computation, whatever the batch size", () => {
    const spec: MlpSpec = { kind: "mlp", layers: [5, 6, 3], activation: "relu", output: "softmax", l2: 0.1 };
    const net = new Mlp(spec, new Rng(2));
    const data = randomData(3, 23, 5, 3, "one-hot");
    const p = net.predict(data.x, data.n);
    let ce = 0;
    let correct = 0;
    for (let i = 0; i < data.n; i++) {
      let best = 0;
      let truth = 0;
      for (let j = 0; j < 3; j++) {
        if (p[i * 3 + j] > p[i * 3 + best]) best = j;
        if (data.y[i * 3 + j] === 1) truth = j;
      }
      ce -= Math.log(p[i * 3 + truth]);
      if (best === truth) correct++;
    }
    const e = net.evaluate(data);
    expect(e.loss).toBeCloseTo(ce / data.n, 5);
    expect(e.accuracy).toBe(correct / data.n);
    expect(e.penalty).toBeCloseTo(net.penalty(), 10);
    expect(net.loss(data)).toBeCloseTo(e.loss + e.penalty, 10);
    const small = net.evaluate(data, { batchSize: 4 });
    expect(small.loss).toBeCloseTo(e.loss, 10);
    expect(small.accuracy).toBe(e.accuracy);
    expect(() => net.evaluate(data, { batch: 4 } as never)).toThrow(/unknown option "batch"/);
  });

  it("evaluate reports RMSE and MAE for a regression output", () => {
    const net = new Mlp({ kind: "mlp", layers: [3, 4, 2], activation: "tanh", output: "linear" }, new Rng(4));
    const data = randomData(4, 9, 3, 2, "real");
    const p = net.predict(data.x, data.n);
    let se = 0;
    let ae = 0;
    for (let i = 0; i < p.length; i++) {
      se += (p[i] - data.y[i]) ** 2;
      ae += Math.abs(p[i] - data.y[i]);
    }
    const e = net.evaluate(data);
    expect(e.metric).toBe("rmse");
    expect(e.rmse).toBeCloseTo(Math.sqrt(se / p.length), 5);
    expect(e.mae).toBeCloseTo(ae / p.length, 5);
    expect(e.loss).toBeCloseTo(se / p.length, 5);
  });

  it("workspaces grow for a bigger batch and give the same results afterwards", () => {
    const spec: MlpSpec = { kind: "mlp", layers: [4, 5, 2], activation: "tanh", output: "linear" };
    const a = new Mlp(spec, new Rng(5), { maxBatch: 2 });
    const small = randomData(6, 3, 4, 2, "real");
    const big = randomData(7, 50, 4, 2, "real");
    const before = Float32Array.from(a.forward(small.x, 3));
    a.forward(big.x, 50);
    const after = Float32Array.from(a.forward(small.x, 3));
    expect(after).toEqual(before);
    const fresh = new Mlp(spec, new Rng(5));
    expect(Float32Array.from(fresh.forward(big.x, 50))).toEqual(Float32Array.from(a.forward(big.x, 50)));
  });

  it("params: views alias the vector, set/get copy, gradient norms per layer", () => {
    const net = new Mlp({ kind: "mlp", layers: [3, 4, 2], activation: "tanh", output: "linear" }, new Rng(8));
    expect(net.size).toBe(3 * 4 + 4 + 4 * 2 + 2);
    net.layers[1].params.b[1] = 42;
    expect(net.params[3 * 4 + 4 + 4 * 2 + 1]).toBe(42);
    const copy = net.getParams();
    copy[0] = 99;
    expect(net.params[0]).not.toBe(99);
    net.setParams(copy);
    expect(net.params[0]).toBe(99);
    expect(() => net.setParams(new Float32Array(3))).toThrow(/vector has 3 entries, model has 26/);
    const data = randomData(8, 5, 3, 2, "real");
    net.zeroGrads();
    net.forward(data.x, 5);
    net.backward(data.y);
    const norms = net.gradientNorms();
    expect(norms.map((n) => n.name)).toEqual(["dense0", "dense1"]);
    let s = 0;
    for (let i = 0; i < 16; i++) s += net.grads[i] ** 2;
    expect(norms[0].norm).toBeCloseTo(Math.sqrt(s), 6);
    expect(net.diagnostics()["grad_norm/dense1"]).toEqual([norms[1].norm]);
  });

  it("backward accumulates: two backward passes give twice the gradient", () => {
    const net = new Mlp({ kind: "mlp", layers: [3, 4, 2], activation: "tanh", output: "linear" }, new Rng(9));
    const data = randomData(9, 5, 3, 2, "real");
    net.zeroGrads();
    net.forward(data.x, 5);
    net.backward(data.y);
    const once = Float32Array.from(net.grads);
    net.backward(data.y);
    for (let i = 0; i < net.size; i++) expect(net.grads[i]).toBeCloseTo(2 * once[i], 6);
  });

  it("errors name the bad sizes", () => {
    const net = new Mlp({ kind: "mlp", layers: [3, 2], activation: "tanh", output: "linear" }, new Rng(1));
    expect(() => net.backward(new Float32Array(2))).toThrow(/no forward pass to differentiate/);
    expect(() => net.forward(new Float32Array(5), 2)).toThrow(
      /x has 5 entries, 2 samples × 3 features need 6/,
    );
    net.forward(new Float32Array(6), 2);
    expect(() => net.backward(new Float32Array(3))).toThrow(/y has 3 entries, 2 samples × 2 outputs need 4/);
    expect(() => net.forward(new Float32Array(6), 2, { train: true } as never)).toThrow(
      /unknown option "train"; expected rng/,
    );
    expect(() => net.evaluate({ n: 2, x: new Float32Array(6), y: new Float32Array(4), xShape: [4] })).toThrow(
      /samples have 4 features/,
    );
  });
});
