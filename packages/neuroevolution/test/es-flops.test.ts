import { CMAES, symmetricEigen } from "@arena/cmaes";
import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  cmaesLearner,
  fullCmaFlopsPerGeneration,
  JACOBI_SWEEPS,
  jacobiEigenFlops,
  openAiEsFlopsPerGeneration,
  openAiEsLearner,
  sepCmaFlopsPerGeneration,
  shadeFlopsPerGeneration,
  shadeLearner,
  snesFlopsPerGeneration,
  snesLearner,
} from "../src/index.ts";
import { XOR_241, xorProblem } from "./fixtures.ts";

/** Forward FLOPs of one XOR sample through the 2-4-1 net (hand count in learner-cost.test.ts). */
const XOR_SAMPLE_FLOPS = 37;
const DIM = 17;

describe("the optimizers' own FLOPs per generation, against hand counts on tiny cases", () => {
  it("sep-CMA-ES, n = 17, λ = 10, μ = 5", () => {
    // sampling 3·10·17 = 510, y = (x − m)/σ 340, ⟨y⟩_w 2·5·17 = 170, m 34, y/D 17, p_σ 85, p_c 51,
    // the diagonal of C 3·5·17 + 6·17 = 357, D = √C 17: 1581
    expect(sepCmaFlopsPerGeneration({ n: 17, lambda: 10, mu: 5 })).toBe(1581);
  });

  it("full CMA-ES, n = 2, λ = 4, active, a decomposition every generation", () => {
    // sampling 4·(2·4 + 6) = 56; y 16, ⟨y⟩_w 8, m 4; whitening 4·4 + 2 = 18, p_σ 10, p_c 6;
    // active weights 2·(4·4 + 6 + 2) = 48; C over 3 entries of one triangle, 3·4 + 6 each: 54;
    // Jacobi: 10 sweeps of (2·2·1 + 1 pair·(18·2 + 16)) = 560, plus 2 square roots: 562. Total 782.
    expect(jacobiEigenFlops(2)).toBe(562);
    expect(fullCmaFlopsPerGeneration({ n: 2, lambda: 4, mu: 2, active: true, eigenInterval: 1 })).toBe(782);
  });

  it("full CMA-ES, n = 3, λ = 6, positive weights only, the decomposition amortised over 4 generations", () => {
    // sampling 6·(18 + 9) = 162; y 36, ⟨y⟩_w 18, m 6; whitening 39, p_σ 15, p_c 9; C 6 entries ×
    // (3·3 + 6) = 90; Jacobi 10·(12 + 3·(54 + 16)) + 3 = 2223, a quarter per generation: 555.75.
    // Total 930.75, rounded.
    expect(jacobiEigenFlops(3)).toBe(2223);
    expect(fullCmaFlopsPerGeneration({ n: 3, lambda: 6, mu: 3, active: false, eigenInterval: 4 })).toBe(931);
  });

  it("SNES, OpenAI-ES, SHADE and L-SHADE on tiny cases", () => {
    // SNES λ = 6, n = 3: sampling 36, gradients 6·18 = 108, μ and σ 18: 162
    expect(snesFlopsPerGeneration(6, 3)).toBe(162);
    // OpenAI-ES λ = 4, n = 3: sampling 24, mirrored −ε 6, ranks 8, gradient 24, g + decay 9, Adam 36: 107
    expect(openAiEsFlopsPerGeneration(4, 3)).toBe(107);
    // SHADE N = 5, n = 3: per individual 6·3 mutant + 5 (F) + 2 (p, pbest) + 10 (adaptation): 35
    expect(shadeFlopsPerGeneration(5, 3, "shade")).toBe(175);
    // L-SHADE: fixed p (1), the Lehmer mean of CR (5 instead of 2): 37 per individual
    expect(shadeFlopsPerGeneration(5, 3, "l-shade")).toBe(185);
  });

  it("JACOBI_SWEEPS is what symmetricEigen takes on the covariance of a running CMA-ES", () => {
    const n = 30;
    const cma = new CMAES({
      dim: n,
      x0: new Float64Array(n).fill(1),
      sigma0: 0.3,
      lower: -5,
      upper: 5,
      rng: 4,
    });
    const f = new Float64Array(cma.populationSize);
    for (let g = 0; g < 150; g++) {
      const xs = cma.ask();
      for (let k = 0; k < f.length; k++) {
        let s = 0;
        for (let d = 0; d < n; d++)
          s += 10 ** ((3 * d) / n) * (xs[k * n + d] + 0.5 * xs[k * n + ((d + 1) % n)]) ** 2;
        f[k] = s;
      }
      cma.tell(f);
    }
    const sweeps = symmetricEigen(cma.covariance(), n, new Float64Array(n), new Float64Array(n * n));
    expect(Math.abs(sweeps - JACOBI_SWEEPS)).toBeLessThanOrEqual(2);
  });
});

describe("a learner's step charges the population's forward passes plus its optimizer's formula", () => {
  const model = createModel(XOR_241, new Rng(1));
  const forward = (population: number) => population * 4 * XOR_SAMPLE_FLOPS;

  it.each([
    // λ = 20, μ = 10: 5·20·17 + 5·10·17 + 18·17 = 1700 + 850 + 306
    ["sep-CMA-ES", () => cmaesLearner(model, xorProblem, { population: 20 }, new Rng(2)), 20, 2856],
    [
      "SNES",
      () => snesLearner(model, xorProblem, { population: 20 }, new Rng(2)),
      20,
      8 * 20 * DIM + 6 * DIM,
    ],
    [
      "OpenAI-ES",
      () => openAiEsLearner(model, xorProblem, { population: 20 }, new Rng(2)),
      20,
      (9 * 20 * DIM) / 2 + 2 * 20 + 15 * DIM,
    ],
    ["SHADE", () => shadeLearner(model, xorProblem, { population: 20 }, new Rng(2)), 20, 20 * (6 * DIM + 17)],
  ] as const)("%s", (_name, make, population, own) => {
    const learner = make();
    expect(learner.optimizerFlops).toBe(own);
    for (let g = 0; g < 3; g++) {
      expect(learner.step()).toEqual({ evaluations: population * 4, flops: forward(population) + own });
    }
  });
});
