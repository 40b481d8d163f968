import { isTrialRecord } from "@arena/results";
import { describe, expect, it } from "vitest";
import { groupRuns } from "../src/data/groups.ts";
import { loadData } from "../src/data/load-data.ts";
import { loadNotes } from "../src/data/load-notes.ts";
import { VIEWS } from "../src/views/all-views.ts";
import { tunedFixtureRecords, tunedFixtureResults } from "./fixtures/tuned-fixture.ts";
import { viewContext } from "./fixtures/view-context.ts";

describe("tuning trials are kept out of every other view", () => {
  const records = tunedFixtureRecords();
  const [moons] = groupRuns(records);

  it("groupRuns puts the trials in `tuned` only; the final runs are the learner's runs", () => {
    expect(moons.learners.map((l) => [l.key, l.runs.length])).toEqual([
      ["mlp-2-8-2/pso", 3],
      ["mlp-2-8-2/sgd", 3],
      ["mlp-2-8-2/ga", 3],
    ]);
    expect(moons.runs.some(isTrialRecord)).toBe(false);
    expect(moons.learners.flatMap((l) => l.runs).some(isTrialRecord)).toBe(false);
    expect(moons.tuned.map((t) => [t.key, t.label, t.trials.length, t.finals.length])).toEqual([
      ["mlp-2-8-2/sgd", "sgd", 12, 3],
      ["mlp-2-8-2/ga", "ga", 12, 3],
    ]);
    expect(moons.tuned.every((t) => t.trials.every(isTrialRecord))).toBe(true);
    expect(moons.tuned[0].trials[0].runId).toBe("tuned/moons/mlp-2-8-2/sgd~trial-00/0");
  });

  it("every view but Tuning draws exactly what it draws without the trial records", () => {
    const without = groupRuns(records.filter((r) => !isTrialRecord(r)));
    for (const state of [{}, { y: "metric" as const, seeds: true }]) {
      const a = viewContext([moons], "moons", null, state);
      const b = viewContext(without, "moons", null, state);
      for (const view of VIEWS.filter((v) => v.id !== "tuning")) expect(view.build(a)).toEqual(view.build(b));
    }
  });

  it("the filters' learner list (the problem's learners) has no trial names", () => {
    const labels = moons.learners.map((l) => l.label);
    expect(labels).toEqual(["pso", "sgd", "ga"]);
    expect(labels.some((l) => l.includes("~trial"))).toBe(false);
  });

  it("the notes count trial runs apart from the runs", () => {
    const notes = loadNotes(loadData({ results: tunedFixtureResults() }));
    expect(notes[0].text).toBe(
      "9 runs loaded from results.jsonl (9 ok, 0 diverged, 0 failed) across 1 problem, and 24 tuning trial runs (shown in the Tuning view only).",
    );
    expect(notes.map((n) => n.text)).toContain(
      "1 run failed with an error (1 of them a tuning trial); failed runs are left out of the statistics, as in the report.",
    );
  });
});
