import { rosenbrock } from "@arena/objectives";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CMAES, symmetricEigen } from "../src/index.ts";

describe("C stays symmetric positive definite", () => {
  it("over 40 generations, for any seed, dimension, model and (even adversarial, random) fitness", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom("full", "diagonal" as const),
        fc.boolean(),
        (seed, dim, covariance, randomFitness) => {
          const f = rosenbrock(Math.max(2, dim));
          const cma = new CMAES({ dim, lower: -5, upper: 10, rng: seed, covariance });
          let noise = seed;
          for (let g = 0; g < 40; g++) {
            const xs = cma.ask();
            const fs = Array.from({ length: cma.populationSize }, (_, i) => {
              noise = (noise * 1103515245 + 12345) % 2147483648;
              const row = xs.subarray(i * dim, (i + 1) * dim);
              return randomFitness || dim < 2 ? noise : f.evaluate(row);
            });
            cma.tell(fs);
            const C = cma.covariance();
            for (let i = 0; i < dim; i++)
              for (let j = 0; j < dim; j++) expect(C[i * dim + j]).toBe(C[j * dim + i]);
            const values = new Float64Array(dim);
            symmetricEigen(C, dim, values, new Float64Array(dim * dim));
            expect(values[0]).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
