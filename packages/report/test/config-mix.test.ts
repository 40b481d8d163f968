import { describe, expect, it } from "vitest";
import { buildReport } from "../src/build-report.ts";
import { mixedConfigRows, mixedConfigWarning } from "../src/config-mix.ts";
import { renderReportMarkdown } from "../src/render-report.ts";
import { record } from "./fixtures/report-records.ts";

const withHash = (hash: string | undefined, learner: string, rep: number) => {
  const r = record(learner, rep, 0.9, null);
  return hash === undefined ? r : { ...r, configHash: hash };
};

describe("mixedConfigRows", () => {
  it("names the rows whose runs carry different config hashes, with their counts", () => {
    const records = [
      withHash("aaaaaaaa", "adam", 0),
      withHash("aaaaaaaa", "adam", 1),
      withHash("bbbbbbbb", "adam", 2),
      withHash("cccccccc", "pso", 0),
      withHash("cccccccc", "pso", 1),
    ];
    const mixed = mixedConfigRows(records);
    expect(mixed).toEqual([
      {
        problem: "p",
        row: "m/adam",
        hashes: [
          { hash: "aaaaaaaa", runs: 2 },
          { hash: "bbbbbbbb", runs: 1 },
        ],
      },
    ]);
    expect(mixedConfigWarning(mixed[0])).toBe(
      "p, row m/adam: its runs were made with different settings (config hashes: aaaaaaaa × 2, bbbbbbbb × 1), " +
        "and its statistics pool them; rerun the suite with --rerun-changed, or into a new --out",
    );
    const report = buildReport("s", records, { records: 5, skipped: 0, tornTail: false });
    const md = renderReportMarkdown(report, mixed.map(mixedConfigWarning));
    expect(md).toMatch(/^# Arena report: s\n\n> \*\*Warning:\*\* p, row m\/adam: .*--out\.\n\n/);
    expect(renderReportMarkdown(report)).not.toMatch(/Warning/);
  });

  it("flags a row mixing hashed and older unhashed records, not rows of old records only", () => {
    expect(mixedConfigRows([withHash(undefined, "a", 0), withHash(undefined, "a", 1)])).toEqual([]);
    const mixed = mixedConfigRows([withHash(undefined, "a", 0), withHash("aaaaaaaa", "a", 1)]);
    expect(mixed.map(mixedConfigWarning)[0]).toMatch(
      /config hashes: (none × 1, aaaaaaaa × 1|aaaaaaaa × 1, none × 1)\)/,
    );
  });
});
