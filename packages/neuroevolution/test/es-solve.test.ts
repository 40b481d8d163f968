import { getProblem } from "@arena/datasets";
import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { cmaesLearner, openAiEsLearner, shadeLearner, snesLearner } from "../src/index.ts";
import { median, modelFor, run, solvesXor, XOR_241, xorProblem } from "./fixtures.ts";

/**
 * The README's "Measured" rows for the evolution-strategy learners, as in xor-solve and iris-accuracy:
 * XOR 2-4-1 (sigmoid/MSE, 17 weights) over 20 seeds with 100 generations of 50 candidates; iris with
 * the registry's 4-8-3 net over 5 seeds with 200 full-batch generations. OpenAI-ES runs XOR with a
 * larger σ and step than its paper defaults (σ 0.02, step 0.01 move XOR's weights too slowly: 1/20 in
 * 100 generations, 16/20 in 300).
 */
const XOR_CASES = [
  // per generation: 50 × 4 × 37 forward + the optimizer's own (es-flops.ts)
  ["cmaes", cmaesLearner, {}, 50 * 148 + 6681],
  ["snes", snesLearner, {}, 50 * 148 + 6902],
  ["openai-es", openAiEsLearner, { openaiEs: { sigma: 0.1, learningRate: 0.05 } }, 50 * 148 + 4180],
  ["shade", shadeLearner, {}, 50 * 148 + 5950],
] as const;

describe("XOR 2-4-1: the evolution-strategy learners", () => {
  it.each(XOR_CASES)(
    "%s solves at least 18 of 20 seeds in 100 generations",
    (_name, factory, config, perGeneration) => {
      let solved = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const model = modelFor(XOR_241, seed);
        const learner = factory(model, xorProblem, config, new Rng(`run/${seed}`));
        expect(run(learner, 100)).toEqual({ evaluations: 100 * 50 * 4, flops: 100 * perGeneration });
        if (solvesXor(model, learner.current())) solved++;
      }
      expect(solved).toBeGreaterThanOrEqual(18);
    },
  );
});

describe("iris: the evolution-strategy learners' test accuracy after 200 generations", () => {
  it.each([
    ["cmaes", cmaesLearner],
    ["snes", snesLearner],
    ["openai-es", openAiEsLearner],
    ["shade", shadeLearner],
  ] as const)("%s reaches a median test accuracy of at least 0.9 over 5 seeds", (_name, factory) => {
    const accuracies: number[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      const problem = getProblem("iris").load(new Rng(`data/${seed}`));
      const model = createModel(
        problem.model ?? { kind: "mlp", layers: [4, 8, 3], activation: "tanh", output: "softmax" },
        new Rng(`init/${seed}`),
      );
      const learner = factory(model, problem, {}, new Rng(`run/${seed}`));
      expect(run(learner, 200).evaluations).toBe(200 * 50 * problem.train.n);
      accuracies.push(model.evaluate(problem.test, { params: learner.current() }).value);
    }
    expect(median(accuracies)).toBeGreaterThanOrEqual(0.9);
  });
});
