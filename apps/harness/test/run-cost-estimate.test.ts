import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { planCheckedSuite } from "../src/check-suite.ts";
import { estimateFromWork, estimateRunCosts, longestFirst } from "../src/run-cost-estimate.ts";
import type { RunSpec } from "../src/run-spec.ts";
import { type ModelFlops, type ProblemSizes, runWork } from "../src/run-work.ts";
import { loadSuite } from "../src/suite.ts";

/** Midranks (ties share the mean of their ranks), 1-based. */
function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) out[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation: Pearson's on midranks. */
function spearman(a: readonly number[], b: readonly number[]): number {
  const [ra, rb] = [ranks(a), ranks(b)];
  const mean = (ra.length + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < ra.length; i++) {
    sab += (ra[i] - mean) * (rb[i] - mean);
    saa += (ra[i] - mean) ** 2;
    sbb += (rb[i] - mean) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

interface WallTimes {
  groups: { group: string; runs: number; minMs: number; medianMs: number }[];
}

const defaultSuite = fileURLToPath(new URL("../suites/default.json", import.meta.url));
const measured = JSON.parse(
  readFileSync(new URL("./fixtures/default-suite-wall-times.json", import.meta.url), "utf8"),
) as WallTimes;

describe("estimateRunCosts against the default suite's measured wall times", { timeout: 120_000 }, () => {
  // One run per problem/model/learner group (repetition 0): the groups' runs have the same estimate.
  const runs = planCheckedSuite(
    loadSuite(defaultSuite),
    fileURLToPath(new URL("../suites/", import.meta.url)),
  );
  const firsts = new Map(runs.filter((r) => r.repetition === 0).map((r) => [groupOf(r), r]));
  const costs = estimateRunCosts([...firsts.values()]);
  const estimate = measured.groups.map((g) => costs.get(firsts.get(g.group)?.runId ?? "") ?? Number.NaN);

  it("has a measured time for every group of the suite, and an estimate for each", () => {
    expect(measured.groups.map((g) => g.group).sort()).toEqual([...firsts.keys()].sort());
    expect(estimate.every((e) => e > 0)).toBe(true);
  });

  it("ranks the groups as their wall times do (Spearman ≥ 0.95), better than the FLOP budget alone", () => {
    const medians = measured.groups.map((g) => g.medianMs);
    const rho = spearman(estimate, medians);
    // These are the times the constants were fitted on (run-cost-estimate.ts), so this checks that the
    // code still gives the fitted estimate (run-work.ts, a model's FLOP count, a constant), not how
    // well it predicts new runs. Now: 0.966 on medians, 0.967 on minimums; the budget alone 0.74. It
    // fails with the constants fitted before the fused LSTM and GRU kernels (0.93) and with one ns per
    // FLOP for every model kind and family (0.92).
    expect(rho).toBeGreaterThanOrEqual(0.95);
    expect(
      spearman(
        estimate,
        measured.groups.map((g) => g.minMs),
      ),
    ).toBeGreaterThanOrEqual(0.95);
    const budgets = measured.groups.map((g) => firsts.get(g.group)?.budget.flops ?? 0);
    expect(rho).toBeGreaterThan(spearman(budgets, medians) + 0.02);
  });

  it("puts the adding problem's runs (the longest by far) first, and a baseline costs next to nothing", () => {
    const order = longestFirst([...firsts.values()], costs);
    expect(order.slice(0, 10).every((r) => r.problem.id === "adding" && r.learner.kind !== "baseline")).toBe(
      true,
    );
    const baselines = order.filter((r) => r.learner.kind === "baseline").map((r) => costs.get(r.runId) ?? 0);
    expect(Math.max(...baselines)).toBeLessThan(100);
    expect(Math.max(...baselines)).toBeLessThan(
      Math.min(...order.slice(0, 10).map((r) => costs.get(r.runId) ?? 0)) / 20,
    );
  });
});

function groupOf(r: RunSpec): string {
  return `${r.problem.id}/${r.model.name}/${r.learner.id}`;
}

describe("runWork and estimateFromWork", () => {
  const sizes: ProblemSizes = { train: 100, validation: 20, test: 20, steps: 1, inputValues: 4 };
  // A model whose sample costs 10 FLOPs forward and 30 forward and backward, with 10 parameters.
  const model = (): ModelFlops => ({ size: 10, forward: 10, pass: (n) => 30 * n });
  const runs = planCheckedSuite(
    loadSuite(fileURLToPath(new URL("./fixtures/tiny-suite.json", import.meta.url))),
    process.cwd(),
  );
  const adam = runs.find((r) => r.learner.id === "adam" && r.problem.id === "iris") as RunSpec;
  const ga = runs.find((r) => r.learner.id === "ga" && r.problem.id === "iris") as RunSpec;
  const work = (spec: RunSpec, budget: RunSpec["budget"]) => runWork({ ...spec, budget }, sizes, model);

  it("spends the FLOP budget in updates of the batch size, or in generations of population × minibatch", () => {
    const w = work(adam, { flops: 1e6 });
    expect(w.flops).toEqual({ gradient: 1e6, population: 0 });
    // batchSize 8: 8 × 30 FLOPs of passes and 10 × 10 of the optimizer per update.
    expect(w.steps.gradient).toBeCloseTo(1e6 / (8 * 30 + 100), 6);
    const g = work(ga, { flops: 1e6 });
    // population 20 × minibatch 16 × 10 FLOPs forward per generation.
    expect(g.steps.population).toBeCloseTo(1e6 / (20 * 16 * 10), 6);
  });

  it("cuts the work to the budget that binds first: evaluations, or epochs × training samples", () => {
    // 800 evaluations = 100 updates of 8 samples, fewer FLOPs than the 1e6 budget.
    expect(work(adam, { flops: 1e6, evaluations: 800 }).steps.gradient).toBeCloseTo(100, 6);
    expect(work(adam, { epochs: 8 }).steps.gradient).toBeCloseTo(100, 6);
    const cheap = estimateFromWork(work(adam, { flops: 1e6, evaluations: 800 }));
    expect(cheap).toBeLessThan(estimateFromWork(work(adam, { flops: 1e6 })));
  });

  it("grows with the budget; a wall-time budget caps the training part or is all of it", () => {
    const small = estimateFromWork(work(adam, { flops: 1e6 }));
    const big = estimateFromWork(work(adam, { flops: 1e9 }));
    expect(big).toBeGreaterThan(small);
    expect(estimateFromWork(work(adam, { flops: 1e12, wallMs: 500 }))).toBeLessThan(
      estimateFromWork(work(adam, { flops: 1e12 })),
    );
    const clockOnly = estimateFromWork(work(adam, { wallMs: 5000 }));
    expect(clockOnly).toBeGreaterThan(5000);
    expect(clockOnly).toBeLessThan(5100);
  });

  it("costs a run whose problem cannot be loaded nothing, so it goes last, and never throws", () => {
    const costs = estimateRunCosts([adam, ga], () => {
      throw new Error("trainSize above the training split");
    });
    expect([...costs.values()]).toEqual([0, 0]);
  });
});

describe("longestFirst", () => {
  const runs = ["s/a/0", "s/b/0", "s/b/1", "s/c/0", "s/d/0"].map((runId) => ({ runId }));
  const costs = new Map([
    ["s/a/0", 1],
    ["s/b/0", 5],
    ["s/b/1", 5],
    ["s/c/0", 9],
  ]);

  it("orders by decreasing estimate, ties by run id, runs without an estimate last", () => {
    expect(longestFirst(runs, costs).map((r) => r.runId)).toEqual([
      "s/c/0",
      "s/b/0",
      "s/b/1",
      "s/a/0",
      "s/d/0",
    ]);
  });

  it("keeps the runs of one data split together, groups by their summed estimate", () => {
    const split = (runId: string, problem: string, seed: string) => ({
      runId,
      dataSeedPath: seed,
      problem: { id: problem, options: {} },
    });
    // Run by run, the order would interleave the splits (9, 8, 7, 6, …); by groups, y/1 (sum 14) goes
    // before x/0 (sum 11) before x/1 (sum 9), each group's runs longest first.
    const mixed = [
      split("x0-long", "x", "s/0"),
      split("x0-short", "x", "s/0"),
      split("x1-a", "x", "s/1"),
      split("y1-long", "y", "s/1"),
      split("y1-short", "y", "s/1"),
    ];
    const est = new Map([
      ["x0-long", 9],
      ["x0-short", 2],
      ["x1-a", 9],
      ["y1-long", 8],
      ["y1-short", 6],
    ]);
    expect(longestFirst(mixed, est).map((r) => r.runId)).toEqual([
      "y1-long",
      "y1-short",
      "x0-long",
      "x0-short",
      "x1-a",
    ]);
  });

  it("gives the same order whatever the order it is given, and leaves its input alone", () => {
    const reversed = [...runs].reverse();
    const copy = [...reversed];
    expect(longestFirst(reversed, costs)).toEqual(longestFirst(runs, costs));
    expect(reversed).toEqual(copy);
  });
});
