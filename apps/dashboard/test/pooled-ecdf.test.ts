import type { RunRecord } from "@arena/results";
import { describe, expect, it } from "vitest";
import { groupRuns, type LearnerGroup, type ProblemGroup } from "../src/data/groups.ts";
import { loadData } from "../src/data/load-data.ts";
import type { EcdfCurve } from "../src/transforms/ecdf.ts";
import { pooledEcdf } from "../src/transforms/pooled-ecdf.ts";
import { smallFixtureReport, smallFixtureResults } from "./fixtures/fixture-suites.ts";

/** The fields of a record the pooling reads: status, target hits (FLOPs, wall ms), checkpoints, cost. */
function run(
  status: RunRecord["status"],
  hits: (number | null)[],
  trace: number[],
  wallMs: (x: number) => number = (x) => x / 10,
): RunRecord {
  return {
    status,
    targets: hits.map((h, t) => ({
      target: t,
      reached: h !== null,
      flops: h,
      evaluations: h,
      step: null,
      wallMs: h === null ? null : wallMs(h),
    })),
    trace: trace.map((x) => ({ flops: x, evaluations: x, wallMs: wallMs(x), epoch: 0 })),
    cost: { steps: trace.length, flops: trace.at(-1) ?? 0, evaluations: trace.at(-1) ?? 0 },
  } as unknown as RunRecord;
}

function learner(name: string, model: string, runs: RunRecord[]): LearnerGroup {
  return { key: `${model}/${name}`, model, learner: name, label: name, runs };
}

function problem(name: string, learners: LearnerGroup[]): ProblemGroup {
  return { name, learners } as unknown as ProblemGroup;
}

// p1 has a ladder of two targets, p2 of one; "adam" runs on both (under two models), "ga" on p1, "pso" on p2.
const PROBLEMS = [
  problem("p1", [
    learner("adam", "m1", [
      run("ok", [10, 40], [5, 20, 50]),
      run("ok", [20, null], [5, 30, 60]),
      run("failed", [null, null], [1, 1000]),
    ]),
    learner("ga", "m1", [run("ok", [null, null], [8, 80])]),
  ]),
  problem("p2", [
    learner("adam", "m2", [run("ok", [30], [2, 30, 45])]),
    learner("pso", "m2", [run("diverged", [null], [4, 9])]),
  ]),
];

describe("runtime ECDF pooled over problems", () => {
  it("pools every (problem, target, run) pair of a learner, matched by name, failed runs left out", () => {
    const pooled = pooledEcdf(PROBLEMS, "flops");
    // adam: 2 runs × 2 targets on p1 and 1 run × 1 target on p2 = 5 pairs, hit at 10, 40, 20 and 30.
    expect(pooled.learners).toEqual([
      {
        learner: "adam",
        curve: { costs: [10, 20, 30, 40], fractions: [0.2, 0.4, 0.6, 0.8], pairs: 5, reached: 4 },
        problems: 2,
        budget: 60,
      },
      { learner: "ga", curve: { costs: [], fractions: [], pairs: 2, reached: 0 }, problems: 1, budget: 80 },
      // A diverged run counts: it did not reach its target.
      { learner: "pso", curve: { costs: [], fractions: [], pairs: 1, reached: 0 }, problems: 1, budget: 9 },
    ]);
    // The first positive cost of any checkpoint (p2's adam at 2), not of the failed run (1).
    expect(pooled.start).toBe(2);
  });

  it("measures wall time at the hits and at the last checkpoint", () => {
    const pooled = pooledEcdf(PROBLEMS, "wallMs");
    expect(pooled.learners[0].curve.costs).toEqual([1, 2, 3, 4]);
    expect(pooled.learners[0].budget).toBe(6);
    expect(pooled.start).toBeCloseTo(0.2);
  });

  it("has no start when nothing has a positive cost", () => {
    const pooled = pooledEcdf([problem("p", [learner("a", "m", [run("ok", [null], [0])])])], "flops");
    expect(pooled.start).toBeNull();
    expect(pooled.learners[0].curve.pairs).toBe(1);
  });

  it("agrees with the report's pooled ECDF at its budgets (same pairs, same fractions)", () => {
    const data = loadData({ results: smallFixtureResults(), report: smallFixtureReport() });
    const overview = data.report?.overview;
    expect(overview).toBeDefined();
    const at = (curve: EcdfCurve, b: number) => {
      let f = 0;
      for (let i = 0; i < curve.costs.length && curve.costs[i] <= b; i++) f = curve.fractions[i];
      return f;
    };
    for (const summary of overview?.ecdf ?? []) {
      const mine = pooledEcdf(groupRuns(data.records), summary.cost);
      for (const l of summary.learners) {
        const curve = mine.learners.find((m) => m.learner === l.learner)?.curve;
        expect(curve?.pairs, `${summary.cost} ${l.learner}`).toBe(l.pairs);
        const fractions = summary.budgets.map((b) => at(curve as EcdfCurve, b));
        for (const [i, f] of fractions.entries()) expect(f).toBeCloseTo(l.fractions[i], 12);
      }
    }
  });
});
