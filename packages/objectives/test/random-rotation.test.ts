import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { ellipsoid, randomRotation, rastrigin, rosenbrock, rotated } from "../src/index.ts";

describe("randomRotation", () => {
  it("draws an orthogonal matrix: QᵀQ = I to 1e-12", () => {
    for (const dim of [1, 2, 10, 40]) {
      const q = randomRotation(dim, dim);
      expect(q).toHaveLength(dim * dim);
      for (let a = 0; a < dim; a++) {
        for (let b = 0; b < dim; b++) {
          let dot = 0;
          for (let i = 0; i < dim; i++) dot += q[a * dim + i] * q[b * dim + i];
          expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThan(1e-12);
        }
      }
    }
  });

  it("is determined by the seed, and a seed works like an Rng", () => {
    expect(randomRotation(6, 3)).toEqual(randomRotation(6, 3));
    expect(randomRotation(6, new Rng(3))).toEqual(randomRotation(6, 3));
    expect(randomRotation(6, 4)).not.toEqual(randomRotation(6, 3));
    expect(() => randomRotation(0, 1)).toThrow(/dim must be an integer >= 1, got 0/);
  });

  it("is the Q of rotated: its values are those from before the draw was extracted", () => {
    const x = Float64Array.from([0.5, -1.25, 2, 0.75, -3]);
    expect(rotated(rastrigin(5), 7).evaluate(x)).toBe(29.715646944966796);
    expect(rotated(rastrigin(5), 7).evaluate(Float32Array.from(x))).toBe(29.71564151227033);
    expect(rotated(rosenbrock(5), 7).evaluate(x)).toBe(74885.79090342863);
    expect(rotated(ellipsoid(5), "bench").evaluate(x)).toBe(1456994.6531773913);
    // g(x) = f(x* + Q (x − x*)) with Q column-major.
    const q = randomRotation(5, 7);
    const y = Array.from({ length: 5 }, (_, i) => 1 + x.reduce((s, xj, j) => s + q[j * 5 + i] * (xj - 1), 0));
    expect(rotated(rosenbrock(5), 7).evaluate(x)).toBe(rosenbrock(5).evaluate(Float64Array.from(y)));
  });
});
