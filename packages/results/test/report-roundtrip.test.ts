import { describe, expect, it } from "vitest";
import {
  EMPTY_SUMMARY,
  parseReport,
  RecordSchemaError,
  type Report,
  type Summary,
  serializeReport,
} from "../src/index.ts";

function summary(median: number, n = 10): Summary {
  return {
    n,
    median,
    q1: median - 0.01,
    q3: median + 0.01,
    iqr: 0.02,
    mean: median,
    sd: 0.015,
    min: median - 0.03,
    max: median + 0.03,
    medianCi: { lo: median - 0.012, hi: median + 0.011 },
  };
}

function sampleReport(): Report {
  const row = (learner: string, rank: number, m: number) => ({
    key: `mlp-64-32/${learner}`,
    model: "mlp-64-32",
    learner,
    runs: 10,
    ok: 10,
    diverged: 0,
    failed: 0,
    rank,
    finalTestMetric: summary(m),
    bestValMetric: summary(m + 0.01),
    testAtBestVal: summary(m - 0.002),
    trainValGap: summary(0.04),
    flops: summary(1.386e10),
    wallMs: summary(2600),
    targets: [
      {
        target: 0.9,
        runs: 10,
        successes: learner === "pso" ? 0 : 9,
        successRate: learner === "pso" ? 0 : 0.9,
        ertFlops: learner === "pso" ? Number.POSITIVE_INFINITY : 8.1e9,
        ertEvaluations: learner === "pso" ? Number.POSITIVE_INFINITY : 3500,
        ertWallMs: learner === "pso" ? Number.POSITIVE_INFINITY : 1500,
        medianFlops: learner === "pso" ? null : 7.9e9,
        medianWallMs: learner === "pso" ? null : 1450,
      },
    ],
  });
  return {
    schema: "arena.report/1",
    suite: "default",
    generatedAt: "2025-01-15T11:00:00.000Z",
    source: { records: 20, skipped: 1, tornTail: false },
    settings: { confidence: 0.95, alpha: 0.05, bootstrapResamples: 10_000, bootstrapSeed: "42/report" },
    problems: [
      {
        problem: "digits",
        metric: { name: "accuracy", higherIsBetter: true },
        targets: [0.9],
        learners: [row("backprop-adam", 1, 0.95), row("pso", 2, 0.8)],
        comparisons: [
          {
            a: "mlp-64-32/backprop-adam",
            b: "mlp-64-32/pso",
            u: 100,
            z: null,
            p: 1.0825088224469026e-5,
            pHolm: 1.0825088224469026e-5,
            method: "exact",
            a12: 1,
            significant: true,
            better: "mlp-64-32/backprop-adam",
          },
        ],
      },
    ],
  };
}

describe("report.json", () => {
  it("round-trips, infinite ERT included", () => {
    const report = sampleReport();
    report.problems[0].learners[1].bestValMetric = { ...EMPTY_SUMMARY };
    const text = serializeReport(report);
    expect(text).toContain('"ertFlops": "Infinity"');
    const back = parseReport(text);
    expect(back.ok).toBe(true);
    if (back.ok) {
      expect(back.report).toEqual(report);
      expect(back.report.problems[0].learners[1].targets[0].ertFlops).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it("names the path and value of a bad field, and refuses other versions", () => {
    const stored = JSON.parse(serializeReport(sampleReport()));
    stored.problems[0].comparisons[0].pHolm = 1.5;
    const r = parseReport(JSON.stringify(stored));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^problems\[0\]\.comparisons\[0\]\.pHolm: .*got 1\.5$/);
    stored.schema = "arena.report/7";
    const v = parseReport(JSON.stringify(stored));
    expect(v.ok || v.error.kind).toBe("version");
    const j = parseReport("{");
    expect(j.ok || j.error.kind).toBe("json");
  });

  it("serializeReport refuses a broken report", () => {
    const report = sampleReport();
    report.problems[0].learners[0].rank = 0;
    expect(() => serializeReport(report)).toThrow(RecordSchemaError);
    expect(() => serializeReport(report)).toThrow("problems[0].learners[0].rank");
  });
});
