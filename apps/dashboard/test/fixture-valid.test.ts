import { parseReport, parseResultsFile, serializeRecord, stripMeasured } from "@arena/results";
import { describe, expect, it } from "vitest";
import {
  largeFixtureRecords,
  smallFixtureRecords,
  smallFixtureReport,
  smallFixtureResults,
} from "./fixtures/fixture-suites.ts";

describe("fixtures", () => {
  it("the small results file is valid arena.run/1, line for line", () => {
    const file = parseResultsFile(smallFixtureResults());
    expect(file.skipped).toEqual([]);
    expect(file.tornTail).toBe(false);
    expect(file.records.length).toBe(41);
    const statuses = file.records.map((r) => r.status);
    expect(statuses.filter((s) => s === "diverged").length).toBe(2);
    expect(statuses.filter((s) => s === "failed").length).toBe(2);
    // 20 checkpoints per finished run; each seed's checkpoints sit at different FLOPs.
    const adam = file.records.filter(
      (r) => r.problem.name === "digits-mini" && r.learner.name === "backprop-adam",
    );
    expect(adam.every((r) => r.trace.length === 20)).toBe(true);
    expect(adam[0].trace[5].flops).not.toBe(adam[1].trace[5].flops);
    expect(file.records.some((r) => r.trace.some((c) => c.gradNormsThroughTime !== undefined))).toBe(true);
  });

  it("is deterministic", () => {
    expect(smallFixtureRecords().map((r) => serializeRecord(r))).toEqual(
      smallFixtureRecords().map((r) => serializeRecord(r)),
    );
    expect(stripMeasured(smallFixtureRecords()[3])).toEqual(stripMeasured(smallFixtureRecords()[3]));
  });

  it("the report is valid arena.report/1 and has a significant comparison", () => {
    const r = parseReport(smallFixtureReport());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.problems.map((p) => p.problem)).toEqual(["digits-mini", "sine-regression", "parity-rnn"]);
    const digits = r.report.problems[0];
    expect(digits.comparisons.length).toBe(6);
    expect(digits.comparisons.filter((c) => c.significant).map((c) => [c.a, c.b, c.better])).toEqual([
      ["mlp-64-16-10/backprop-adam", "mlp-64-16-10/ga", "mlp-64-16-10/backprop-adam"],
    ]);
  });

  it("the large generator writes valid records in the requested number", () => {
    const records = largeFixtureRecords(40);
    expect(records.length).toBe(40);
    const file = parseResultsFile(records.map(serializeRecord).join("\n"));
    expect(file.skipped).toEqual([]);
    expect(file.records.length).toBe(40);
  });
});
