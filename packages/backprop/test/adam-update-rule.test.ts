import { describe, expect, it } from "vitest";
import { Adam, AdamW, createOptimizer } from "../src/index.ts";
import { expectClose } from "./expect-close.ts";

// Kingma & Ba (2015), Algorithm 1, worked by hand for lr 0.1, β1 0.9, β2 0.999, ε 1e-8, p0 = [1, −2] and
// gradients g1 = [0.5, −1], g2 = [0.25, 2], g3 = [−1, 0.5]. Bias corrections: 1 − β1^t = 0.1, 0.19, 0.271;
// 1 − β2^t = 0.001, 0.001999, 0.002997001.
const G = [
  [0.5, -1],
  [0.25, 2],
  [-1, 0.5],
];
const EPS = 1e-8;

// t = 1: m = 0.1·g1 = [0.05, −0.1]; v = 0.001·g1² = [0.00025, 0.001]; m̂ = [0.5, −1]; v̂ = [0.25, 1]
const STEP1 = [
  (0.1 * (0.05 / 0.1)) / (Math.sqrt(0.00025 / 0.001) + EPS),
  (0.1 * (-0.1 / 0.1)) / (Math.sqrt(0.001 / 0.001) + EPS),
];
// t = 2: m = [0.045 + 0.025, −0.09 + 0.2] = [0.07, 0.11]
//        v = [0.00024975 + 0.0000625, 0.000999 + 0.004] = [0.00031225, 0.004999]
const STEP2 = [
  (0.1 * (0.07 / 0.19)) / (Math.sqrt(0.00031225 / 0.001999) + EPS),
  (0.1 * (0.11 / 0.19)) / (Math.sqrt(0.004999 / 0.001999) + EPS),
];
// t = 3: m = [0.063 − 0.1, 0.099 + 0.05] = [−0.037, 0.149]
//        v = [0.00031193775 + 0.001, 0.004994001 + 0.00025] = [0.00131193775, 0.005244001]
const STEP3 = [
  (0.1 * (-0.037 / 0.271)) / (Math.sqrt(0.00131193775 / 0.002997001) + EPS),
  (0.1 * (0.149 / 0.271)) / (Math.sqrt(0.005244001 / 0.002997001) + EPS),
];

function run(opt: { step(p: Float32Array, g: Float32Array): void }): Float32Array[] {
  const p = new Float32Array([1, -2]);
  return G.map((g) => {
    opt.step(p, new Float32Array(g));
    return p.slice();
  });
}

describe("Adam update rule (Kingma & Ba 2015), three steps by hand", () => {
  it("has the paper's defaults", () => {
    expect(new Adam().config()).toEqual({
      kind: "adam",
      lr: 1e-3,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0,
    });
  });

  it("bias-corrected moments: the first step moves each coordinate by about lr·sign(g)", () => {
    const [p1, p2, p3] = run(new Adam({ lr: 0.1 }));
    expectClose(p1, [1 - STEP1[0], -2 - STEP1[1]]);
    // Without bias correction the first step would be lr·0.1·g/(√(0.001·g²)) ≈ 0.316·lr per coordinate.
    expect(1 - p1[0]).toBeCloseTo(0.1, 6);
    const q2 = [1 - STEP1[0] - STEP2[0], -2 - STEP1[1] - STEP2[1]];
    expectClose(p2, q2);
    expectClose(p3, [q2[0] - STEP3[0], q2[1] - STEP3[1]]);
  });

  it("the JSON factory builds the same optimizer", () => {
    const a = run(new Adam({ lr: 0.1 }));
    const b = run(createOptimizer({ kind: "adam", lr: 0.1 }));
    expect(b).toEqual(a);
  });

  it("coupled weight decay: Adam's own update applied to g + λ·p", () => {
    const [p1, p2] = run(new Adam({ lr: 0.1, weightDecay: 0.1 }));
    // g1' = [0.5 + 0.1, −1 − 0.2] = [0.6, −1.2]: the first step is again ≈ lr·sign(g')
    expectClose(p1, [1 - (0.1 * 0.6) / (0.6 + EPS), -2 + (0.1 * 1.2) / (1.2 + EPS)]);
    // g2' = [0.25 + 0.1·0.9, 2 − 0.1·1.9] = [0.34, 1.81]
    // m2 = [0.054 + 0.034, −0.108 + 0.181] = [0.088, 0.073]
    // v2 = [0.00035964 + 0.0001156, 0.00143856 + 0.0032761] = [0.00047524, 0.00471466]
    expectClose(p2, [
      0.9 - (0.1 * (0.088 / 0.19)) / (Math.sqrt(0.00047524 / 0.001999) + EPS),
      -1.9 - (0.1 * (0.073 / 0.19)) / (Math.sqrt(0.00471466 / 0.001999) + EPS),
    ]);
  });
});

describe("AdamW update rule (Loshchilov & Hutter 2019, PyTorch form)", () => {
  it("has PyTorch's defaults, weight decay 1e-2", () => {
    expect(new AdamW().config()).toEqual({
      kind: "adamw",
      lr: 1e-3,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 1e-2,
    });
  });

  it("decoupled decay: p ← p·(1 − lr·λ) − Adam step; the moments never see the decay", () => {
    // lr 0.1, λ 0.1: shrink factor 0.99 each step; the Adam steps are those of plain Adam above.
    const [p1, p2, p3] = run(new AdamW({ lr: 0.1, weightDecay: 0.1 }));
    const q1 = [1 * 0.99 - STEP1[0], -2 * 0.99 - STEP1[1]]; // ≈ [0.89, -1.88]
    const q2 = [q1[0] * 0.99 - STEP2[0], q1[1] * 0.99 - STEP2[1]];
    const q3 = [q2[0] * 0.99 - STEP3[0], q2[1] * 0.99 - STEP3[1]];
    expectClose(p1, q1);
    expectClose(p2, q2);
    expectClose(p3, q3);
  });

  it("with weight decay 0 it is Adam", () => {
    expect(run(new AdamW({ lr: 0.1, weightDecay: 0 }))).toEqual(run(new Adam({ lr: 0.1 })));
  });
});
