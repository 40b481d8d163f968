import { minimize, sphere } from "@arena/objectives";
import { describe, expect, it } from "vitest";
import { Adam, centredRanks, OpenAIES } from "../src/index.ts";

describe("OpenAIES sampling and update", () => {
  it("samples mirrored pairs μ + σε, μ − σε", () => {
    const es = new OpenAIES({ dim: 4, initLower: -1, initUpper: 1, populationSize: 6, sigma: 0.5, rng: 3 });
    const xs = es.ask();
    const eps = es.samples();
    const mu = es.mean();
    for (let k = 0; k < 3; k++) {
      for (let d = 0; d < 4; d++) {
        expect(eps[(2 * k + 1) * 4 + d]).toBe(-eps[2 * k * 4 + d]);
        expect(xs[2 * k * 4 + d]).toBe(mu[d] + 0.5 * eps[2 * k * 4 + d]);
        expect(xs[(2 * k + 1) * 4 + d]).toBe(mu[d] - 0.5 * eps[2 * k * 4 + d]);
      }
    }
  });

  it("steps Adam along g = 1/(nσ) Σ F_i ε_i + weightDecay · μ, F the centred ranks (minimising)", () => {
    const dim = 3;
    const n = 4;
    const sigma = 0.1;
    const weightDecay = 0.01;
    const mu0 = [1, -2, 0.5];
    const es = new OpenAIES({
      dim,
      initLower: -5,
      initUpper: 5,
      initialMean: mu0,
      populationSize: n,
      sigma,
      weightDecay,
      learningRate: 0.03,
      rng: 5,
    });
    es.ask();
    const eps = es.samples();
    const fitness = new Float64Array([3, -1, 10, 2]);
    es.tell(fitness);
    const F = centredRanks(fitness, new Int32Array(n), new Float64Array(n));
    for (const [i, v] of [1 / 6, -0.5, 0.5, -1 / 6].entries()) expect(F[i]).toBeCloseTo(v, 15);
    const g = new Float64Array(dim);
    for (let d = 0; d < dim; d++) {
      for (let i = 0; i < n; i++) g[d] += F[i] * eps[i * dim + d];
      g[d] = g[d] / (n * sigma) + weightDecay * mu0[d];
    }
    const gradient = es.gradient();
    for (let d = 0; d < dim; d++) expect(gradient[d]).toBeCloseTo(g[d], 14);
    const expected = Float64Array.from(mu0);
    new Adam(dim).step(expected, gradient, 0.03);
    expect(es.mean()).toEqual(expected);
  });

  it("moves against the fitness: the mean goes downhill on a linear slope", () => {
    const es = new OpenAIES({
      dim: 2,
      initLower: 0,
      initUpper: 1,
      initialMean: [0, 0],
      weightDecay: 0,
      rng: 2,
    });
    for (let g = 0; g < 10; g++) {
      const xs = es.ask();
      es.tell(Array.from({ length: es.populationSize }, (_, i) => xs[i * 2] - xs[i * 2 + 1]));
    }
    const [a, b] = es.mean();
    // Adam moves about learningRate (0.01) per step: ≈ −0.1 and +0.1 after ten.
    expect(a).toBeLessThan(-0.09);
    expect(b).toBeGreaterThan(0.09);
  });
});

describe("OpenAIES on a sphere", () => {
  it("decreases a 100-D sphere at least 1e3-fold within 50 000 evaluations (seeds 1–3)", () => {
    const f = sphere(100);
    for (const seed of [1, 2, 3]) {
      const es = new OpenAIES({
        dim: 100,
        lower: f.lower,
        upper: f.upper,
        sigma: 0.05,
        learningRate: 0.02,
        weightDecay: 0,
        rng: seed,
      });
      const start = f.evaluate(es.mean());
      const r = minimize(es, f, { maxEvaluations: 50_000 });
      const end = f.evaluate(es.mean());
      // Measured: start 854, 911, 909; best sample 0.127, 0.142, 0.129 (6 400–7 100×); mean 0.018,
      // 0.010, 0.011 (4.6e4–9.2e4×). Without step-size adaptation it stalls there: no 1e-8 promised.
      expect(r.evaluations).toBe(50_000);
      expect(r.f).toBeLessThan(start / 1e3);
      expect(end).toBeLessThan(start / 1e4);
    }
  });
});
