import { getProblem } from "@arena/datasets";
import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { gaLearner, psoLearner } from "../src/index.ts";
import { median, run } from "./fixtures.ts";

/**
 * iris with the registry's model (4-8-3 tanh/softmax, cross-entropy, 67 weights), default configs,
 * full-batch fitness on the ~89 training samples (iris has one duplicate row, dropped before the split);
 * test accuracy on the 30 test samples, evaluated here once at the end as the harness does. Budget per
 * seed: 200 generations (PSO: 40 particles, GA: 50 individuals, each scored on the whole training split).
 */
describe("iris: test accuracy after a fixed budget", () => {
  const SEEDS = [1, 2, 3, 4, 5];

  it.each([
    ["pso", psoLearner, 40],
    ["ga", gaLearner, 50],
  ] as const)(
    "%s reaches a median test accuracy of at least 0.9 over 5 seeds",
    (_name, factory, population) => {
      const accuracies: number[] = [];
      for (const seed of SEEDS) {
        const problem = getProblem("iris").load(new Rng(`data/${seed}`));
        // problem.model is always set for the built-in problems.
        const model = createModel(
          problem.model ?? { kind: "mlp", layers: [4, 8, 3], activation: "tanh", output: "softmax" },
          new Rng(`init/${seed}`),
        );
        const initial = model.evaluate(problem.test).value;
        const learner = factory(model, problem, {}, new Rng(`run/${seed}`));
        const cost = run(learner, 200);
        expect(cost.evaluations).toBe(200 * population * problem.train.n);
        const test = model.evaluate(problem.test, { params: learner.current() });
        expect(test.value).toBeGreaterThan(initial);
        accuracies.push(test.value);
      }
      expect(median(accuracies)).toBeGreaterThanOrEqual(0.9);
    },
  );
});
