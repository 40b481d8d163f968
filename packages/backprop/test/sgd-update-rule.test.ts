import { describe, expect, it } from "vitest";
import { createOptimizer, Momentum, Nesterov, Sgd } from "../src/index.ts";
import { expectClose } from "./expect-close.ts";

// The same three gradients for every variant; lr 0.1 and p0 = [1, -2] throughout.
const G = [
  [0.5, -1],
  [0.25, 2],
  [-1, 0.5],
];

function trajectory(opt: { step(p: Float32Array, g: Float32Array): void }): Float32Array[] {
  const p = new Float32Array([1, -2]);
  return G.map((g) => {
    opt.step(p, new Float32Array(g));
    return p.slice();
  });
}

describe("SGD update rule (PyTorch form), three steps by hand", () => {
  it("plain: p ← p − lr·g", () => {
    const [p1, p2, p3] = trajectory(new Sgd({ lr: 0.1 }));
    expectClose(p1, [1 - 0.05, -2 + 0.1]); // [0.95, -1.9]
    expectClose(p2, [0.95 - 0.025, -1.9 - 0.2]); // [0.925, -2.1]
    expectClose(p3, [0.925 + 0.1, -2.1 - 0.05]); // [1.025, -2.15]
  });

  it("coupled L2 weight decay: g ← g + λ·p first", () => {
    const [p1, p2, p3] = trajectory(new Sgd({ lr: 0.1, weightDecay: 0.1 }));
    // g1' = [0.5 + 0.1·1, −1 + 0.1·(−2)] = [0.6, −1.2]
    expectClose(p1, [1 - 0.06, -2 + 0.12]); // [0.94, -1.88]
    // g2' = [0.25 + 0.094, 2 − 0.188] = [0.344, 1.812]
    expectClose(p2, [0.94 - 0.0344, -1.88 - 0.1812]); // [0.9056, -2.0612]
    // g3' = [−1 + 0.09056, 0.5 − 0.20612] = [−0.90944, 0.29388]
    expectClose(p3, [0.9056 + 0.090944, -2.0612 - 0.029388]); // [0.996544, -2.090588]
  });

  it("heavy-ball momentum: v ← μ·v + g; p ← p − lr·v (μ = 0.9)", () => {
    // v1 = g1 = [0.5, −1]; v2 = [0.45 + 0.25, −0.9 + 2] = [0.7, 1.1]; v3 = [0.63 − 1, 0.99 + 0.5] = [−0.37, 1.49]
    const expected = [
      [0.95, -1.9],
      [0.95 - 0.07, -1.9 - 0.11], // [0.88, -2.01]
      [0.88 + 0.037, -2.01 - 0.149], // [0.917, -2.159]
    ];
    for (const opt of [
      new Sgd({ lr: 0.1, momentum: 0.9 }),
      new Momentum({ lr: 0.1 }),
      createOptimizer({ kind: "momentum", lr: 0.1, momentum: 0.9 }),
    ]) {
      const ps = trajectory(opt);
      for (let k = 0; k < 3; k++) expectClose(ps[k], expected[k]);
    }
  });

  it("Nesterov: v ← μ·v + g; p ← p − lr·(g + μ·v) (μ = 0.9)", () => {
    // Same v as heavy ball. d1 = [0.5 + 0.45, −1 − 0.9] = [0.95, −1.9];
    // d2 = [0.25 + 0.63, 2 + 0.99] = [0.88, 2.99]; d3 = [−1 − 0.333, 0.5 + 1.341] = [−1.333, 1.841]
    const expected = [
      [1 - 0.095, -2 + 0.19], // [0.905, -1.81]
      [0.905 - 0.088, -1.81 - 0.299], // [0.817, -2.109]
      [0.817 + 0.1333, -2.109 - 0.1841], // [0.9503, -2.2931]
    ];
    for (const opt of [
      new Sgd({ lr: 0.1, momentum: 0.9, nesterov: true }),
      new Nesterov({ lr: 0.1 }),
      createOptimizer({ kind: "nesterov", lr: 0.1 }),
    ]) {
      const ps = trajectory(opt);
      for (let k = 0; k < 3; k++) expectClose(ps[k], expected[k]);
    }
  });

  it("momentum with coupled weight decay feeds g + λ·p into the velocity", () => {
    const [p1, p2] = trajectory(new Momentum({ lr: 0.1, momentum: 0.5, weightDecay: 0.1 }));
    // g1' = [0.6, −1.2] = v1 → p1 = [0.94, −1.88]
    expectClose(p1, [0.94, -1.88]);
    // g2' = [0.25 + 0.094, 2 − 0.188] = [0.344, 1.812]; v2 = [0.3 + 0.344, −0.6 + 1.812] = [0.644, 1.212]
    expectClose(p2, [0.94 - 0.0644, -1.88 - 0.1212]); // [0.8756, -2.0012]
  });

  it("a schedule sets each step's rate: step schedule 0.1, 0.1, then 0.05", () => {
    const opt = new Sgd({ lr: { kind: "step", lr: 0.1, stepSize: 2, gamma: 0.5 } });
    expect([opt.learningRate(0), opt.learningRate(1), opt.learningRate(2)]).toEqual([0.1, 0.1, 0.05]);
    const [p1, p2, p3] = trajectory(opt);
    expectClose(p1, [0.95, -1.9]);
    expectClose(p2, [0.925, -2.1]);
    expectClose(p3, [0.925 + 0.05, -2.1 - 0.025]); // lr 0.05 on g3 = [−1, 0.5]
    expect(opt.stepCount).toBe(3);
    expect(opt.learningRate()).toBe(0.05);
  });
});
