import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  gaussianMutation,
  polynomialMutation,
  polynomialPerturbation,
  uniformResetMutation,
} from "../src/index.ts";

const N = 50_000;

describe("mutation", () => {
  it("leaves a row untouched at gene rate 0 and changes about geneRate of the genes otherwise", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 20 }), (seed, dim) => {
        const x = new Float32Array(dim).fill(0.25);
        const span = new Float64Array(dim).fill(1);
        gaussianMutation(x, span, 0, new Rng(seed));
        polynomialMutation(x, span, 20, 0, new Rng(seed));
        uniformResetMutation(x, new Float64Array(dim), span, 0, new Rng(seed));
        expect(Array.from(x)).toEqual(new Array(dim).fill(0.25));
      }),
    );
    for (const rate of [0.1, 0.5]) {
      const x = new Float32Array(N);
      polynomialMutation(x, new Float64Array(N).fill(1), 20, rate, new Rng(rate * 100));
      const changed = x.filter((v) => v !== 0).length / N;
      expect(Math.abs(changed - rate)).toBeLessThan(5 * Math.sqrt((rate * (1 - rate)) / N));
    }
  });

  it("Gaussian mutation adds N(0, σ_d²) per dimension", () => {
    const x = new Float32Array(N);
    const sigma = Float64Array.from({ length: N }, (_, d) => (d % 2 === 0 ? 0.5 : 2));
    gaussianMutation(x, sigma, 1, new Rng(1));
    for (const [parity, s] of [
      [0, 0.5],
      [1, 2],
    ]) {
      const v = Array.from(x).filter((_, d) => d % 2 === parity);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
      expect(Math.abs(mean)).toBeLessThan((5 * s) / Math.sqrt(v.length));
      expect(Math.abs(sd / s - 1)).toBeLessThan(0.03);
    }
  });

  it("polynomial perturbations lie in [-1, 1] with P(|δ| <= t) = 1 − (1 − t)^(η+1) and mean |δ| = 1/(η+2)", () => {
    for (const eta of [0, 5, 20]) {
      const rng = new Rng(eta);
      const d = Array.from({ length: N }, () => polynomialPerturbation(rng.float(), eta));
      expect(Math.min(...d)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...d)).toBeLessThanOrEqual(1);
      const meanAbs = d.reduce((s, v) => s + Math.abs(v), 0) / N;
      expect(Math.abs(meanAbs * (eta + 2) - 1)).toBeLessThan(0.03);
      const mean = d.reduce((s, v) => s + v, 0) / N;
      expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
      for (const t of [0.02, 0.1, 0.3]) {
        const p = 1 - (1 - t) ** (eta + 1);
        const got = d.filter((v) => Math.abs(v) <= t).length / N;
        expect(Math.abs(got - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N) + 1e-4);
      }
    }
    expect(polynomialPerturbation(0.5, 20)).toBe(0);
    expect(polynomialPerturbation(0, 20)).toBe(-1);
  });
});

describe("mutation: span-scaled and reset operators", () => {
  it("polynomial mutation scales δ by each dimension's span", () => {
    const x = new Float32Array(N);
    const span = Float64Array.from({ length: N }, (_, d) => (d % 2 === 0 ? 1 : 10));
    polynomialMutation(x, span, 0, 1, new Rng(3));
    let worst = 0;
    for (let d = 0; d < N; d++) worst = Math.max(worst, Math.abs(x[d]) / span[d]);
    expect(worst).toBeLessThanOrEqual(1);
    const maxOdd = Math.max(
      ...Array.from(x)
        .filter((_, d) => d % 2 === 1)
        .map(Math.abs),
    );
    expect(maxOdd).toBeGreaterThan(9);
  });

  it("uniform reset redraws inside [lower, upper] uniformly", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.float({ min: -50, max: 50, noNaN: true }),
            fc.float({ min: Math.fround(0.01), max: 50, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        fc.integer(),
        (box, seed) => {
          const lower = Float64Array.from(box, ([l]) => l);
          const upper = Float64Array.from(box, ([l, w]) => Math.fround(l + w));
          const x = new Float32Array(box.length).fill(1e9);
          uniformResetMutation(x, lower, upper, 1, new Rng(seed));
          x.forEach((v, d) => {
            expect(v).toBeGreaterThanOrEqual(Math.fround(lower[d]));
            expect(v).toBeLessThanOrEqual(upper[d]);
          });
        },
      ),
    );
    const x = new Float32Array(N);
    uniformResetMutation(x, new Float64Array(N).fill(-1), new Float64Array(N).fill(3), 1, new Rng(4));
    const mean = x.reduce((s, v) => s + v, 0) / N;
    expect(Math.abs(mean - 1)).toBeLessThan(5 * Math.sqrt(16 / 12 / N));
  });
});
