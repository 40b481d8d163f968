/**
 * `stagnation`: a population learner says it is finished after a run of generations without the
 * training loss of `current()` improving by more than `minDelta`; the harness then stops the run.
 */
import { OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  gaLearner,
  type NeuroevolutionState,
  type PopulationLearner,
  psoLearner,
  resumeLearner,
} from "../src/index.ts";
import { modelFor, XOR_241, xorProblem } from "./fixtures.ts";

/** Steps until `finished()` or `cap`; the loss of `current()` and `finished()` after each step. */
function runToStall(learner: PopulationLearner, cap: number) {
  const losses: number[] = [];
  const finished: boolean[] = [];
  while (losses.length < cap && !learner.finished()) {
    learner.step();
    losses.push(learner.currentLoss);
    finished.push(learner.finished());
  }
  return { losses, finished };
}

/** The rule, written out: finished once `generations` in a row fail to beat the best by > minDelta. */
function expectedFinished(losses: number[], generations: number, minDelta: number): boolean[] {
  let reference = Number.POSITIVE_INFINITY;
  let stale = 0;
  return losses.map((l) => {
    if (l < reference - minDelta) {
      reference = l;
      stale = 0;
    } else stale++;
    return stale >= generations;
  });
}

describe("stagnation (early stop of a stalled search)", () => {
  for (const [name, factory] of [
    ["ga", gaLearner],
    ["pso", psoLearner],
  ] as const) {
    it(`${name}: finished() follows the rule and ends the search well before the cap`, () => {
      const learner = factory(
        modelFor(XOR_241, 3),
        xorProblem,
        { population: 20, stagnation: { generations: 15, minDelta: 1e-3 } },
        new Rng(`${name}-stall`),
      );
      const { losses, finished } = runToStall(learner, 3000);
      expect(finished).toEqual(expectedFinished(losses, 15, 1e-3));
      expect(learner.finished()).toBe(true);
      expect(losses.length).toBeLessThan(3000);
      // It stopped because progress stopped, not at once: the loss fell before the stall.
      expect(losses.at(-1)).toBeLessThan(losses[0]);
      expect(losses.length).toBeGreaterThan(15);
    });
  }

  it("without the option a learner never finishes", () => {
    const learner = psoLearner(modelFor(XOR_241, 3), xorProblem, { population: 10 }, new Rng(1));
    for (let g = 0; g < 300; g++) {
      learner.step();
      expect(learner.finished()).toBe(false);
    }
  });

  it("resumes with the count where it was, and records the option in its config", () => {
    const config = { population: 12, stagnation: { generations: 8, minDelta: 1e-3 } };
    const a = gaLearner(modelFor(XOR_241, 5), xorProblem, config, new Rng(9));
    for (let g = 0; g < 40; g++) a.step();
    const saved = JSON.parse(JSON.stringify(a.state())) as NeuroevolutionState;
    expect(saved.config.stagnation).toEqual({ generations: 8, minDelta: 1e-3 });
    const b = resumeLearner(modelFor(XOR_241, 5), xorProblem, saved);
    expect(runToStall(b, 2000)).toEqual(runToStall(a, 2000));
  });

  it("rejects a bad stagnation option, naming it", () => {
    const make = (stagnation: unknown) => () =>
      gaLearner(modelFor(XOR_241, 1), xorProblem, { stagnation }, new Rng(1));
    expect(make({})).toThrow(OptionsError);
    expect(make({})).toThrow(/^gaLearner: stagnation.generations: required: expected number$/);
    expect(make({ generations: 0 })).toThrow(
      /^gaLearner: stagnation.generations: Too small: expected number to be >=1 \(got 0\)$/,
    );
    expect(make({ generations: 3, minDelta: -1 })).toThrow(
      /^gaLearner: stagnation.minDelta: Too small: expected number to be >=0 \(got -1\)$/,
    );
    expect(make({ generations: 3, patience: 2 })).toThrow(
      /^gaLearner: stagnation: unknown key "patience"; known keys: generations, minDelta$/,
    );
  });
});
