import type { Report } from "@arena/results";
import { describe, expect, it } from "vitest";
import { groupRuns } from "../src/data/groups.ts";
import { loadData } from "../src/data/load-data.ts";
import { buildOverviewPage } from "../src/overview/overview-page.ts";
import { fixed2 } from "../src/overview/overview-table.ts";
import {
  smallFixtureReport,
  smallFixtureResults,
  XSS_LEARNER,
  XSS_MODEL,
} from "./fixtures/fixture-suites.ts";

const data = loadData({ results: smallFixtureResults(), report: smallFixtureReport() });
const problems = groupRuns(data.records);
const report = data.report as Report;

/** Every string anywhere in a value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v !== null && typeof v === "object") for (const x of Object.values(v)) strings(x, out);
  return out;
}

describe("the overview page", () => {
  const out = buildOverviewPage(problems, report);

  it("tabulates learners × problems from the report: score, rank, mark, aggregates and AlgoPerf scores", () => {
    const table = out.table;
    expect(table).not.toBeNull();
    expect(table?.cases.map((c) => c.label)).toEqual([
      "digits-mini",
      "sine-regression/mlp-1-16-1",
      `sine-regression/${XSS_MODEL}`,
      "parity-rnn",
    ]);
    expect(table?.cases.map((c) => c.problem)).toEqual([
      "digits-mini",
      "sine-regression",
      "sine-regression",
      "parity-rnn",
    ]);
    expect(table?.cases[0].metric).toBe("accuracy ↑");
    expect(table?.cases[1].metric).toBe("rmse ↓");
    expect(table?.scoreHeads).toEqual(["AlgoPerf score (FLOPs)", "AlgoPerf score (wall time)"]);
    const rows = table?.rows ?? [];
    expect(rows.map((r) => r.learner)).toEqual(report.overview?.learners.map((l) => l.learner));
    const adam = rows[0];
    expect(adam.learner).toBe("backprop-adam");
    expect(adam.cells[0]).toMatchObject({ normalized: "1.00", rank: "#1", mark: "best", symbol: "★" });
    expect(adam.cells[2]).toBeNull();
    expect(adam.bestOrTied).toBe("2 / 2");
    expect(adam.scores).toEqual(["0.50", "0.50"]);
    const sgd = rows.find((r) => r.learner === "backprop-sgd");
    expect(sgd?.cells[0]).toMatchObject({ rank: "#2", mark: "tied", symbol: "≈" });
    expect(rows.find((r) => r.learner === "ga")?.cells[0]).toMatchObject({ mark: "worse", symbol: "▼" });
    expect(rows.find((r) => r.learner === "pso")?.cells[1]).toMatchObject({
      mark: "undetectable",
      symbol: "?",
    });
    // Slightly below the trivial baseline: a true minus sign, two decimals.
    expect(rows.find((r) => r.learner === "random-search")?.cells[3]?.normalized).toBe("−0.00");
    expect(table?.legend).toContain("1 = the problem's best learner, 0 = its trivial baseline");
  });

  it("draws the heat map, a profile and a pooled ECDF per cost, one trace per learner, coloured by name", () => {
    const learners = report.overview?.learners.length ?? 0;
    expect(out.heatmap?.data.length).toBe(1);
    expect(out.profiles.map((f) => [f.id, f.data.length])).toEqual([
      ["profile-flops", learners],
      ["profile-wallMs", learners],
    ]);
    expect(out.ecdfs.map((f) => f.id)).toEqual(["pooled-ecdf-flops", "pooled-ecdf-wallMs"]);
    expect(out.ecdfs[0].data.length).toBe(learners);
    // One colour per learner name, the same in every figure.
    const color = (figure: (typeof out.profiles)[number], name: string) =>
      (figure.data.find((d) => (d.name ?? "").startsWith(name)) as { line: { color: string } }).line.color;
    for (const f of [...out.profiles, ...out.ecdfs]) expect(color(f, "pso")).toBe(out.colors.get("pso"));
    expect(new Set(out.colors.values()).size).toBe(out.colors.size);
    // The AlgoPerf score is in the legend.
    expect(out.profiles[0].data[0].name).toBe("backprop-adam (score 0.50)");
    expect(out.notes).toEqual([]);
  });

  it("escapes the names it hands to Plotly", () => {
    const texts = strings([out.heatmap, out.profiles, out.ecdfs]);
    expect(texts.some((t) => t.includes(XSS_LEARNER))).toBe(false);
    expect(texts.some((t) => t.includes("&lt;img src=x onerror=alert(1)&gt;"))).toBe(true);
  });

  it("says the table and profiles need report.json, and still draws the ECDFs, without one", () => {
    const bare = buildOverviewPage(problems, null);
    expect(bare.table).toBeNull();
    expect(bare.heatmap).toBeNull();
    expect(bare.profiles).toEqual([]);
    expect(bare.ecdfs.length).toBe(2);
    expect(bare.notes.join(" ")).toContain("The table and the performance profiles need report.json");
  });

  it("says the report is older than the overview when it has none", () => {
    const { overview: _o, ...old } = report;
    const out = buildOverviewPage(problems, old as Report);
    expect(out.table).toBeNull();
    expect(out.profiles).toEqual([]);
    expect(out.ecdfs.length).toBe(2);
    expect(out.notes.join(" ")).toContain("older than the overview");
  });

  it("writes scores to two decimals with a true minus and a dash for none", () => {
    expect(fixed2(0.8549)).toBe("0.85");
    expect(fixed2(-0.0023)).toBe("−0.00");
    expect(fixed2(-0.25)).toBe("−0.25");
    expect(fixed2(null)).toBe("–");
    expect(fixed2(Number.NaN)).toBe("–");
  });
});
