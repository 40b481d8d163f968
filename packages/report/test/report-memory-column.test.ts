import { parseReport, type RunRecord, serializeReport } from "@arena/results";
import { describe, expect, it } from "vitest";
import { buildReport } from "../src/build-report.ts";
import { renderReportMarkdown } from "../src/render-report.ts";
import { record } from "./fixtures/report-records.ts";

const MIB = 1024 * 1024;

/** A record of learner `learner` whose run peaked at `heap` and `rss` MiB. */
function measured(learner: string, rep: number, heap: number, rss: number): RunRecord {
  const r = record(learner, rep, 0.9, null);
  return { ...r, measured: { ...r.measured, peakHeapBytes: heap * MIB, peakRssBytes: rss * MIB } };
}

const source = { records: 6, skipped: 0, tornTail: false };

describe("peak memory per learner row", () => {
  it("summarises the runs' peak heap and RSS in report.json, and survives the round trip", () => {
    const rs = [measured("a", 0, 40, 300), measured("a", 1, 60, 320), measured("a", 2, 50, 310)];
    const row = buildReport("s", rs, source).problems[0].learners[0];
    expect(row.peakHeapBytes).toMatchObject({ n: 3, median: 50 * MIB, min: 40 * MIB, max: 60 * MIB });
    expect(row.peakRssBytes).toMatchObject({ n: 3, median: 310 * MIB });
    const back = parseReport(serializeReport(buildReport("s", rs, source)));
    expect(back.ok && back.report.problems[0].learners[0].peakRssBytes?.median).toBe(310 * MIB);
  });

  it("shows the medians in MiB in report.md's table, and a dash where nothing was measured", () => {
    const rs = [
      measured("a", 0, 40, 300),
      measured("a", 1, 60, 320),
      record("b", 0, 0.5, null),
      record("b", 1, 0.6, null),
    ];
    const report = buildReport("s", rs, source);
    expect(report.problems[0].learners.find((l) => l.learner === "b")?.peakHeapBytes).toBeUndefined();
    const md = renderReportMarkdown(report);
    expect(md).toContain("| train wall s | peak MiB heap / RSS | notes |");
    const rowA = md.split("\n").find((l) => l.includes("| m/a |")) ?? "";
    expect(rowA).toContain("| 50 / 310 |");
    const rowB = md.split("\n").find((l) => l.includes("| m/b |")) ?? "";
    expect(rowB.split("|").map((c) => c.trim())).toContain("–");
  });

  it("reads a report.json written before the field existed", () => {
    const old = buildReport("s", [record("a", 0, 0.9, null)], source);
    expect(old.problems[0].learners[0].peakHeapBytes).toBeUndefined();
    expect(parseReport(serializeReport(old)).ok).toBe(true);
  });
});
