import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { gaLearner, psoLearner } from "../src/index.ts";
import { modelFor, run, solvesXor, XOR_241, xorProblem } from "./fixtures.ts";

/**
 * XOR with a 2-4-1 sigmoid MLP (MSE, as the registry's XOR model but with 4 hidden units), default
 * configs, 20 seeds. Budgets: GA 100 generations of 50 (20 000 evaluations, 989 900 FLOPs per seed),
 * PSO 100 iterations of 40 particles (16 000 evaluations, 1 272 000 FLOPs per seed).
 */
describe("XOR 2-4-1: GA and PSO with default configs", () => {
  const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

  it.each([
    ["ga", gaLearner, 100, 20_000, 989_900],
    ["pso", psoLearner, 100, 16_000, 1_272_000],
  ] as const)(
    "%s solves at least 18 of 20 seeds within its budget",
    (_name, factory, generations, evals, flops) => {
      let solved = 0;
      for (const seed of SEEDS) {
        const model = modelFor(XOR_241, seed);
        const learner = factory(model, xorProblem, {}, new Rng(`run/${seed}`));
        const cost = run(learner, generations);
        expect(cost.evaluations).toBe(evals);
        expect(cost.flops).toBe(flops);
        if (solvesXor(model, learner.current())) solved++;
      }
      expect(solved).toBeGreaterThanOrEqual(18);
    },
  );

  it("the initial weights alone do not solve it (the learners did the work)", () => {
    let solved = 0;
    for (const seed of SEEDS) {
      const model = modelFor(XOR_241, seed);
      if (solvesXor(model, model.params)) solved++;
    }
    expect(solved).toBeLessThanOrEqual(2);
  });
});
