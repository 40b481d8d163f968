import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataFilePath } from "@arena/datasets";
import { parseResultsFile } from "@arena/results";
import { describe, expect, it } from "vitest";
import { arena, tmp } from "./arena-cli.ts";

const airline = dataFilePath("airline_passengers.csv");
const forecastFlags = ["--task", "forecast", "--column", "passengers", "--window", "12", "--period", "12"];

describe("arena run --data FILE --task forecast", { timeout: 300_000 }, () => {
  it("forecasts a real monthly series with an MLP and recurrent nets, beside naive, seasonal naive and AR(12)", () => {
    const out = tmp("arena-forecast-");
    // Two slices of the plan into one folder (the second resumes the first): every model trained by
    // Adam on the first repetition, and every baseline.
    const learned = arena(["run", "--data", airline, ...forecastFlags, "--filter", "*/adam/0", "--out", out]);
    expect(learned.stderr).not.toMatch(/Error/);
    expect(learned.code).toBe(0);
    const baselines = arena([
      "run",
      "--data",
      airline,
      ...forecastFlags,
      "--filter",
      "*/baseline/*",
      "--out",
      out,
    ]);
    expect(baselines.code).toBe(0);
    expect(baselines.stdout).toMatch(/report: .*report\.md/);

    const file = parseResultsFile(readFileSync(join(out, "results.jsonl"), "utf8"));
    const models = new Set(file.records.filter((r) => !r.baseline).map((r) => r.model.name));
    expect(models).toEqual(new Set(["mlp-12-8-1", "rnn-16", "lstm-16", "gru-16"]));
    const methods = file.records.filter((r) => r.baseline).map((r) => r.learner.name);
    expect(new Set(methods)).toEqual(new Set(["mean", "naive", "seasonal-naive", "linear"]));
    expect(file.records.every((r) => r.status === "ok" && r.metric.name === "rmse")).toBe(true);
    // The baselines need no budget; the learners spent theirs and no more.
    for (const r of file.records) {
      if (r.baseline) expect(r.cost.flops).toBe(0);
      else expect(r.cost.flops).toBeLessThanOrEqual(1e8);
    }
    const md = readFileSync(join(out, "report.md"), "utf8");
    for (const row of ["gru-16/adam", "baseline/naive", "baseline/seasonal-naive", "baseline/linear"]) {
      expect(md).toContain(`| ${row} |`);
    }
    expect(existsSync(join(out, "dashboard", "index.html"))).toBe(true);
  });

  it.each([
    ["a missing column", "month,passengers\n1949-01,112\n", "riders", /riders/],
    [
      "a non-numeric value",
      null,
      "passengers",
      /series\.csv:5:2: not a number in column "passengers", got "n\/a"/,
    ],
    [
      "too few rows for the window",
      "month,passengers\n1949-01,112\n1949-02,118\n1949-03,132\n",
      "passengers",
      /rows/,
    ],
  ] as const)(
    "refuses %s with exit 2, naming the file, and writes nothing",
    (_what, text, column, message) => {
      const dir = tmp("arena-forecast-");
      const csv = join(dir, "series.csv");
      const lines = readFileSync(airline, "utf8").split("\n");
      lines[4] = "1949-04,n/a";
      writeFileSync(csv, text ?? lines.join("\n"));
      const out = join(dir, "out");
      const r = arena([
        "run",
        "--data",
        csv,
        "--task",
        "forecast",
        "--column",
        column,
        "--window",
        "12",
        "--out",
        out,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/series\.csv/);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(out, "results.jsonl"))).toBe(false);
    },
  );

  it("refuses flags that do not belong to the task", () => {
    const r = arena([
      "run",
      "--data",
      airline,
      "--task",
      "forecast",
      "--label",
      "passengers",
      "--out",
      tmp("arena-forecast-"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--label does not apply to --task forecast/);
    const r2 = arena([
      "run",
      "--data",
      airline,
      "--task",
      "regression",
      "--window",
      "3",
      "--out",
      tmp("arena-forecast-"),
    ]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--window does not apply to --task regression/);
  });
});
