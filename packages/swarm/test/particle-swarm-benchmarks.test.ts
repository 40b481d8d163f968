import { minimize, RandomSearch, rastrigin, sphere } from "@arena/objectives";
import { Rng } from "@arena/rng";
import { mannWhitneyU } from "@arena/stats";
import { describe, expect, it } from "vitest";
import { ParticleSwarm, type ParticleSwarmOptions } from "../src/index.ts";

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe("ParticleSwarm on standard test functions (SPSO 2011 defaults)", () => {
  it("reaches f < 1e-6 on the 10-D sphere within 20 000 evaluations in at least 9 of 10 seeds", () => {
    const f = sphere(10);
    const runs = SEEDS.map((seed) =>
      minimize(new ParticleSwarm({ dim: 10, lower: f.lower, upper: f.upper, rng: new Rng(seed) }), f, {
        maxEvaluations: 20_000,
        target: 1e-6,
      }),
    );
    const hits = runs.filter((r) => r.f < 1e-6);
    expect(hits.length).toBeGreaterThanOrEqual(9);
    for (const r of hits) expect(r.stopReason).toBe("target");
  });

  it("beats random search on the 10-D Rastrigin at 20 000 evaluations (Mann–Whitney, p < 0.01)", () => {
    const f = rastrigin(10);
    const box = { dim: 10, lower: f.lower, upper: f.upper };
    const pso = SEEDS.map(
      (seed) =>
        minimize(new ParticleSwarm({ ...box, rng: new Rng(seed).fork("pso") }), f, { maxEvaluations: 20_000 })
          .f,
    );
    const rs = SEEDS.map(
      (seed) =>
        minimize(new RandomSearch({ ...box, rng: new Rng(seed).fork("rs") }), f, { maxEvaluations: 20_000 })
          .f,
    );
    expect(mannWhitneyU(pso, rs, { alternative: "less" }).p).toBeLessThan(0.01);
    expect(Math.min(...rs)).toBeGreaterThan(10);
  });

  it("every topology, coefficient rule and boundary handling beats random search on the 5-D sphere at 5 000 evaluations", () => {
    const f = sphere(5);
    const box = { dim: 5, lower: f.lower, upper: f.upper };
    const variants: Partial<ParticleSwarmOptions>[] = [
      { topology: { kind: "global" } },
      { topology: { kind: "ring" } },
      { topology: { kind: "adaptive-random" } },
      { coefficients: { kind: "constriction" } },
      { coefficients: { kind: "linear-inertia", generations: 125 }, maxVelocity: 0.5 },
      { maxVelocity: 0.2 },
      { boundary: "reflect" },
      { boundary: "reinit" },
    ];
    const rs = [1, 2, 3].map(
      (seed) => minimize(new RandomSearch({ ...box, rng: new Rng(seed) }), f, { maxEvaluations: 5000 }).f,
    );
    for (const v of variants) {
      const fs = [1, 2, 3].map(
        (seed) =>
          minimize(new ParticleSwarm({ ...box, rng: new Rng(seed), ...v }), f, { maxEvaluations: 5000 }).f,
      );
      if (!(Math.max(...fs) < Math.min(...rs) / 10))
        throw new Error(`${JSON.stringify(v)}: PSO ${fs} vs random search ${rs}`);
    }
  });
});
