import type { RunRecord } from "@arena/results";
import { describe, expect, it } from "vitest";
import { throughTimeHeatmap } from "../src/transforms/heatmap.ts";
import { smallFixtureRecords } from "./fixtures/fixture-suites.ts";

/** A run whose checkpoints carry the given flops and through-time norms (other fields from the fixture). */
function withNorms(base: RunRecord, points: { flops: number; norms: number[] }[]): RunRecord {
  const c0 = base.trace[0];
  return {
    ...base,
    trace: points.map((p, i) => ({ ...c0, step: i, flops: p.flops, gradNormsThroughTime: p.norms })),
  };
}

describe("throughTimeHeatmap", () => {
  const base = smallFixtureRecords().find((r) => r.learner.name === "ga")!;

  it("takes the median over seeds per (time step, grid point), step-wise, without extrapolation", () => {
    const a = withNorms(base, [
      { flops: 1, norms: [1, 10] },
      { flops: 4, norms: [2, 20] },
    ]);
    const b = withNorms(base, [
      { flops: 2, norms: [3, 30] },
      { flops: 8, norms: [5, 50] },
    ]);
    const h = throughTimeHeatmap([a, b], "flops", [1, 2, 4, 8])!;
    expect(h.t).toEqual([0, 1]);
    expect(h.x).toEqual([1, 2, 4, 8]);
    // grid 1: a only; 2: a=1, b=3; 4: a=2, b=3; 8: a ended at 4, b=5
    expect(h.z[0]).toEqual([1, 2, 2.5, 5]);
    expect(h.z[1]).toEqual([10, 20, 25, 50]);
    expect(h.runs).toBe(2);
    expect(h.nonFinite).toBe(0);
  });

  it("leaves non-finite norms out, blank, and counts them", () => {
    const a = withNorms(base, [
      { flops: 1, norms: [1, 2] },
      { flops: 2, norms: [Number.POSITIVE_INFINITY, 4] },
    ]);
    const h = throughTimeHeatmap([a], "flops", [1, 2])!;
    expect(h.nonFinite).toBe(1);
    expect(h.z[0]).toEqual([1, null]); // the exploded cell stays blank: no value carried past it
    expect(h.z[1]).toEqual([2, 4]);
  });

  it("is null without recurrent diagnostics", () => {
    expect(throughTimeHeatmap([base], "flops", [1, 2])).toBeNull();
  });
});

describe("throughTimeHeatmap with a minimum number of seeds", () => {
  it("leaves a cell blank where too few seeds have a value", () => {
    const base = smallFixtureRecords().find((r) => r.learner.name === "ga")!;
    const a = withNorms(base, [{ flops: 1, norms: [1] }]);
    const b = withNorms(base, [
      { flops: 1, norms: [3] },
      { flops: 2, norms: [5] },
    ]);
    const h = throughTimeHeatmap([a, b], "flops", [1, 2], 2)!;
    expect(h.x).toEqual([1]);
    expect(h.z[0]).toEqual([2]);
  });
});
