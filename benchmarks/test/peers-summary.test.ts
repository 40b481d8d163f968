/** bench:peers' plan and summary table (the peers themselves run only in the benchmark, never here). */
import { describe, expect, it } from "vitest";
import { ARENA_OPTIMIZERS, runArena } from "../src/peers/arena-optimizers.ts";
import { defaultPlan, testFunction } from "../src/peers/peer-problems.ts";
import { summarize, summaryMarkdown } from "../src/peers/peer-summary.ts";

describe("bench:peers", () => {
  it("plans three 10-D functions, seeds 0..9, 20 000 evaluations, in the boxes the README states", () => {
    const plan = defaultPlan();
    expect(plan.problems.map((p) => [p.name, p.dim, p.lower, p.upper])).toEqual([
      ["sphere", 10, -5, 5],
      ["rosenbrock", 10, -5, 5],
      ["rastrigin", 10, -5.12, 5.12],
    ]);
    expect(plan.seeds).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(plan.budget).toBe(20_000);
    expect(testFunction(plan.problems[1]).evaluate(new Float64Array(10))).toBe(9);
  });

  it("runs each Arena optimizer within the budget, reproducibly from the seed", () => {
    const p = defaultPlan().problems[0];
    for (const opt of ARENA_OPTIMIZERS) {
      const a = runArena(opt, p, 3, 1000);
      expect(a.evaluations).toBeLessThanOrEqual(1000);
      expect(runArena(opt, p, 3, 1000).f).toBe(a.f);
    }
  });

  it("summarises median [min, max] per function and optimizer", () => {
    const row = (optimizer: string, seed: number, f: number, ms: number) => ({
      optimizer,
      function: "sphere",
      seed,
      f,
      evaluations: 20_000,
      ms,
    });
    const summary = summarize([
      row("A", 0, 3, 10),
      row("A", 1, 1, 30),
      row("B", 0, 0, 5),
      row("A", 2, 2, 20),
    ]);
    expect(summary.map((s) => [s.optimizer, s.runs, s.fMedian, s.fMin, s.fMax, s.msMedian])).toEqual([
      ["A", 3, 2, 1, 3, 20],
      ["B", 1, 0, 0, 0, 5],
    ]);
    expect(summaryMarkdown(summary).split("\n")[2]).toBe(
      "| sphere | A | 2 [1, 3] | 20000 | 20 ms [10, 30] |",
    );
  });
});
