import { isTrialRecord, parseReport, parseResultsFile, serializeRecord, stripMeasured } from "@arena/results";
import { describe, expect, it } from "vitest";
import {
  largeFixtureRecords,
  smallFixtureRecords,
  smallFixtureReport,
  smallFixtureResults,
} from "./fixtures/fixture-suites.ts";
import { tunedFixtureReport, tunedFixtureResults } from "./fixtures/tuned-fixture.ts";

describe("fixtures", () => {
  it("the small results file is valid arena.run/1, line for line", () => {
    const file = parseResultsFile(smallFixtureResults());
    expect(file.skipped).toEqual([]);
    expect(file.tornTail).toBe(false);
    // 44 learner runs and 24 baseline fits (2 baselines per problem, one fit per repetition).
    expect(file.records.length).toBe(68);
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

  it("has baseline fits as the harness writes them: one checkpoint at zero cost, after the learners", () => {
    const records = parseResultsFile(smallFixtureResults()).records;
    const fits = records.filter((r) => r.baseline !== undefined);
    expect(fits.length).toBe(24);
    expect(new Set(fits.map((r) => `${r.problem.name}/${r.learner.name}/${r.baseline?.role}`))).toEqual(
      new Set([
        "digits-mini/majority/trivial",
        "digits-mini/linear/linear",
        "sine-regression/mean/trivial",
        "sine-regression/linear/linear",
        "parity-rnn/majority/trivial",
        "parity-rnn/linear/linear",
      ]),
    );
    for (const r of fits) {
      expect(r.model.name).toBe("baseline");
      expect(r.learner.name).toBe(r.baseline?.method);
      expect(r.trace.map((c) => [c.step, c.flops])).toEqual([[0, 0]]);
      expect(r.cost).toEqual({ steps: 0, flops: 0, evaluations: 0 });
    }
    // Ridge least squares on classes has no loss.
    const linearDigits = fits.find((r) => r.problem.name === "digits-mini" && r.learner.name === "linear");
    expect(Number.isNaN(linearDigits?.final?.valLoss)).toBe(true);
    // Parity is a fixed set of points: every record of it says so, and only those.
    expect(
      records.filter((r) => r.problem.testIsTrain === true).every((r) => r.problem.name === "parity-rnn"),
    ).toBe(true);
    expect(records.filter((r) => r.problem.name === "parity-rnn").every((r) => r.problem.testIsTrain)).toBe(
      true,
    );
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

  it("the report has the baselines, the versus-best family, shifts, detectability and the learner flags", () => {
    const r = parseReport(smallFixtureReport());
    if (!r.ok) throw new Error("the fixture report is not valid");
    expect(r.report.settings.shiftConfidence).toBe(0.95);
    expect(r.report.settings.learnedFraction).toBe(0.05);
    const [digits, sine, parity] = r.report.problems;
    expect(digits.baselines?.map((b) => [b.key, b.role, b.runs])).toEqual([
      ["baseline/majority", "trivial", 5],
      ["baseline/linear", "linear", 5],
    ]);
    // Baselines are no learner rows and take part in no comparison.
    expect(digits.learners.some((l) => l.key.startsWith("baseline/"))).toBe(false);
    expect(digits.comparisons.some((c) => c.a.startsWith("baseline/") || c.b.startsWith("baseline/"))).toBe(
      false,
    );
    expect(digits.versusBest?.control).toBe("mlp-64-16-10/backprop-adam");
    expect(digits.versusBest?.comparisons.map((c) => [c.b, c.significant])).toEqual([
      ["mlp-64-16-10/backprop-sgd", false],
      ["mlp-64-16-10/pso", true],
      ["mlp-64-16-10/ga", true],
    ]);
    // A row with a diverged run has no shift; the others have one whose interval holds the estimate.
    expect(digits.versusBest?.comparisons[0].shift).toBeNull();
    for (const c of digits.versusBest?.comparisons.slice(1) ?? []) {
      expect(c.shift?.lo).toBeLessThanOrEqual(c.shift?.estimate ?? Number.NaN);
      expect(c.shift?.hi).toBeGreaterThanOrEqual(c.shift?.estimate ?? Number.NaN);
    }
    expect(digits.learners.map((l) => l.worseThan)).toEqual([
      [],
      [],
      ["baseline/linear"],
      ["baseline/linear"],
    ]);
    // With 4 and 3 runs a side, the sine problem's families cannot reach α; digits' can.
    expect(digits.detectability?.map((d) => d.canDetect)).toEqual([true, true]);
    expect(sine.detectability?.map((d) => [d.family, d.comparisons, d.minRuns, d.canDetect])).toEqual([
      ["versus-best", 2, 3, false],
      ["pairwise", 3, 3, false],
    ]);
    expect(parity.testIsTrain).toBe(true);
    expect(digits.testIsTrain).toBe(false);
    const random = parity.learners.find((l) => l.learner === "random-search");
    expect(random?.didNotLearn).toEqual({ runs: 2, of: 3 });
    expect(random?.worseThan).toEqual(["baseline/majority"]);
  });

  it("the tuned fixture is valid arena.run/1: trials as the harness writes them, and a report without them", () => {
    const file = parseResultsFile(tunedFixtureResults());
    expect(file.skipped).toEqual([]);
    expect(file.records.length).toBe(33);
    const trials = file.records.filter(isTrialRecord);
    expect(trials.length).toBe(24);
    // The trial is in the run id only; the learner keeps its name, so trials and finals share a key.
    expect(trials[6].runId).toBe("tuned/moons/mlp-2-8-2/sgd~trial-03/0");
    expect(trials[6].learner.name).toBe("sgd");
    expect(trials[6].tuning?.params).toEqual({ "optimizer.lr": 0.000562, batchSize: 16 });
    expect(trials.map((r) => r.status).filter((s) => s !== "ok")).toEqual(["diverged", "failed"]);
    const finals = file.records.filter((r) => r.tuning?.role === "final");
    expect(finals.map((r) => [r.learner.name, r.tuning?.trial, r.tuning?.cost?.runs])).toEqual([
      ["sgd", 4, 12],
      ["sgd", 4, 12],
      ["sgd", 4, 12],
      ["ga", 0, 12],
      ["ga", 0, 12],
      ["ga", 0, 12],
    ]);
    const report = parseReport(tunedFixtureReport());
    if (!report.ok) throw new Error(report.error.message);
    // Its rows hold the final runs only (in rank order).
    expect(report.report.problems[0].learners.map((l) => [l.key, l.runs]).sort()).toEqual([
      ["mlp-2-8-2/ga", 3],
      ["mlp-2-8-2/pso", 3],
      ["mlp-2-8-2/sgd", 3],
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
