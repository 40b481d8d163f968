/** bench:optimizers' pure parts: first hits, the summaries and ECDF tables per dimension, the plan. */
import { randomRotation, rosenbrock } from "@arena/objectives";
import { describe, expect, it } from "vitest";
import {
  FUNCTIONS,
  makeFunction,
  OPTIMIZERS,
  optimizerPlan,
  peerRuns,
  runOptimizer,
} from "../src/optimizers/optimizer-runs.ts";
import {
  budgetLabel,
  dimensionMarkdown,
  ecdfBudgets,
  ecdfByDim,
  ecdfMarkdown,
  ecdfTable,
  firstHits,
  type OptimizerRun,
  summarizeOptimizers,
  summaryTable,
  TARGETS,
} from "../src/optimizers/optimizer-summary.ts";
import { REFERENCE, referenceTable } from "../src/optimizers/reference-pycma-scipy.ts";

const row = (
  optimizer: string,
  fn: string,
  seed: number,
  hits: (number | null)[],
  f: number,
  dim = 10,
  budget = 1e5,
): OptimizerRun => ({
  optimizer,
  function: fn,
  dim,
  seed,
  budget,
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
    expect(s.map((r) => [r.dim, r.function, r.optimizer, r.solved, r.runs])).toEqual([
      [10, "sphere", "A", 2, 2],
      [10, "rastrigin", "A", 0, 2],
      [10, "sphere", "B", 0, 1],
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

  it("keeps dimensions apart in the summary and in the ECDF, each read up to its largest budget", () => {
    const two = [
      ...rows,
      row("A", "sphere", 0, [4000, 9000], 8e-9, 40, 4e5),
      row("A", "rastrigin", 0, [null, null], 30, 40, 1.2e6),
    ];
    const s = summarizeOptimizers(two);
    expect(s.map((r) => `${r.dim} ${r.function} ${r.optimizer}`)).toEqual([
      "10 sphere A",
      "10 rastrigin A",
      "10 sphere B",
      "40 sphere A",
      "40 rastrigin A",
    ]);
    expect(s[3]).toMatchObject({ runs: 1, solved: 1, evalsMedian: 9000 });
    const e = ecdfByDim(two);
    expect(e.map((q) => [q.dim, q.budgets])).toEqual([
      [10, [1e2, 1e3, 1e4, 1e5]],
      [40, [1e2, 1e3, 1e4, 1e5, 1e6, 1.2e6]],
    ]);
    expect(e[0].rows).toEqual(ecdfTable(rows, [1e2, 1e3, 1e4, 1e5]));
    // 40-D, A: 4 (run, target) pairs, reached at 4,000 and 9,000.
    expect(e[1].rows).toEqual([{ optimizer: "A", fractions: [0, 0, 0.5, 0.5, 0.5, 0.5], pairs: 4 }]);
    const md = dimensionMarkdown(s, e);
    expect(md).toHaveLength(8);
    expect(md[0]).toBe("## 10-D: per function × optimizer (2 seeds)");
    expect(md[1]).toContain("| sphere | A | 2/2 |");
    expect(md[1]).not.toContain("9,000");
    expect(md[5]).toContain("| sphere | A | 1/1 | 9,000 [9,000, 9,000] |");
    expect(md[7].split("\n")[0]).toBe("| optimizer | ≤ 1e2 | ≤ 1e3 | ≤ 1e4 | ≤ 1e5 | ≤ 1e6 | ≤ 1.2e6 |");
  });

  it("picks ECDF budgets: powers of ten from 1e2, then the largest budget", () => {
    expect(ecdfBudgets(1e5)).toEqual([1e2, 1e3, 1e4, 1e5]);
    expect(ecdfBudgets(3e5)).toEqual([1e2, 1e3, 1e4, 1e5, 3e5]);
    expect(ecdfBudgets(50)).toEqual([50]);
    expect([1e5, 3e5, 1.2e6, 1e-8].map(budgetLabel)).toEqual(["1e5", "3e5", "1.2e6", "1e-8"]);
  });

  it("builds the plan: 7 functions per dimension, 1e4·dim evaluations, 3× on the two Rastrigins", () => {
    const plan = optimizerPlan();
    expect(plan.dims).toEqual([10, 40]);
    expect(plan.seeds).toEqual([10, 10]);
    expect(plan.problems[0].seeds).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(plan.problems).toHaveLength(14);
    expect(plan.problems.slice(0, 7).map((p) => [p.name, p.base, p.rotated, p.budget])).toEqual([
      ["sphere", "sphere", false, 1e5],
      ["ellipsoid", "ellipsoid", false, 1e5],
      ["rosenbrock", "rosenbrock", false, 1e5],
      ["rastrigin", "rastrigin", false, 3e5],
      ["rotated-ellipsoid", "ellipsoid", true, 1e5],
      ["rotated-rosenbrock", "rosenbrock", true, 1e5],
      ["rotated-rastrigin", "rastrigin", true, 3e5],
    ]);
    expect(plan.problems.slice(7).map((p) => p.budget)).toEqual([4e5, 4e5, 4e5, 1.2e6, 4e5, 4e5, 1.2e6]);
    expect(plan.problems.every((p) => p.lower === -5 && p.upper === 5)).toBe(true);
    const small = optimizerPlan({ dims: [5], seeds: 2, budgetPerDim: 100 });
    expect(small.problems.map((p) => p.budget)).toEqual([500, 500, 500, 1500, 500, 500, 1500]);
    expect(FUNCTIONS).toHaveLength(7);
    // One seed count per dimension, the last one repeating.
    const cut = optimizerPlan({ dims: [10, 40, 80], seeds: [10, 3] });
    expect(cut.seeds).toEqual([10, 3, 3]);
    expect(cut.problems.map((p) => p.seeds.length)).toEqual([...Array(7).fill(10), ...Array(14).fill(3)]);
  });

  it("gives every optimizer and scipy the same rotated instance per (function, dim, seed)", () => {
    const plan = optimizerPlan({ dims: [4], seeds: 2 });
    const rr = plan.problems.find((p) => p.name === "rotated-rosenbrock")!;
    const x = Float64Array.from([0.3, -1, 2, 0.5]);
    expect(makeFunction(rr, 1).evaluate(x)).toBe(makeFunction(rr, 1).evaluate(x));
    expect(makeFunction(rr, 0).evaluate(x)).not.toBe(makeFunction(rr, 1).evaluate(x));
    const runs = peerRuns(plan);
    expect(runs).toHaveLength(14);
    const peer = runs.find((r) => r.function === "rotated-rosenbrock" && r.seed === 1)!;
    expect(peer).toMatchObject({ base: "rosenbrock", dim: 4, budget: 4e4, optimum: 1, lower: -5, upper: 5 });
    expect(peer.rotation).toEqual(Array.from(randomRotation(4, "rotated-rosenbrock/4/1")));
    // y = x* + Q (x − x*) with Q column-major: the peer's data give the function Arena evaluates.
    const q = peer.rotation!;
    const y = Float64Array.from(
      { length: 4 },
      (_, i) => 1 + x.reduce((s, v, j) => s + q[j * 4 + i] * (v - 1), 0),
    );
    expect(makeFunction(rr, 1).evaluate(x)).toBe(rosenbrock(4).evaluate(y));
    expect(runs.find((r) => r.function === "sphere")).toMatchObject({ rotation: null, optimum: 0 });
    expect(peerRuns(optimizerPlan({ dims: [4, 6], seeds: 1 }), [6]).map((r) => r.dim)).toEqual(
      Array(7).fill(6),
    );
  });

  it("runs an optimizer reproducibly within the budget", () => {
    const plan = optimizerPlan({ dims: [10], seeds: 2, budgetPerDim: 300 });
    for (const name of ["CMAES", "CMAES BIPOP"]) {
      const cma = OPTIMIZERS.find((o) => o.name === name)!;
      const a = runOptimizer(cma, plan.problems[4], 1);
      const b = runOptimizer(cma, plan.problems[4], 1);
      expect(a).toMatchObject({ function: "rotated-ellipsoid", dim: 10, budget: 3000 });
      expect(a.evaluations).toBeLessThanOrEqual(3000);
      expect(a.hits).toHaveLength(TARGETS.length);
      expect({ ...a, ms: 0 }).toEqual({ ...b, ms: 0 });
    }
  });

  it("shows issue 17's reference figures next to this run's 10-D CMA-ES IPOP, BIPOP and scipy DE", () => {
    expect(REFERENCE.filter((r) => r.optimizer.startsWith("pycma")).map((r) => r.function)).toEqual([
      "sphere",
      "ellipsoid",
      "rosenbrock",
      "rastrigin",
    ]);
    const s = summarizeOptimizers([
      row("CMAES", "rastrigin", 0, [100, 5000], 5e-9),
      row("CMAES BIPOP", "rastrigin", 0, [100, 7000], 5e-9),
      row("scipy DE", "rastrigin", 0, [100, null], 20),
      row("CMAES", "rastrigin", 0, [100, 9999], 5e-9, 40),
      row("Shade", "rastrigin", 0, [100, 100], 5e-9),
    ]);
    const md = referenceTable(s);
    expect(md).toContain("| rastrigin | pycma IPOP (issue 17) | 78,534 [36,953, 101,666] | 10/10 |");
    expect(md).toContain("| rastrigin | scipy DE (issue 17) | — | 0/10, within 1e5; median final f 15.7 |");
    expect(md).toContain(
      "| rastrigin | Arena CMAES IPOP | 5,000 [5,000, 5,000] | 1/1, median final f 5.00e-9 |",
    );
    expect(md).toContain("| rastrigin | Arena CMAES BIPOP | 7,000 [7,000, 7,000] |");
    expect(md).toContain("| rastrigin | scipy DE (this run) | — | 0/1, median final f 20 |");
    expect(md).not.toContain("9,999");
    expect(md).not.toContain("Shade");
  });
});
