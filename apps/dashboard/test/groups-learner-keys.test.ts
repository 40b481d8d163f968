import type { RunRecord } from "@arena/results";
import { isBaselineRecord } from "@arena/results";
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
    expect(statusCounts(problems[2].runs)).toEqual({ ok: 11, diverged: 1, failed: 0 });
  });
});

describe("groupRuns with baselines", () => {
  const records = smallFixtureRecords();
  const problems = groupRuns(records);

  it("keeps baseline fits apart from the learners, in order of appearance", () => {
    expect(problems.map((p) => p.baselines.map((b) => [b.key, b.label, b.role, b.runs.length]))).toEqual([
      [
        ["baseline/majority", "baseline: majority", "trivial", 5],
        ["baseline/linear", "baseline: linear", "linear", 5],
      ],
      [
        ["baseline/mean", "baseline: mean", "trivial", 4],
        ["baseline/linear", "baseline: linear", "linear", 4],
      ],
      [
        ["baseline/majority", "baseline: majority", "trivial", 3],
        ["baseline/linear", "baseline: linear", "linear", 3],
      ],
    ]);
    for (const p of problems) {
      expect(p.learners.some((l) => l.model === "baseline" || isBaselineRecord(l.runs[0]))).toBe(false);
      expect(p.runs.some(isBaselineRecord)).toBe(false);
      expect(p.baselines.every((b) => b.runs.every(isBaselineRecord))).toBe(true);
    }
    expect(problems[2].learners.map((l) => l.label)).toEqual([
      "bptt-adam",
      "bptt-sgd-noclip",
      "ga",
      "random-search",
    ]);
    expect(problems[0].baselines[1].description).toMatch(/^ridge least squares on one-hot targets/);
  });

  it("takes the target ladder from the learners and marks a problem whose test is its train set", () => {
    expect(problems.map((p) => p.targets)).toEqual([
      [0.5, 0.7, 0.85, 0.9],
      [0.5, 0.25, 0.12],
      [0.6, 0.75, 0.9],
    ]);
    expect(problems.map((p) => p.testIsTrain)).toEqual([false, false, true]);
  });

  it("counts a failed baseline fit (written without its baseline field) as a baseline", () => {
    const fit = records.find((r) => r.baseline?.method === "linear" && r.problem.name === "digits-mini")!;
    const failed: RunRecord = {
      ...fit,
      repetition: 5,
      status: "failed",
      error: { message: "singular system" },
      trace: [],
      final: null,
      best: null,
      baseline: undefined,
    };
    delete failed.baseline;
    const [digits] = groupRuns([...records, failed]);
    expect(digits.learners.map((l) => l.key)).not.toContain("baseline/linear");
    const linear = digits.baselines.find((b) => b.key === "baseline/linear");
    expect(linear?.runs.length).toBe(6);
    expect(linear?.role).toBe("linear");
    // A method whose every fit failed is still a baseline, without a role.
    const [alone] = groupRuns([{ ...failed, learner: { name: "seasonal-naive", config: {} } }]);
    expect(alone.learners).toEqual([]);
    expect(alone.baselines.map((b) => [b.key, b.role, b.label])).toEqual([
      ["baseline/seasonal-naive", null, "baseline: seasonal-naive"],
    ]);
  });

  it("gives no baselines for results written before them", () => {
    const old = groupRuns(records.filter((r) => r.baseline === undefined));
    expect(old.map((p) => p.baselines)).toEqual([[], [], []]);
    expect(old.map((p) => p.learners.map((l) => l.label))).toEqual(
      problems.map((p) => p.learners.map((l) => l.label)),
    );
    expect(old.map((p) => p.testIsTrain)).toEqual([false, false, true]);
  });
});
