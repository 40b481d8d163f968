import { minimize, RandomSearch, rastrigin, sphere } from "@arena/objectives";
import { Rng } from "@arena/rng";
import { mannWhitneyU } from "@arena/stats";
import { describe, expect, it } from "vitest";
import { type CrossoverSpec, GeneticAlgorithm, type MutationSpec, type SelectionSpec } from "../src/index.ts";

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe("GeneticAlgorithm on standard test functions (default settings)", () => {
  it("reaches f < 1e-3 on the 10-D sphere within 50 000 evaluations in at least 9 of 10 seeds", () => {
    const f = sphere(10);
    const runs = SEEDS.map((seed) =>
      minimize(new GeneticAlgorithm({ dim: 10, lower: f.lower, upper: f.upper, rng: new Rng(seed) }), f, {
        maxEvaluations: 50_000,
        target: 1e-3,
      }),
    );
    const hits = runs.filter((r) => r.f < 1e-3);
    expect(hits.length).toBeGreaterThanOrEqual(9);
    for (const r of hits) expect(r.stopReason).toBe("target");
  });

  it("beats random search on the 10-D Rastrigin at 20 000 evaluations (Mann–Whitney, p < 0.01)", () => {
    const f = rastrigin(10);
    const box = { dim: 10, lower: f.lower, upper: f.upper };
    const ga = SEEDS.map(
      (seed) =>
        minimize(new GeneticAlgorithm({ ...box, rng: new Rng(seed).fork("ga") }), f, {
          maxEvaluations: 20_000,
        }).f,
    );
    const rs = SEEDS.map(
      (seed) =>
        minimize(new RandomSearch({ ...box, rng: new Rng(seed).fork("rs") }), f, { maxEvaluations: 20_000 })
          .f,
    );
    const test = mannWhitneyU(ga, rs, { alternative: "less" });
    expect(test.p).toBeLessThan(0.01);
    // Random search's best of 20 000 uniform draws sits far above 10 on this function.
    expect(Math.min(...rs)).toBeGreaterThan(10);
  });

  it("every selection, crossover and mutation kind beats random search on the 5-D sphere at 5 000 evaluations", () => {
    const f = sphere(5);
    const box = { dim: 5, lower: f.lower, upper: f.upper };
    const variants: { selection?: SelectionSpec; crossover?: CrossoverSpec; mutation?: MutationSpec }[] = [
      { selection: { kind: "tournament" } },
      { selection: { kind: "rank" } },
      { selection: { kind: "roulette" } },
      { selection: { kind: "truncation" } },
      { crossover: { kind: "uniform" } },
      { crossover: { kind: "one-point" } },
      { crossover: { kind: "two-point" } },
      { crossover: { kind: "arithmetic" } },
      { crossover: { kind: "blx" } },
      { crossover: { kind: "sbx" } },
      { mutation: { kind: "gaussian" } },
      { mutation: { kind: "polynomial" } },
      { mutation: { kind: "uniform-reset" } },
    ];
    const rs = [1, 2, 3].map(
      (seed) => minimize(new RandomSearch({ ...box, rng: new Rng(seed) }), f, { maxEvaluations: 5000 }).f,
    );
    for (const v of variants) {
      const fs = [1, 2, 3].map(
        (seed) =>
          minimize(new GeneticAlgorithm({ ...box, populationSize: 50, rng: new Rng(seed), ...v }), f, {
            maxEvaluations: 5000,
          }).f,
      );
      const worst = Math.max(...fs);
      if (!(worst < Math.min(...rs) / 10))
        throw new Error(`${JSON.stringify(v)}: GA ${fs} vs random search ${rs}`);
    }
  });
});
