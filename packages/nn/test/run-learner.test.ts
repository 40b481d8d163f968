import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cost, DivergenceError, type Learner, type RunProgress, runLearner } from "../src/index.ts";

/** A learner whose steps cost `unit` each and can be cut to `allowance` in whole samples. */
function countingLearner(unit: Cost, opts: { finishAfter?: number; throwAt?: number; error?: Error } = {}) {
  let steps = 0;
  const allowances: Cost[] = [];
  const learner: Learner = {
    name: "counting",
    step(allowance) {
      allowances.push({ ...(allowance as Cost) });
      if (opts.throwAt !== undefined && steps + 1 === opts.throwAt) {
        throw opts.error ?? new DivergenceError("loss is NaN", steps + 1, 123);
      }
      // Cut to fit: as many whole "samples" (unit.evaluations each) as the allowance pays for.
      const a = allowance ?? { flops: Number.POSITIVE_INFINITY, evaluations: Number.POSITIVE_INFINITY };
      const fits = Math.min(1, a.flops / unit.flops, a.evaluations / unit.evaluations);
      if (fits < 1) return { flops: 0, evaluations: 0 };
      steps++;
      return { ...unit };
    },
    current: () => Float32Array.of(steps),
    finished: () => opts.finishAfter !== undefined && steps >= opts.finishAfter,
  };
  return { learner, allowances };
}

describe("runLearner", () => {
  it("passes what is left of the budget as the allowance and never exceeds it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 500 }), (unit, budget) => {
        const { learner, allowances } = countingLearner({ flops: unit, evaluations: 1 });
        const r = runLearner(learner, {
          limits: { flops: budget },
          checkpointDue: () => false,
          onCheckpoint: () => true,
        });
        expect(r.progress.flops).toBeLessThanOrEqual(budget);
        expect(r.progress.steps).toBe(Math.floor(budget / unit));
        expect(r.end).toBe("budget");
        expect(allowances.map((a) => a.flops)).toEqual(allowances.map((_, i) => budget - i * unit));
      }),
    );
  });

  it("checkpoints at the start, when due, and once at the end if the last step had none", () => {
    const { learner } = countingLearner({ flops: 1, evaluations: 1 });
    const seen: number[] = [];
    const r = runLearner(learner, {
      limits: { steps: 7 },
      checkpointDue: (p) => p.steps % 3 === 0,
      onCheckpoint: (p) => seen.push(p.steps) > 0,
    });
    expect(seen).toEqual([0, 3, 6, 7]);
    expect(r).toMatchObject({ end: "budget", progress: { steps: 7, flops: 7, evaluations: 7 } });
    const again: number[] = [];
    runLearner(countingLearner({ flops: 1, evaluations: 1 }).learner, {
      limits: { steps: 6 },
      checkpointDue: (p) => p.steps % 3 === 0,
      onCheckpoint: (p) => again.push(p.steps) > 0,
    });
    expect(again).toEqual([0, 3, 6]);
  });

  it("ends on the learner's finished(), the caller's stopWhen, or a checkpoint returning false", () => {
    const finished = runLearner(countingLearner({ flops: 1, evaluations: 1 }, { finishAfter: 4 }).learner, {
      limits: {},
      checkpointDue: () => false,
      onCheckpoint: () => true,
    });
    expect(finished).toMatchObject({ end: "finished", progress: { steps: 4 } });
    const stopWhen = runLearner(countingLearner({ flops: 1, evaluations: 2 }).learner, {
      limits: {},
      stopWhen: (p) => p.evaluations >= 10,
      checkpointDue: () => false,
      onCheckpoint: () => true,
    });
    expect(stopWhen).toMatchObject({ end: "finished", progress: { steps: 5 } });
    const calls: number[] = [];
    const stopped = runLearner(countingLearner({ flops: 1, evaluations: 1 }).learner, {
      limits: { steps: 100 },
      checkpointDue: (p) => p.steps % 2 === 0,
      onCheckpoint: (p) => calls.push(p.steps) < 3,
    });
    expect(stopped).toMatchObject({ end: "stopped", progress: { steps: 4 } });
    expect(calls).toEqual([0, 2, 4]);
  });

  it("passes no allowance when neither FLOPs nor evaluations are limited", () => {
    const seen: (Cost | undefined)[] = [];
    const learner: Learner = {
      name: "free",
      step: (allowance) => {
        seen.push(allowance);
        return { flops: 1, evaluations: 1 };
      },
      current: () => new Float32Array(0),
    };
    runLearner(learner, { limits: { steps: 3 }, checkpointDue: () => false, onCheckpoint: () => true });
    expect(seen).toEqual([undefined, undefined, undefined]);
  });

  it("ends when not even the smallest part of a step fits what is left", () => {
    const { learner } = countingLearner({ flops: 4, evaluations: 1 });
    const r = runLearner(learner, {
      limits: { flops: 10 },
      checkpointDue: () => false,
      onCheckpoint: () => true,
    });
    expect(r).toMatchObject({ end: "budget", progress: { steps: 2, flops: 8 } });
  });

  it("reports a DivergenceError as the end and lets any other throw through, progress readable", () => {
    const seen: number[] = [];
    const r = runLearner(countingLearner({ flops: 2, evaluations: 1 }, { throwAt: 3 }).learner, {
      limits: {},
      checkpointDue: () => true,
      onCheckpoint: (p) => seen.push(p.steps) > 0,
    });
    expect(r.end).toBe("diverged");
    expect(r.divergence).toBeInstanceOf(DivergenceError);
    expect(r.progress).toMatchObject({ steps: 2, flops: 4 });
    expect(seen).toEqual([0, 1, 2]); // no checkpoint after the diverged step
    const progress: RunProgress = { steps: 0, flops: 0, evaluations: 0, wallMs: 0 };
    const boom = countingLearner(
      { flops: 2, evaluations: 1 },
      { throwAt: 4, error: new Error("boom") },
    ).learner;
    expect(() =>
      runLearner(boom, { limits: {}, progress, checkpointDue: () => false, onCheckpoint: () => true }),
    ).toThrow("boom");
    expect(progress).toMatchObject({ steps: 3, flops: 6, evaluations: 3 });
  });

  it("counts wall time inside step() only and stops between steps once it is spent", () => {
    let now = 0;
    const learner: Learner = {
      name: "slow",
      step: () => {
        now += 10;
        return { flops: 1, evaluations: 1 };
      },
      current: () => new Float32Array(0),
    };
    const r = runLearner(learner, {
      limits: { wallMs: 25 },
      clock: () => now,
      checkpointDue: () => false,
      onCheckpoint: () => {
        now += 1000; // evaluation time is not training time
        return true;
      },
    });
    expect(r.progress).toMatchObject({ steps: 3, wallMs: 30 }); // overshot by one step, as documented
  });
});
