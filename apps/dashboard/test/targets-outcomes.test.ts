import { describe, expect, it } from "vitest";
import { hitTable, targetLabel, targetOutcomes } from "../src/transforms/targets.ts";
import { smallFixtureRecords } from "./fixtures/fixture-suites.ts";

const records = smallFixtureRecords();
const pso = records.filter((r) => r.problem.name === "digits-mini" && r.learner.name === "pso");

describe("targetOutcomes", () => {
  it("leaves failed runs out and reads each target's cost", () => {
    const ladder = [0.5, 0.7, 0.85, 0.9];
    const out = targetOutcomes(pso, ladder, "flops");
    expect(pso.length).toBe(5);
    expect(out.map((o) => o.runs)).toEqual([4, 4, 4, 4]);
    for (const [t, o] of out.entries()) {
      const expected = pso
        .filter((r) => r.status !== "failed" && r.targets[t].reached)
        .map((r) => r.targets[t].flops);
      expect(o.hits).toEqual(expected);
      expect(o.successRate).toBe(expected.length / 4);
    }
    const wall = targetOutcomes(pso, ladder, "wallMs");
    expect(wall[0].hits).toEqual(
      pso.filter((r) => r.status !== "failed" && r.targets[0].reached).map((r) => r.targets[0].wallMs),
    );
  });

  it("builds the run × target hit table with null for misses", () => {
    const table = hitTable(pso, [0.5, 0.7, 0.85, 0.9], "evaluations");
    expect(table.length).toBe(4);
    for (const row of table) expect(row.length).toBe(4);
    const run = pso.find((r) => r.status !== "failed")!;
    expect(table[0]).toEqual(run.targets.map((t) => (t.reached ? t.evaluations : null)));
  });

  it("labels targets by direction", () => {
    expect(targetLabel(0.9, true)).toBe("≥ 0.9");
    expect(targetLabel(0.1, false)).toBe("≤ 0.1");
  });
});
