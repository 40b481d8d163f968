import { describe, expect, it } from "vitest";
import {
  SNES,
  SNES_LEARNING_RATE_MEAN,
  snesLearningRateSigma,
  snesPopulationSize,
  snesUtilities,
} from "../src/index.ts";

describe("SNES defaults (Wierstra et al. 2014, Table 1)", () => {
  it("λ = 4 + ⌊3 ln n⌋, η_μ = 1, η_σ = (3 + ln n)/(5√n)", () => {
    expect([1, 2, 10, 100, 1000, 10_000].map(snesPopulationSize)).toEqual([4, 6, 10, 17, 24, 31]);
    expect(SNES_LEARNING_RATE_MEAN).toBe(1);
    expect(snesLearningRateSigma(100)).toBeCloseTo((3 + Math.log(100)) / 50, 15);
    const snes = new SNES({ dim: 10, lower: -1, upper: 1, rng: 1 });
    expect(snes.populationSize).toBe(10);
    expect(snes.settings.learningRateSigma).toBe(snesLearningRateSigma(10));
    // A quarter of the init range.
    expect(Array.from(snes.sigma())).toEqual(new Array(10).fill(0.5));
  });

  it("utilities: the better half weighted by ln(λ/2 + 1) − ln k, summing to zero", () => {
    const u = snesUtilities(4);
    // λ = 4: max(0, ln 3 − ln k) = ln 3, ln 1.5, 0, 0, normalised by ln 4.5, minus 1/4.
    const total = Math.log(3) + Math.log(1.5);
    const expected = [Math.log(3) / total - 0.25, Math.log(1.5) / total - 0.25, -0.25, -0.25];
    u.forEach((v, k) => {
      expect(v).toBeCloseTo(expected[k], 15);
    });
    for (const lambda of [2, 5, 10, 31]) {
      const w = snesUtilities(lambda);
      expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 14);
      for (let k = 1; k < lambda; k++) expect(w[k]).toBeLessThanOrEqual(w[k - 1]);
    }
    expect(() => snesUtilities(0)).toThrow(/snesUtilities: lambda must be an integer >= 1, got 0/);
  });
});

describe("SNES update", () => {
  it("the first update equals the paper's formula recomputed from the same samples", () => {
    const dim = 3;
    const mu0 = [0.5, -1, 2];
    const sigma0 = [0.3, 1, 2.5];
    const snes = new SNES({
      dim,
      initLower: -5,
      initUpper: 5,
      initialMean: mu0,
      initialSigma: sigma0,
      rng: 9,
    });
    const lambda = snes.populationSize;
    expect(lambda).toBe(7);
    // A copy: ask() hands out the strategy's buffer, which the next generation overwrites.
    const xs = snes.ask().slice();
    const s = snes.samples();
    // The candidates are μ + σ ⊙ s.
    for (let i = 0; i < lambda; i++)
      for (let d = 0; d < dim; d++) expect(xs[i * dim + d]).toBe(mu0[d] + sigma0[d] * s[i * dim + d]);

    // Fixed fitness values (not a function of x): the ranking is 3, 0, 6, 1, 5, 2, 4 best first.
    const fitness = [2, 4, 6, 1, 7, 5, 3];
    snes.tell(fitness);
    const order = Array.from(fitness.keys()).sort((a, b) => fitness[a] - fitness[b]);
    // λ = 7: ln(4.5) − ln k is positive for k = 1…4, so the four best get weight.
    const raw = order.map((_, k) => Math.max(0, Math.log(lambda / 2 + 1) - Math.log(k + 1)));
    expect(raw.filter((r) => r > 0)).toHaveLength(4);
    const total = raw.reduce((t, r) => t + r, 0);
    const u = raw.map((r) => r / total - 1 / lambda);
    const etaSigma = (3 + Math.log(dim)) / (5 * Math.sqrt(dim));
    const mean = snes.mean();
    const sigma = snes.sigma();
    for (let d = 0; d < dim; d++) {
      let gMu = 0;
      let gSigma = 0;
      order.forEach((i, k) => {
        gMu += u[k] * s[i * dim + d];
        gSigma += u[k] * (s[i * dim + d] ** 2 - 1);
      });
      expect(mean[d]).toBeCloseTo(mu0[d] + 1 * sigma0[d] * gMu, 14);
      expect(sigma[d]).toBeCloseTo(sigma0[d] * Math.exp((etaSigma / 2) * gSigma), 14);
    }
    expect(snes.best().f).toBe(1);
    expect(Array.from(snes.best().x)).toEqual(Array.from(xs.subarray(3 * dim, 4 * dim)));
  });

  it("is invariant to monotone transformations of the fitness", () => {
    const run = (transform: (f: number) => number) => {
      const snes = new SNES({ dim: 4, lower: -3, upper: 3, rng: 4 });
      for (let g = 0; g < 20; g++) {
        const xs = snes.ask();
        const f = Array.from({ length: snes.populationSize }, (_, i) => {
          let v = 0;
          for (let d = 0; d < 4; d++) v += xs[i * 4 + d] ** 2;
          return transform(v);
        });
        snes.tell(f);
      }
      return snes.mean();
    };
    expect(run((v) => Math.exp(v) * 1000)).toEqual(run((v) => v));
  });

  it("keeps candidates and the mean inside the box", () => {
    const snes = new SNES({ dim: 5, lower: 0, upper: 1, initialSigma: 10, rng: 2 });
    for (let g = 0; g < 30; g++) {
      const xs = snes.ask();
      for (const x of xs) expect(x >= 0 && x <= 1).toBe(true);
      snes.tell(Array.from({ length: snes.populationSize }, (_, i) => -xs[i * 5]));
      for (const m of snes.mean()) expect(m >= 0 && m <= 1).toBe(true);
    }
    // Maximising x_0: the mean goes to the upper wall.
    expect(snes.mean()[0]).toBe(1);
  });
});
