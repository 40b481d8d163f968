import { ellipsoid, minimize, type Objective, rastrigin, rosenbrock, sphere } from "@arena/objectives";
import { describe, expect, it } from "vitest";
import { CMAES, type CMAESOptions } from "../src/index.ts";

/** Evaluations to reach f < 1e-8, or Infinity; the driver stops early when CMA-ES has stopped. */
function evaluationsTo(f: Objective, options: CMAESOptions, budget: number): number {
  const cma = new CMAES(options);
  const r = minimize(cma, f, { maxEvaluations: budget, target: 1e-8, onGeneration: () => !cma.stopped() });
  return r.f <= 1e-8 ? r.evaluations : Number.POSITIVE_INFINITY;
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

describe("CMA-ES on 10-D test functions, f < 1e-8 (bounds: twice pycma's medians)", () => {
  const cases = [
    { f: sphere(10), pycma: 1479 },
    { f: ellipsoid(10), pycma: 3868 },
    { f: rosenbrock(10), pycma: 5139 },
  ];
  for (const { f, pycma } of cases) {
    it(`${f.name}: every one of 5 seeds within ${2 * pycma} evaluations`, () => {
      const counts = [1, 2, 3, 4, 5].map((seed) =>
        evaluationsTo(f, { dim: 10, lower: f.lower, upper: f.upper, rng: seed }, 2 * pycma),
      );
      for (const c of counts) expect(c).toBeLessThanOrEqual(2 * pycma);
      expect(median(counts)).toBeLessThan(2 * pycma);
    });
  }

  it("IPOP solves the 10-D Rastrigin to 1e-8 within 2e5 evaluations (seeds 1–3)", () => {
    const f = rastrigin(10);
    for (const seed of [1, 2, 3]) {
      const options = {
        dim: 10,
        lower: f.lower,
        upper: f.upper,
        rng: seed,
        restarts: { kind: "ipop" },
      } as const;
      expect(evaluationsTo(f, options, 200_000)).toBeLessThanOrEqual(200_000);
    }
  });

  it("BIPOP solves the 10-D Rastrigin to 1e-8 within 2e5 evaluations (seed 3)", () => {
    const f = rastrigin(10);
    const options = { dim: 10, lower: f.lower, upper: f.upper, rng: 3, restarts: { kind: "bipop" } } as const;
    expect(evaluationsTo(f, options, 200_000)).toBeLessThanOrEqual(200_000);
  });

  it("sep-CMA-ES solves a 200-D ellipsoid of condition 1e2 to 1e-8", () => {
    const dim = 200;
    const weights = Float64Array.from({ length: dim }, (_, i) => 10 ** ((2 * i) / (dim - 1)));
    const f: Objective = {
      dim,
      evaluate: (x) => x.reduce((s, v, i) => s + weights[i] * v * v, 0),
    };
    const options = { dim, initLower: -5, initUpper: 5, rng: 1, covariance: "diagonal" } as const;
    const evals = evaluationsTo(f, options, 200_000);
    expect(evals).toBeLessThanOrEqual(200_000);
  });
});
