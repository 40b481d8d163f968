import { parseReport, type RunRecord, serializeReport } from "@arena/results";
import { describe, expect, it } from "vitest";
import { buildReport } from "../src/build-report.ts";
import { renderReportMarkdown } from "../src/render-report.ts";
import { baselineRecord, record } from "./fixtures/report-records.ts";

/** The record moved to another problem and model (run id, seed path and names follow). */
function on(r: RunRecord, problem: string, model: string): RunRecord {
  const rest = r.runId.split("/").slice(3).join("/");
  return {
    ...r,
    runId: `s/${problem}/${model}/${rest}`,
    seedPath: `1/${problem}/${model}/${rest}`,
    problem: { ...r.problem, name: problem },
    model: r.model.name === "baseline" ? r.model : { ...r.model, name: model },
  };
}

const source = { records: 0, skipped: 0, tornTail: false };
// Problem p: a beats b on all 5 seeds (exact two-sided p = 2/252, significant after Holm); a reaches
// the target at 100…500 FLOPs (ERT 300), b never does. Trivial baseline 0.3.
const p = [
  ...[0.9, 0.92, 0.95, 0.91, 0.93].map((t, i) => record("a", i, t, (i + 1) * 100)),
  ...[0.5, 0.6, 0.55, 0.52, 0.53].map((t, i) => record("b", i, t, null)),
  ...[0, 1, 2, 3, 4].map((i) => baselineRecord("majority", "trivial", i, 0.3, 0.3)),
];
// Problem q, two models: on m1, b reaches the target at 200 FLOPs each and a at 800 (ratio 4); both
// finish at 0.85; on m2 only a runs. No baseline: the worst row is the reference.
const q = [
  ...[0, 1, 2, 3, 4].map((i) => on(record("a", i, 0.85, 800), "q", "m1")),
  ...[0, 1, 2, 3, 4].map((i) => on(record("b", i, 0.85, 200), "q", "m1")),
  ...[0.7, 0.71, 0.72, 0.73, 0.74].map((t, i) => on(record("a", i, t, null), "q", "m2")),
];

describe("the overview across problems", () => {
  const report = buildReport("s", [...p, ...q], source);
  const o = report.overview;
  const learner = (name: string) => {
    const l = o?.learners.find((x) => x.learner === name);
    if (!l) throw new Error(`no overview row for ${name}`);
    return l;
  };

  it("has one case per (problem, model), each normalised against its reference and best row", () => {
    expect(o?.cases.map((c) => c.label)).toEqual(["p", "q/m1", "q/m2"]);
    expect(o?.cases[0]).toMatchObject({
      reference: { key: "baseline/majority", median: 0.3 },
      best: { key: "m/a", median: 0.92 },
      profileTarget: 0.8,
    });
    // No trivial baseline on q: 0 is its worst row (m2/a, median 0.72); 1 its best (m1/a or m1/b, 0.85).
    expect(o?.cases[1].reference).toEqual({ key: "m2/a", median: 0.72 });
    expect(o?.cases[1].best?.median).toBe(0.85);
    expect(o?.cases[2].profileTarget).toBeNull();
  });

  it("gives each learner its cells with normalised score, rank within the case and significance mark", () => {
    const a = learner("a");
    const b = learner("b");
    expect(a.cells[0]).toMatchObject({ key: "m/a", normalized: 1, rank: 1, mark: "best" });
    expect(b.cells[0]?.normalized).toBeCloseTo((0.53 - 0.3) / (0.92 - 0.3), 12);
    expect(b.cells[0]).toMatchObject({ rank: 2, mark: "worse" });
    // q/m1: a and b tie at 0.85 (rank 1 both, not significantly different); q/m2 has only a.
    expect(a.cells[1]).toMatchObject({ normalized: 1, rank: 1 });
    expect(b.cells[1]).toMatchObject({ normalized: 1, rank: 1 });
    expect([a.cells[1]?.mark, b.cells[1]?.mark].sort()).toEqual(["best", "tied"]);
    expect(a.cells[2]).toMatchObject({ normalized: 0, rank: 1 });
    expect(b.cells[2]).toBeNull();
    expect(a.meanNormalized).toBeCloseTo(2 / 3, 12);
    expect(a.meanRank).toBe(1);
    expect(b.cases).toBe(2);
    // Own-case means favour b, absent from q/m2 where a scores 0; the order uses the common cases.
    expect(b.meanNormalized).toBeGreaterThan(a.meanNormalized ?? 1);
    expect(o?.commonCases).toEqual([0, 1]);
    expect(a.meanNormalizedCommon).toBe(1);
    expect(b.meanNormalizedCommon).toBeCloseTo((1 + (0.53 - 0.3) / (0.92 - 0.3)) / 2, 12);
    expect(o?.learners.map((l) => l.learner)).toEqual(["a", "b"]);
  });

  it("profiles the ERT to each case's target against the fastest learner, with the AlgoPerf score", () => {
    const flops = o?.profiles.find((x) => x.cost === "flops");
    // Profiled cases: p and q/m1 (q/m2 has no target reached by half the runs of a row).
    expect(flops?.cases).toEqual([0, 1]);
    const a = flops?.learners.find((l) => l.learner === "a");
    const b = flops?.learners.find((l) => l.learner === "b");
    // p: a 300 (fastest), b never. q/m1: a 800, b 200 → a's ratio 4, b's 1.
    expect(a?.ratios).toEqual([1, 4]);
    expect(b?.ratios).toEqual([Infinity, 1]);
    // AlgoPerf score, τ_max = 4: a (1 + 0)/2 = 0.5; b (0 + 1)/2 = 0.5.
    expect(a?.score).toBeCloseTo(0.5, 12);
    expect(b?.score).toBeCloseTo(0.5, 12);
  });

  it("pools the runtime ECDF over problems, targets and runs", () => {
    const e = o?.ecdf.find((x) => x.cost === "flops");
    // a: 15 runs × 1 target; hits at 100…500 (5), 800 (5), never (5) → 10/15 within 1000 FLOPs.
    expect(e?.budgets).toEqual([100, 1000]);
    const a = e?.learners.find((l) => l.learner === "a");
    expect(a?.pairs).toBe(15);
    expect(a?.fractions[0]).toBeCloseTo(1 / 15, 12);
    expect(a?.fractions[1]).toBeCloseTo(10 / 15, 12);
    const b = e?.learners.find((l) => l.learner === "b");
    expect(b?.fractions).toEqual([0, 0.5]);
  });

  it("round-trips through report.json and opens report.md", () => {
    const back = parseReport(serializeReport(report));
    expect(back.ok && back.report.overview).toEqual(o);
    const md = renderReportMarkdown(report);
    const lines = md.split("\n");
    expect(lines.indexOf("## Overview across problems")).toBeLessThan(
      lines.findIndex((l) => l.startsWith("## Verdicts")),
    );
    expect(md).toContain("| a | 1.00 (1) ★ |");
    expect(md).toContain(
      "Over the 2 of 3 cases every learner ran on, **a** has the highest mean normalised score (1.00)",
    );
    expect(md).toContain("### Performance profiles (cost to target)");
    expect(md).toContain("| a | 0.50 | 50% | 50% | 100% | 100% |");
    expect(md).toContain("| b | 0.50 | 50% | 50% | 50% | 50% |");
  });
});
