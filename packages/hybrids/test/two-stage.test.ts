import { backpropLearner } from "@arena/backprop";
import { gaLearner } from "@arena/neuroevolution";
import { runLearner } from "@arena/nn";
import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  resumeHybridLearner,
  type TwoStageLearner,
  type TwoStageState,
  twoStageLearner,
} from "../src/index.ts";
import { bytes, modelFor, roundTrip, SMALL_MLP, separable } from "./fixtures.ts";

const problem = separable(1);
const BACKPROP = { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 16 };
const GA = { population: 6 };

function build(
  share: number,
  budget: { flops?: number; evaluations?: number },
  seed = "run",
): TwoStageLearner {
  return twoStageLearner(
    modelFor(SMALL_MLP),
    problem,
    { share, ga: GA, backprop: BACKPROP },
    new Rng(seed),
    budget,
  );
}

/** Drives a learner through nn's runLearner with a budget; returns the costs of its steps. */
function run(learner: TwoStageLearner, limits: { flops?: number; evaluations?: number }) {
  const costs: { flops: number; evaluations: number; stage: number }[] = [];
  const step = learner.step.bind(learner);
  learner.step = (allowance) => {
    const c = step(allowance);
    if (allowance !== undefined) {
      expect(c.flops).toBeLessThanOrEqual(allowance.flops);
      expect(c.evaluations).toBeLessThanOrEqual(allowance.evaluations);
    }
    costs.push({ ...c, stage: learner.stage });
    return c;
  };
  const r = runLearner(learner, { limits, checkpointDue: () => false, onCheckpoint: () => true });
  return { costs, progress: r.progress };
}

describe("two-stage learner", () => {
  it("searches for its share of the budget, then backprop takes the rest; the switch fits its step", () => {
    const budget = { flops: 400_000 };
    const learner = build(0.4, budget);
    const { costs, progress } = run(learner, budget);
    const searchFlops = costs.filter((c) => c.stage === 1).reduce((s, c) => s + c.flops, 0);
    expect(searchFlops).toBeLessThanOrEqual(160_000);
    // The search stops when not one more candidate fits its share.
    expect(searchFlops).toBeGreaterThan(160_000 - learner.searchLimit.flops / 10);
    expect(costs.some((c) => c.stage === 2)).toBe(true);
    expect(progress.flops).toBeLessThanOrEqual(400_000);
    expect(learner.diagnostics().stage).toEqual([2]);
    expect(learner.diagnostics().search_flops).toEqual([searchFlops]);
  });

  it("backprop starts from the search's best point", () => {
    const learner = build(0.5, { flops: 100_000 });
    let last: Float32Array = learner.current();
    while (learner.stage === 1) {
      last = learner.current();
      learner.step({ flops: 1e12, evaluations: 1e12 });
    }
    // The switching step took one backprop update from `last`.
    const bp = backpropLearner(modelFor(SMALL_MLP), problem, BACKPROP, new Rng("run").fork("backprop"));
    bp.current().set(last);
    bp.step();
    expect(bytes(learner.current())).toEqual(bytes(bp.current()));
  });

  it("share 1 is the search alone, share 0 backprop alone, step for step", () => {
    const ga = gaLearner(modelFor(SMALL_MLP), problem, GA, new Rng("run"));
    const onlySearch = build(1, {});
    for (let g = 0; g < 3; g++) expect(onlySearch.step()).toEqual(ga.step());
    expect(bytes(onlySearch.current())).toEqual(bytes(ga.current()));
    const bp = backpropLearner(modelFor(SMALL_MLP), problem, BACKPROP, new Rng("run").fork("backprop"));
    const onlyBackprop = build(0, {});
    for (let s = 0; s < 3; s++) expect(onlyBackprop.step()).toEqual(bp.step());
    expect(bytes(onlyBackprop.current())).toEqual(bytes(bp.current()));
  });

  it("never exceeds a random allowance, in either stage or across the switch", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (allowances, share) => {
          const learner = build(share, { flops: 200_000, evaluations: 20_000 });
          for (const flops of allowances) {
            const allowance = { flops, evaluations: flops / 10 };
            const c = learner.step(allowance);
            expect(c.flops).toBeLessThanOrEqual(allowance.flops);
            expect(c.evaluations).toBeLessThanOrEqual(allowance.evaluations);
          }
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });

  it("an evaluation budget is shared too", () => {
    const budget = { evaluations: 20_000 };
    const learner = build(0.25, budget);
    const { costs } = run(learner, budget);
    const searchEvaluations = costs.filter((c) => c.stage === 1).reduce((s, c) => s + c.evaluations, 0);
    expect(searchEvaluations).toBeLessThanOrEqual(5_000);
    expect(searchEvaluations).toBeGreaterThan(5_000 - 6 * 60);
  });

  it("a search that stops by its own rule hands over to backprop", () => {
    const learner = twoStageLearner(
      modelFor(SMALL_MLP),
      problem,
      { share: 1, ga: { ...GA, stagnation: { generations: 1, minDelta: 10 } }, backprop: BACKPROP },
      new Rng("run"),
    );
    // Generation 1 sets the reference; generation 2 does not beat it by 10, so the search has stalled.
    learner.step();
    learner.step();
    expect(learner.stage).toBe(1);
    expect(learner.diagnostics().stage).toEqual([1]);
    learner.step();
    expect(learner.stage).toBe(2);
    expect(learner.finished()).toBe(false);
  });

  it("is deterministic, and resumes bit for bit in either stage", () => {
    const budget = { flops: 150_000 };
    const a = build(0.5, budget);
    const b = build(0.5, budget);
    for (const stage of [1, 2]) {
      while (a.stage < stage) {
        const allowance = { flops: 150_000 - a.diagnostics().search_flops[0], evaluations: 1e9 };
        expect(b.step(allowance)).toEqual(a.step(allowance));
      }
      for (let s = 0; s < 2; s++) expect(b.step()).toEqual(a.step());
      const saved = roundTrip(a.state()) as TwoStageState;
      expect(saved.search === null).toBe(stage === 2);
      const c = resumeHybridLearner(modelFor(SMALL_MLP, "other"), problem, saved) as TwoStageLearner;
      expect(c.state()).toEqual(a.state());
      for (let s = 0; s < 3; s++) {
        const cost = a.step({ flops: 30_000, evaluations: 1e9 });
        expect(b.step({ flops: 30_000, evaluations: 1e9 })).toEqual(cost);
        expect(c.step({ flops: 30_000, evaluations: 1e9 })).toEqual(cost);
      }
      expect(bytes(c.current())).toEqual(bytes(a.current()));
      expect(c.diagnostics()).toEqual(a.diagnostics());
    }
  });

  it("a share that needs a budget says so", () => {
    expect(() => build(0.5, {})).toThrow(
      /twoStageLearner: share is 0.5, a part of the run's budget, but the budget gives no finite flops or evaluations/,
    );
    expect(() => build(0.5, { flops: -1 })).toThrow(/budget.flops must be a number >= 0 or absent, got -1/);
    expect(() => build(1.5, { flops: 1 })).toThrow(/share: Too big: expected number to be <=1 \(got 1.5\)/);
  });
});
