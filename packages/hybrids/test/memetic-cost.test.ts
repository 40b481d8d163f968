import { BackpropStepper, createOptimizer } from "@arena/backprop";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { memeticLearner } from "../src/index.ts";
import { modelFor, SMALL_MLP, separable, XOR_221, xor } from "./fixtures.ts";

// XOR 2-2-1 (sigmoid hidden and output, MSE; 9 weights), counted by hand per sample:
// forward: layer 1 gemm 2·2·2 = 8, bias 2, sigmoid 2; layer 2 gemm 2·2·1 = 4, bias 1; output sigmoid
// and MSE 1 + 3 = 4: 21. Backward: layer 2 gemms for dW and dx 2·(2·2·1) = 8, bias sums 1, sigmoid′ of
// the hidden layer 2·2 = 4; layer 1 gemm for dW only 8, bias sums 2; output and loss 1 + 2 = 3: 26.
const FORWARD = 21;
const PASS = FORWARD + 26;
const SGD_UPDATE = 2 * 9; // p ← p − lr·g: 2 per weight
// GA at the learner's defaults (no crossover, Gaussian mutation of every gene of every child, one elite):
// (population − 1) children × 9 genes × 3 (x += mean + σ·z).
const gaMove = (population: number) => (population - 1) * 9 * 3;

describe("memetic cost: the refinement at backprop's rates, plus the scoring", () => {
  it.each(["lamarckian", "baldwinian"] as const)(
    "%s, XOR 2-2-1: a generation costs the hand count",
    (mode) => {
      const population = 4;
      const k = 2;
      const batch = 2;
      const learner = memeticLearner(
        modelFor(XOR_221),
        xor,
        { mode, ga: { population }, local: { k, batchSize: batch } },
        new Rng("run"),
      );
      // Per candidate: k steps of (forward + backward over 2 samples, SGD update), then scoring on all 4.
      const perCandidate = k * (PASS * batch + SGD_UPDATE) + FORWARD * 4;
      const expected = {
        flops: population * perCandidate + gaMove(population),
        evaluations: population * (k * batch + 4),
      };
      expect(expected).toEqual({ flops: 1313, evaluations: 32 });
      for (let g = 0; g < 3; g++) expect(learner.step()).toEqual(expected);
      expect(learner.spent).toEqual({ flops: 3 * 1313, evaluations: 96 });
    },
  );

  it("a local step costs what a backprop update of the same batch and optimizer is charged", () => {
    for (const optimizer of [{ kind: "sgd", lr: 0.1 }, { kind: "adam" }, { kind: "momentum" }] as const) {
      const problem = separable(1);
      const learner = memeticLearner(
        modelFor(SMALL_MLP),
        problem,
        { ga: { population: 6 }, local: { k: 3, batchSize: 16, optimizer } },
        new Rng("run"),
      );
      const stepper = new BackpropStepper(modelFor(SMALL_MLP), problem.train, {
        optimizer: createOptimizer(optimizer),
        batchSize: 16,
        rng: new Rng("bp"),
      });
      const update = stepper.step().flops;
      const r = learner.refiner;
      expect(r.passFlops + r.updateFlops).toBe(update);
      expect(r.perCandidate).toEqual({ flops: 3 * update, evaluations: 48 });
      // A generation: 6 candidates × (3 updates + scoring on the 60 training samples) + the GA's move.
      const p = learner.population;
      expect(learner.step()).toEqual({
        flops: 6 * (3 * update + p.candidateFlops) + p.optimizerFlops,
        evaluations: 6 * (48 + 60),
      });
    }
  });

  it("a batch as large as the training split is the split: no minibatch stream", () => {
    const learner = memeticLearner(modelFor(XOR_221), xor, { local: { batchSize: 100 } }, new Rng("run"));
    expect(learner.refiner.batch).toBe(4);
    expect(learner.refiner.perCandidate).toEqual({ flops: PASS * 4 + SGD_UPDATE, evaluations: 4 });
    expect(learner.state().refiner.minibatchRng).toBeNull();
  });
});
