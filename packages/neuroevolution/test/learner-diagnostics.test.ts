import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { gaLearner, psoLearner, randomSearchLearner } from "../src/index.ts";
import { XOR_241, xorProblem } from "./fixtures.ts";

describe("diagnostics()", () => {
  it("before the first step: the spread of the initial population, no loss yet", () => {
    const model = createModel(XOR_241, new Rng(1));
    const d = gaLearner(model, xorProblem, { population: 6 }, new Rng(2)).diagnostics();
    expect(d.incumbent_loss).toEqual([]);
    expect(d.fitness_quantiles).toBeUndefined();
    expect(d.population_spread[0]).toBeGreaterThan(0);
  });

  it("population_spread is the mean per-weight standard deviation of the pending population", () => {
    const model = createModel(XOR_241, new Rng(3));
    const learner = psoLearner(model, xorProblem, { population: 7 }, new Rng(4));
    learner.step();
    const xs = learner.optimizer.ask();
    const n = 7;
    const dim = model.size;
    let total = 0;
    for (let d = 0; d < dim; d++) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += xs[i * dim + d];
      mean /= n;
      let v = 0;
      for (let i = 0; i < n; i++) v += (xs[i * dim + d] - mean) ** 2;
      total += Math.sqrt(v / n);
    }
    expect(learner.diagnostics().population_spread[0]).toBeCloseTo(total / dim, 10);
  });

  it("fitness quantiles of the last generation, the incumbent's loss, PSO velocities", () => {
    const model = createModel(XOR_241, new Rng(5));
    const learner = psoLearner(model, xorProblem, { population: 9 }, new Rng(6));
    const told: number[] = [];
    const tell = learner.optimizer.tell.bind(learner.optimizer);
    learner.optimizer.tell = (f: ArrayLike<number>) => {
      told.splice(0, told.length, ...Array.from(f));
      tell(f);
    };
    for (let g = 0; g < 3; g++) learner.step();
    const d = learner.diagnostics();
    const sorted = [...told].sort((a, b) => a - b);
    // 9 values: the quartiles fall on order statistics 0, 2, 4, 6, 8 exactly
    expect(d.fitness_quantiles).toEqual([sorted[0], sorted[2], sorted[4], sorted[6], sorted[8]]);
    expect(d.nonfinite_candidates).toEqual([0]);
    expect(d.incumbent_loss).toEqual([learner.currentLoss]);
    const v = (learner.optimizer as unknown as { velocities(): Float32Array }).velocities();
    const rms = Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
    expect(d.velocity_rms[0]).toBeCloseTo(rms, 6);
  });

  it("the spread of a random search stays put; the GA's shrinks as it converges", () => {
    const model = createModel(XOR_241, new Rng(7));
    const rs = randomSearchLearner(model, xorProblem, {}, new Rng(8));
    const ga = gaLearner(model, xorProblem, {}, new Rng(8));
    const rs0 = rs.diagnostics().population_spread[0];
    const ga0 = ga.diagnostics().population_spread[0];
    for (let g = 0; g < 30; g++) {
      rs.step();
      ga.step();
    }
    expect(rs.diagnostics().population_spread[0] / rs0).toBeGreaterThan(0.8);
    expect(ga.diagnostics().population_spread[0] / ga0).toBeLessThan(0.8);
  });
});
