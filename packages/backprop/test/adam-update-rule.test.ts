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
      amsgrad: false,
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
      amsgrad: false,
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

// AMSGrad (Reddi, Kale & Kumar 2018) in PyTorch's form, by hand for lr 0.1, β1 0.9, β2 0.5 (a short
// memory, so v can fall within three steps), p0 = [1, −2]. Coordinate 0 sees g = −2, 0.1, 0.1: v falls
// (2, 1.005, 0.5075) and AMSGrad keeps dividing by the maximum, 2. Coordinate 1 sees g = 0.1, 1, −1:
// v rises (0.005, 0.5025, 0.75125), the maximum is v itself, and the step is Adam's.
// Bias corrections: 1 − β1^t = 0.1, 0.19, 0.271; 1 − β2^t = 0.5, 0.75, 0.875.
describe("AMSGrad (Reddi et al. 2018), three steps by hand", () => {
  const grads = [
    [-2, 0.1],
    [0.1, 1],
    [0.1, -1],
  ];
  const m = [
    [-0.2, 0.01],
    [-0.17, 0.109],
    [-0.143, -0.0019],
  ];
  const bc1 = [0.1, 0.19, 0.271];
  const bc2 = [0.5, 0.75, 0.875];
  const vAdam = [
    [2, 0.005],
    [1.005, 0.5025],
    [0.5075, 0.75125],
  ];
  const vAms = [
    [2, 0.005],
    [2, 0.5025],
    [2, 0.75125],
  ];
  /** Parameters after each step, from the moments above. */
  function expected(v: number[][]): number[][] {
    const p = [1, -2];
    return grads.map((_, t) => {
      for (let i = 0; i < 2; i++) p[i] -= (0.1 * (m[t][i] / bc1[t])) / (Math.sqrt(v[t][i] / bc2[t]) + EPS);
      return p.slice();
    });
  }
  function steps(amsgrad: boolean): Float32Array[] {
    const opt = new Adam({ lr: 0.1, beta2: 0.5, amsgrad });
    const p = new Float32Array([1, -2]);
    return grads.map((g) => {
      opt.step(p, new Float32Array(g));
      return p.slice();
    });
  }

  it("divides by the largest second moment so far; where v only grows it is Adam", () => {
    const ams = steps(true);
    const adam = steps(false);
    const wantAms = expected(vAms);
    const wantAdam = expected(vAdam);
    for (let t = 0; t < 3; t++) {
      expectClose(ams[t], wantAms[t]);
      expectClose(adam[t], wantAdam[t]);
    }
    // Coordinate 0 moves less under AMSGrad once v has fallen; coordinate 1 moves identically.
    expect(Math.abs(ams[2][0] - 1)).toBeLessThan(Math.abs(adam[2][0] - 1));
    expect(ams[2][1]).toBe(adam[2][1]);
  });

  it("AdamW takes the option too, and the state carries the running maximum", () => {
    const opt = new AdamW({ lr: 0.1, beta2: 0.5, amsgrad: true, weightDecay: 0 });
    const p = new Float32Array([1, -2]);
    for (const g of grads) opt.step(p, new Float32Array(g));
    expect(Object.keys(opt.state().buffers)).toEqual(["m", "v", "vMax"]);
    expectClose(p, expected(vAms)[2]);
  });
});
