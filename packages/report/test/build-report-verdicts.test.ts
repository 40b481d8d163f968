import { parseReport, serializeReport } from "@arena/results";
import { describe, expect, it } from "vitest";
import { buildReport } from "../src/build-report.ts";
import { renderReportMarkdown } from "../src/render-report.ts";
import { baselineRecord, record } from "./fixtures/report-records.ts";

const source = { records: 0, skipped: 0, tornTail: false };

/** k learners; learner i's runs sit at 0.9 − 0.1·i (+ a small per-seed spread): completely separated. */
function separated(k: number, seeds: number) {
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: seeds }, (_, s) => record(`l${i}`, s, 0.9 - 0.1 * i + 0.001 * s, null)),
  ).flat();
}

describe("buildReport verdicts", () => {
  it("says in words that 5 seeds and 10 Holm-corrected pairs can detect nothing, instead of 'no significant difference'", () => {
    const report = buildReport("s", separated(5, 5), source);
    const p = report.problems[0];
    const pairwise = p.detectability!.find((d) => d.family === "pairwise")!;
    // Smallest exact two-sided p with 5 vs 5 is 2 / C(10, 5) = 2/252; Holm multiplies it by 10.
    expect(pairwise.smallestP).toBeCloseTo(2 / 252, 12);
    expect(pairwise.smallestAdjustedP).toBeCloseTo(20 / 252, 12);
    expect(pairwise.canDetect).toBe(false);
    expect(p.comparisons.every((c) => !c.significant)).toBe(true);
    const md = renderReportMarkdown(report);
    expect(md).toMatch(
      /With 5 runs per learner and 10 Holm-corrected pairs no difference can reach α = 0\.05/,
    );
    expect(md).not.toMatch(/no significant difference/i);
  });

  it("with 10 seeds, a difference as consistent as faces SGD vs GA is significant in both families", () => {
    const report = buildReport("s", separated(5, 10), source);
    const p = report.problems[0];
    expect(p.versusBest!.control).toBe("m/l0");
    expect(p.versusBest!.comparisons).toHaveLength(4);
    expect(p.versusBest!.comparisons.every((c) => c.significant && c.better === "m/l0")).toBe(true);
    expect(p.comparisons).toHaveLength(10);
    expect(p.comparisons.every((c) => c.significant)).toBe(true);
    expect(p.detectability!.every((d) => d.canDetect)).toBe(true);
    const md = renderReportMarkdown(report);
    expect(md).toMatch(/best m\/l0 \(accuracy [\d.]+\); significantly better than 4 of 4 others/);
  });

  it("gives the Hodges–Lehmann shift of each pair with its interval, oriented a − b", () => {
    const report = buildReport("s", separated(2, 10), source);
    const c = report.problems[0].comparisons[0];
    expect(c.a).toBe("m/l0");
    // Every pairwise difference l0 − l1 is 0.1 + 0.001·(s − t); their median is 0.1.
    expect(c.shift!.estimate).toBeCloseTo(0.1, 12);
    expect(c.shift!.lo).toBeLessThan(0.1);
    expect(c.shift!.hi).toBeGreaterThan(0.1);
    expect(c.shift!.lo).toBeGreaterThan(0.09);
    expect(c.shift!.method).toBe("exact");
    // The report round-trips with the new fields.
    const back = parseReport(serializeReport(report));
    expect(back.ok && back.report.problems[0].comparisons[0].shift).toEqual(c.shift);
  });

  it("has no shift when a row holds a diverged run (no finite value to shift by)", () => {
    const rs = [...separated(2, 6), record("l1", 9, Number.NaN, null, "diverged")];
    const c = buildReport("s", rs, source).problems[0].comparisons[0];
    expect(c.shift).toBeNull();
  });

  it("puts baseline rows beside the learners, unranked, and flags learners that did not learn or lose to a baseline", () => {
    const seeds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const rs = [
      // Learned: train 0.95 against a trivial floor of 0.25.
      ...seeds.map((s) => record("good", s, 0.9, null)),
      // Stuck: train 0.25, exactly the trivial floor, so it closed none of the gap to a perfect 1.
      ...seeds.map((s) => record("stuck", s, 0.2, null)),
      ...seeds.map((s) => baselineRecord("majority", "trivial", s, 0.25, 0.25)),
      ...seeds.map((s) => baselineRecord("linear", "linear", s, 0.85, 0.8)),
    ];
    const p = buildReport("s", rs, source).problems[0];
    expect(p.learners.map((l) => l.key)).toEqual(["m/good", "m/stuck"]);
    expect(p.baselines!.map((b) => b.key)).toEqual(["baseline/majority", "baseline/linear"]);
    expect(p.baselines![1].finalTestMetric.median).toBe(0.8);
    expect(p.learners[0].didNotLearn).toEqual({ runs: 0, of: 10 });
    expect(p.learners[1].didNotLearn).toEqual({ runs: 10, of: 10 });
    expect(p.learners[0].worseThan).toEqual([]);
    expect(p.learners[1].worseThan).toEqual(["baseline/majority", "baseline/linear"]);
    // Baselines are not compared: one pair of learners only.
    expect(p.comparisons).toHaveLength(1);
    const md = renderReportMarkdown(buildReport("s", rs, source));
    expect(md).toMatch(/\| baseline \| baseline\/linear \| 10 \| 0\.8 \[0\.8, 0\.8\] \|/);
    expect(md).toMatch(
      /m\/stuck .*did not learn within the budget \(10\/10 runs\); worse than baseline\/majority, baseline\/linear/,
    );
    expect(md).toMatch(/did not learn: m\/stuck/);
  });

  it("states test = train by definition for fixed-set problems", () => {
    const rs = separated(2, 3).map((r) => ({ ...r, problem: { ...r.problem, testIsTrain: true } }));
    const report = buildReport("s", rs, source);
    expect(report.problems[0].testIsTrain).toBe(true);
    expect(renderReportMarkdown(report)).toMatch(/Test = train by definition/);
  });

  it("never ranks a failed baseline fit as a learner, and keeps the baselines that did fit", () => {
    const failed = {
      ...record("linear", 1, Number.NaN, null, "failed"),
      runId: "s/p/baseline/linear/1",
      model: { name: "baseline", spec: { kind: "baseline" } },
      error: { message: "singular" },
    };
    const rs = [
      ...separated(2, 3),
      baselineRecord("linear", "linear", 0, 0.85, 0.8),
      failed,
      baselineRecord("majority", "trivial", 0, 0.3, 0.3),
    ];
    const p = buildReport("s", rs, source).problems[0];
    expect(p.learners.map((l) => l.key)).toEqual(["m/l0", "m/l1"]);
    expect(p.baselines!.map((b) => [b.key, b.runs])).toEqual([
      ["baseline/linear", 2],
      ["baseline/majority", 1],
    ]);
  });

  it("breaks a tie of medians by the mean, so the control is the row that does best", () => {
    const at = (learner: string, values: number[]) => values.map((v, s) => record(learner, s, v, null));
    const rs = [...at("a", [1, 1, 0.5, 1, 1]), ...at("b", [1, 1, 1, 1, 0.75])];
    const p = buildReport("s", rs, source).problems[0];
    expect(p.learners.map((l) => l.rank)).toEqual([1, 1]);
    expect(p.versusBest!.control).toBe("m/b");
  });
});
