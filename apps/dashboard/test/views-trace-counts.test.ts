import { describe, expect, it } from "vitest";
import { groupRuns, type ProblemGroup } from "../src/data/groups.ts";
import { loadData } from "../src/data/load-data.ts";
import { DEFAULT_VIEW_STATE, type ViewState } from "../src/state/view-state.ts";
import { VIEWS } from "../src/views/all-views.ts";
import { colorMap } from "../src/views/figure-style.ts";
import type { ViewContext, ViewOutput } from "../src/views/view.ts";
import { smallFixtureReport, smallFixtureResults } from "./fixtures/fixture-suites.ts";

const data = loadData({ results: smallFixtureResults(), report: smallFixtureReport() });
const problems = groupRuns(data.records);

function build(
  problemName: string,
  state: Partial<ViewState> = {},
  withReport = true,
): Record<string, ViewOutput> {
  const problem = problems.find((p) => p.name === problemName) as ProblemGroup;
  const s = { ...DEFAULT_VIEW_STATE, ...state };
  const ctx: ViewContext = {
    problem,
    learners: problem.learners.filter((l) => s.learners === null || s.learners.includes(l.key)),
    state: s,
    report: withReport ? (data.report?.problems.find((p) => p.problem === problemName) ?? null) : null,
    reportLoaded: withReport,
    alpha: withReport ? 0.05 : null,
    colors: colorMap(problem.learners.map((l) => l.key)),
  };
  return Object.fromEntries(VIEWS.map((v) => [v.id, v.build(ctx)]));
}

function traces(out: Record<string, ViewOutput>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of Object.values(out)) for (const f of o.figures) counts[f.id] = f.data.length;
  return counts;
}

/** Every string anywhere in a value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v !== null && typeof v === "object") for (const x of Object.values(v)) strings(x, out);
  return out;
}

describe("views on the small fixture", () => {
  it("draw the expected traces for a classification problem with 4 learners", () => {
    // convergence: 2 panels × 4 learners × (band + median), plus the majority baseline's loss line in
    // each panel (ridge on classes has no loss); overfitting: train, val, best markers, and the
    // majority's validation loss; gap: band + median; cost: FLOPs and wall-time boxes; final: 4
    // learners and 2 baselines; gradients: 2 gradient learners × 2 layers.
    expect(traces(build("digits-mini"))).toEqual({
      convergence: 16 + 2,
      "overfitting-curves": 12 + 1,
      "overfitting-gap": 8,
      "cost-to-target": 8,
      "success-rate": 4,
      ecdf: 4,
      "final-metric": 4 + 2,
      "grad-norms": 4,
    });
  });

  it("add one seeds trace per learner and panel on demand, and follow the learner filter", () => {
    const keys = ["mlp-64-16-10/backprop-adam", "mlp-64-16-10/ga"];
    const out = build("digits-mini", { seeds: true, learners: keys });
    expect(traces(out).convergence).toBe(2 * 2 * 3 + 2);
    expect(traces(out).ecdf).toBe(2);
  });

  it("draw one heat map per recurrent learner", () => {
    const out = build("parity-rnn");
    const heat = out.gradients.figures.filter((f) => f.id.startsWith("grad-through-time-"));
    expect(heat.map((f) => [f.data.length, f.data[0].type])).toEqual([
      [1, "heatmap"],
      [1, "heatmap"],
    ]);
    expect(out.gradients.notes.some((n) => n.includes("non-finite gradient norm"))).toBe(true);
  });

  it("mark the report's significant comparison and rank", () => {
    const out = build("digits-mini", { y: "metric" });
    const final = out.final;
    const pairwise = final.tables.find((t) => t.id === "pairwise");
    expect(pairwise?.rows.filter((r) => r.strong).map((r) => r.cells.slice(0, 2))).toEqual([
      ["backprop-adam", "ga"],
    ]);
    const ann = (final.figures[0].layout.annotations ?? []).map((a) => a.text);
    expect(ann).toContain("rank 1 · ★ beats 1");
  });

  it("say that significance needs report.json when it is not loaded", () => {
    const out = build("digits-mini", {}, false);
    expect(out.final.tables).toEqual([]);
    expect(out.final.notes.some((n) => n.startsWith("Significance needs report.json"))).toBe(true);
  });

  it("never hand Plotly a user string with a raw tag", () => {
    for (const p of problems) {
      for (const state of [{}, { seeds: true, y: "metric" as const }]) {
        const out = build(p.name, state);
        for (const o of Object.values(out)) {
          for (const f of o.figures) {
            for (const s of strings([f.data, f.layout])) expect(s).not.toMatch(/<img|<script/i);
          }
        }
      }
    }
    const sine = build("sine-regression");
    const names = sine.convergence.figures[0].data.map((d) => (d as { name?: string }).name);
    expect(names).toContain("mlp-1-16-1/backprop-adam");
    expect(names.some((n) => n?.includes("&lt;img src=x onerror=alert(1)&gt;"))).toBe(true);
  });
});
