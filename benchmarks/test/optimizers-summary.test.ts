/** bench:optimizers' pure parts: first hits, the summary and the ECDF table from fixed rows. */
import { describe, expect, it } from "vitest";
import { OPTIMIZERS, optimizerPlan, runOptimizer } from "../src/optimizers/optimizer-runs.ts";
import {
  ecdfMarkdown,
  ecdfTable,
  firstHits,
  type OptimizerRun,
  summarizeOptimizers,
  summaryTable,
  TARGETS,
} from "../src/optimizers/optimizer-summary.ts";
import { REFERENCE } from "../src/optimizers/reference-pycma-scipy.ts";

const row = (
  optimizer: string,
  fn: string,
  seed: number,
  hits: (number | null)[],
  f: number,
): OptimizerRun => ({
  optimizer,
  function: fn,
  seed,
  f,
  evaluations: 1000,
  hits,
  ms: seed + 1,
});

// Two targets [1, 1e-8] for a small ECDF; two functions, two seeds.
const rows: OptimizerRun[] = [
  row("A", "sphere", 0, [100, 400], 5e-9),
  row("A", "sphere", 1, [200, 600], 6e-9),
  row("A", "rastrigin", 0, [1000, null], 3),
  row("A", "rastrigin", 1, [null, null], 12),
  row("B", "sphere", 0, [50, null], 0.5),
];

describe("bench:optimizers summary", () => {
  it("finds the first evaluation count at which each target is reached", () => {
    const trace = [
      { evaluations: 10, best: 50 },
      { evaluations: 20, best: 5 },
      { evaluations: 30, best: 0.05 },
    ];
    expect(firstHits(trace, [10, 1, 0.1, 1e-8])).toEqual([20, 30, 30, null]);
    expect(TARGETS).toHaveLength(10);
    expect(TARGETS[0]).toBe(10);
    expect(TARGETS.at(-1)).toBe(1e-8);
  });

  it("summarizes solved count, evaluations to the last target over solved runs and median final f", () => {
    const s = summarizeOptimizers(rows);
    expect(s.map((r) => [r.function, r.optimizer, r.solved, r.runs])).toEqual([
      ["sphere", "A", 2, 2],
      ["rastrigin", "A", 0, 2],
      ["sphere", "B", 0, 1],
    ]);
    expect(s[0]).toMatchObject({
      evalsMedian: 500,
      evalsMin: 400,
      evalsMax: 600,
      fMedian: 5.5e-9,
      msMedian: 1.5,
    });
    expect(s[1]).toMatchObject({ evalsMedian: null, evalsMin: null, fMedian: 7.5 });
    const md = summaryTable(s);
    expect(md).toContain("| sphere | A | 2/2 | 500 [400, 600] |");
    expect(md).toContain("| rastrigin | A | 0/2 | — | 7.5 |");
  });

  it("reads the runtime ECDF at each budget, one row per optimizer", () => {
    const t = ecdfTable(rows, [100, 500, 1000, 1e5]);
    // A: 8 (run, target) pairs; reached: 100, 200, 400, 600, 1000.
    expect(t[0]).toEqual({ optimizer: "A", fractions: [1 / 8, 3 / 8, 5 / 8, 5 / 8], pairs: 4 });
    expect(t[1]).toEqual({ optimizer: "B", fractions: [0.5, 0.5, 0.5, 0.5], pairs: 2 });
    expect(ecdfMarkdown(t, [100, 500, 1000, 1e5]).split("\n")[2]).toBe("| A | 0.13 | 0.38 | 0.63 | 0.63 |");
  });

  it("runs an optimizer reproducibly within the budget, and the reference data are complete", () => {
    const plan = optimizerPlan(10, 2, 3000);
    expect(plan.problems.map((p) => [p.name, p.lower, p.upper])).toEqual([
      ["sphere", -5, 5],
      ["ellipsoid", -5, 5],
      ["rosenbrock", -5, 5],
      ["rastrigin", -5, 5],
    ]);
    const cma = OPTIMIZERS.find((o) => o.name === "CMAES")!;
    const a = runOptimizer(cma, plan.problems[0], 1, 3000);
    const b = runOptimizer(cma, plan.problems[0], 1, 3000);
    expect(a.evaluations).toBeLessThanOrEqual(3000);
    expect(a.hits).toHaveLength(TARGETS.length);
    expect({ ...a, ms: 0 }).toEqual({ ...b, ms: 0 });
    expect(REFERENCE.filter((r) => r.optimizer.startsWith("pycma")).map((r) => r.function)).toEqual([
      "sphere",
      "ellipsoid",
      "rosenbrock",
      "rastrigin",
    ]);
  });
});
