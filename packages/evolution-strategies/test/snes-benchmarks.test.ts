import { minimize, type Objective, sphere } from "@arena/objectives";
import { describe, expect, it } from "vitest";
import { SNES } from "../src/index.ts";

/** f(x) = Σ c^(i/(n−1)) x_i²: an axis-aligned ellipsoid of condition c (objectives' ellipsoid fixes c = 1e6). */
function ellipsoid(dim: number, condition: number): Objective<Float64Array> {
  const w = Float64Array.from({ length: dim }, (_, i) => condition ** (i / (dim - 1)));
  return {
    dim,
    evaluate(x) {
      let s = 0;
      for (let i = 0; i < dim; i++) s += w[i] * x[i] * x[i];
      return s;
    },
  };
}

describe("SNES reaches f < 1e-8 (defaults; start uniform in [-5, 5], σ0 = 2.5)", () => {
  it("on the 10-D sphere within 5 000 evaluations (seeds 1–5)", () => {
    const counts = [1, 2, 3, 4, 5].map((seed) => {
      const r = minimize(new SNES({ dim: 10, lower: -5, upper: 5, rng: seed }), sphere(10), {
        maxEvaluations: 5_000,
        target: 1e-8,
      });
      expect(r.stopReason).toBe("target");
      expect(r.f).toBeLessThan(1e-8);
      return r.evaluations;
    });
    // Measured: 2 080, 2 050, 2 130, 2 070, 2 030 (λ = 10).
    console.log("SNES 10-D sphere, evaluations to 1e-8:", counts.join(", "));
  });

  it("on a 200-D ellipsoid of condition 1e2 within 150 000 evaluations (seeds 1–3)", () => {
    const counts = [1, 2, 3].map((seed) => {
      const r = minimize(new SNES({ dim: 200, lower: -5, upper: 5, rng: seed }), ellipsoid(200, 1e2), {
        maxEvaluations: 150_000,
        target: 1e-8,
      });
      expect(r.stopReason).toBe("target");
      expect(r.f).toBeLessThan(1e-8);
      return r.evaluations;
    });
    // Measured: 70 566, 69 844, 69 635 (λ = 19).
    console.log("SNES 200-D ellipsoid (1e2), evaluations to 1e-8:", counts.join(", "));
  });
});
