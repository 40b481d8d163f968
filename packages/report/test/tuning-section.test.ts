import { parseReport, type RunRecord, serializeReport } from "@arena/results";
import { describe, expect, it } from "vitest";
import { buildReport } from "../src/build-report.ts";
import { renderReportMarkdown } from "../src/render-report.ts";
import { budgetColumns, paramsText } from "../src/render-tuning.ts";
import { record } from "./fixtures/report-records.ts";

const space = { "optimizer.lr": { low: 1e-4, high: 1, scale: "log", integer: false } };

/** Trial t of learner `learner` with validation metric `val` (its test metric is set far off, 0.01). */
function trial(learner: string, t: number, val: number, status: RunRecord["status"] = "ok"): RunRecord {
  const r = record(learner, 0, val, null, status);
  return {
    ...r,
    runId: `s/p/m/${learner}~trial-${t}/0`,
    final: r.final ? { ...r.final, testMetric: 0.01 } : null,
    tuning: {
      role: "trial",
      trial: t,
      trials: 4,
      seeds: 1,
      sampler: "quasirandom",
      params: { "optimizer.lr": 10 ** -t },
      space,
    },
  };
}

// a: steady (0.8 … 0.83); b: one excellent trial among poor ones, and a diverged one.
const trials = [
  ...[0.8, 0.81, 0.82, 0.83].map((v, t) => trial("a", t, v)),
  trial("b", 0, 0.5),
  trial("b", 1, 0.95),
  trial("b", 2, 0.5),
  trial("b", 3, Number.NaN, "diverged"),
];
const finals = [0.82, 0.83, 0.84]
  .map((v, rep) => record("a", rep, v, null))
  .concat([0.9, 0.91, 0.92].map((v, rep) => record("b", rep, v, null)));

describe("the Tuning section", () => {
  const report = buildReport("s", [...trials, ...finals], { records: 14, skipped: 0, tornTail: false });
  const p = report.problems[0];

  it("keeps trials out of the rows and their tests", () => {
    expect(p.learners.map((l) => [l.key, l.runs])).toEqual([
      ["m/b", 3],
      ["m/a", 3],
    ]);
  });

  it("chooses on validation, counts outcomes and cost, and gives the exact best-of-k curve", () => {
    const [a, b] = p.tuning ?? [];
    expect(a).toMatchObject({ key: "m/a", trials: 4, ok: 4, diverged: 0, chosen: { trial: 3, score: 0.83 } });
    expect(b).toMatchObject({ key: "m/b", ok: 3, diverged: 1, chosen: { trial: 1, score: 0.95 } });
    expect(b.cost).toEqual({ runs: 4, flops: 4000, evaluations: 160, wallMs: 4000 });
    // b with k = 1: the mean of 0.5, 0.95, 0.5, −∞ is −∞; the median of one draw is 0.5.
    expect(b.bestOfK[0]).toMatchObject({ k: 1, mean: Number.NEGATIVE_INFINITY, median: 0.5 });
    // With 4 draws the best is 0.95 unless all miss it: P = (3/4)^4 ≈ 0.32 < 0.5.
    expect(b.bestOfK[3].median).toBe(0.95);
    expect(parseReport(serializeReport(report)).ok).toBe(true);
  });

  it("renders the chosen configuration, the cost and whether the ranking holds across budgets", () => {
    const md = renderReportMarkdown(report);
    expect(md).toContain("### Tuning");
    expect(md).toMatch(/\| m\/a \| trial 3: lr 0\.001 \| 0\.83 \| 4 \(0, 0\) \| 4 \| 4000 \| 4 \|/);
    expect(md).toContain("| m/b | trial 1: lr 0.1 | 0.95 | 4 (1, 0) |");
    expect(md).toContain(
      "**The ranking depends on the tuning budget**: with 1 trial m/a > m/b; with 4 trials m/b > m/a.",
    );
    expect(md).toContain("tuned: 4 trials, 4000 FLOPs (see Tuning)");
  });

  it("shows budgets 1, 2, 4, … and the last, and names parameters by their last key unless two clash", () => {
    expect(budgetColumns(16)).toEqual([1, 2, 4, 8, 16]);
    expect(budgetColumns(12)).toEqual([1, 2, 4, 8, 12]);
    expect(budgetColumns(1)).toEqual([1]);
    expect(paramsText({ "ga.mutation.sigma": 0.1, "init.sigma": 2, batchSize: 32 })).toBe(
      "ga.mutation.sigma 0.1, init.sigma 2, batchSize 32",
    );
  });
});

describe("mixedConfigRows", () => {
  it("does not count a search's trials, whose configs differ by design, as a mixed row", async () => {
    const { mixedConfigRows } = await import("../src/config-mix.ts");
    const hashed = (r: RunRecord, h: string) => ({ ...r, configHash: h });
    const rows = [
      ...trials.map((r, i) => hashed(r, `0000000${i}`)),
      ...finals.map((r) => hashed(r, "aaaaaaaa")),
    ];
    expect(mixedConfigRows(rows)).toEqual([]);
    expect(mixedConfigRows([...rows, hashed(record("a", 5, 0.5, null), "bbbbbbbb")])).toHaveLength(1);
  });
});
