import { parseReport, serializeReport } from "@arena/results";
import { describe, expect, it } from "vitest";
import { buildReport } from "../src/build-report.ts";
import { renderReportMarkdown } from "../src/render-report.ts";
import { record } from "./fixtures/report-records.ts";

const a = [0.9, 0.92, 0.95, 0.91, 0.93].map((t, i) => record("a", i, t, (i + 1) * 100));
const b = [0.5, 0.6, 0.55, 0.52].map((t, i) => record("b", i, t, null));
const bDiverged = record("b", 4, Number.NaN, null, "diverged");

describe("buildReport", () => {
  const report = buildReport("s", [...a, ...b, bDiverged], { records: 10, skipped: 0, tornTail: false });
  const p = report.problems[0];

  it("summarises each row: median [IQR] (type 7), counts, gap, ranks", () => {
    const [ra, rb] = p.learners;
    expect(ra.key).toBe("m/a");
    expect(ra.rank).toBe(1);
    expect(rb.rank).toBe(2);
    // sorted a: 0.90 0.91 0.92 0.93 0.95 → median 0.92, q1 0.91, q3 0.93 (type 7 at 25% and 75%).
    expect(ra.finalTestMetric.median).toBeCloseTo(0.92, 12);
    expect(ra.finalTestMetric.q1).toBeCloseTo(0.91, 12);
    expect(ra.finalTestMetric.q3).toBeCloseTo(0.93, 12);
    expect(ra.finalTestMetric.medianCi).not.toBeNull();
    expect(ra.trainValGap.median).toBeCloseTo(0.05, 12);
    expect(rb).toMatchObject({ runs: 5, ok: 4, diverged: 1, failed: 0 });
    expect(rb.finalTestMetric.n).toBe(4);
  });

  it("time to target: success rate and ERT (Hansen et al. 2009) by hand", () => {
    const ta = p.learners[0].targets[0];
    // Every run of a reached 0.8: ERT = mean hit = (100+200+300+400+500)/5 = 300 FLOPs.
    expect(ta).toMatchObject({
      target: 0.8,
      runs: 5,
      successes: 5,
      successRate: 1,
      ertFlops: 300,
      medianFlops: 300,
    });
    const tb = p.learners[1].targets[0];
    expect(tb.successes).toBe(0);
    expect(tb.ertFlops).toBe(Number.POSITIVE_INFINITY);
  });

  it("compares rows by exact Mann–Whitney U, the diverged run counting as the worst value", () => {
    expect(p.comparisons).toHaveLength(1);
    const c = p.comparisons[0];
    // All 5 of a beat all 5 of b: U = 25, exact two-sided p = 2/C(10,5) = 2/252 (R: wilcox.test(a, b)).
    expect(c.u).toBe(25);
    expect(c.method).toBe("exact");
    expect(c.p).toBeCloseTo(2 / 252, 12);
    expect(c.pHolm).toBeCloseTo(2 / 252, 12);
    expect(c.a12).toBe(1);
    expect(c.significant).toBe(true);
    expect(c.better).toBe("m/a");
  });

  it("round-trips through report.json and renders markdown tables", () => {
    const back = parseReport(serializeReport(report));
    expect(back.ok).toBe(true);
    const md = renderReportMarkdown(report);
    expect(md).toContain("| 1 | m/a | 5 | 0.92 [0.91, 0.93] |");
    expect(md).toContain("5 (1 diverged)");
    expect(md).toMatch(/\| m\/a \| m\/b \| [^|]+ \| 0\.00794 \| 1 \|/);
  });
});
