import { describe, expect, it } from "vitest";
import { groupRuns, statusCounts } from "../src/data/groups.ts";
import { smallFixtureRecords, XSS_LEARNER, XSS_MODEL } from "./fixtures/fixture-suites.ts";

describe("groupRuns", () => {
  const problems = groupRuns(smallFixtureRecords());

  it("groups by problem, then by model/learner, in order of appearance", () => {
    expect(problems.map((p) => p.name)).toEqual(["digits-mini", "sine-regression", "parity-rnn"]);
    expect(problems[0].learners.map((l) => [l.key, l.runs.length])).toEqual([
      ["mlp-64-16-10/backprop-adam", 5],
      ["mlp-64-16-10/backprop-sgd", 5],
      ["mlp-64-16-10/ga", 5],
      ["mlp-64-16-10/pso", 5],
    ]);
    expect(problems[0].targets).toEqual([0.5, 0.7, 0.85, 0.9]);
    expect(problems[1].metric).toEqual({ name: "rmse", higherIsBetter: false });
  });

  it("labels by learner name, or by the key when a problem has several models", () => {
    expect(problems[0].learners.map((l) => l.label)).toEqual(["backprop-adam", "backprop-sgd", "ga", "pso"]);
    expect(problems[1].learners.map((l) => l.label)).toEqual([
      "mlp-1-16-1/backprop-adam",
      "mlp-1-16-1/pso",
      `${XSS_MODEL}/${XSS_LEARNER}`,
    ]);
  });

  it("counts runs by status", () => {
    expect(statusCounts(problems[0].runs)).toEqual({ ok: 18, diverged: 1, failed: 1 });
    expect(statusCounts(problems[2].runs)).toEqual({ ok: 8, diverged: 1, failed: 0 });
  });
});
