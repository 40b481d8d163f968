import type { RunRecord } from "@arena/results";
import { median } from "@arena/stats";
import type { Data, Shape } from "plotly.js";
import { describe, expect, it } from "vitest";
import { type BaselineGroup, groupRuns } from "../src/data/groups.ts";
import { loadData } from "../src/data/load-data.ts";
import { baselineLevels } from "../src/transforms/baseline-levels.ts";
import { BASELINE_COLOR, baselineLineTraces } from "../src/views/baseline-traces.ts";
import { convergenceView } from "../src/views/convergence.ts";
import { finalMetricView } from "../src/views/final-metric.ts";
import { overfittingView } from "../src/views/overfitting.ts";
import { smallFixtureRecords, smallFixtureReport, smallFixtureResults } from "./fixtures/fixture-suites.ts";
import { viewContext } from "./fixtures/view-context.ts";

const data = loadData({ results: smallFixtureResults(), report: smallFixtureReport() });
const problems = groupRuns(data.records);
const digits = problems[0];

/** A trace's fields the tests read. */
type Trace = Data & {
  name?: string;
  x?: number[];
  y?: number[];
  xaxis?: string;
  showlegend?: boolean;
  text?: string[];
  line?: { color?: string; dash?: string };
  marker?: { color?: string; symbol?: string };
};

const baselineTraces = (data: Data[]) => (data as Trace[]).filter((d) => d.name?.startsWith("baseline: "));

/** The median of the finite `key` figures of a baseline's fits, computed directly from the records. */
function medianOf(runs: RunRecord[], key: "trainMetric" | "valMetric" | "valLoss" | "trainLoss"): number {
  return median(runs.map((r) => r.final?.[key] ?? Number.NaN).filter(Number.isFinite));
}

function fakeFit(repetition: number, valMetric: number, status: RunRecord["status"] = "ok"): RunRecord {
  const base = smallFixtureRecords().find((r) => r.baseline?.method === "mean")!;
  return {
    ...base,
    repetition,
    status,
    ...(status === "failed" ? { error: { message: "x" } } : {}),
    final: { ...base.final!, valMetric },
  };
}

describe("baselineLevels", () => {
  it("takes the median over fits, leaving out failed fits and non-finite values (hand-computed)", () => {
    const group: BaselineGroup = {
      key: "baseline/mean",
      method: "mean",
      role: "trivial",
      description: "",
      label: "baseline: mean",
      runs: [fakeFit(0, 0.75), fakeFit(1, Number.NaN), fakeFit(2, 0.25), fakeFit(3, 0.1, "failed")],
    };
    expect(baselineLevels([group], "val", "metric")).toEqual([
      { key: "baseline/mean", method: "mean", label: "baseline: mean", role: "trivial", median: 0.5, n: 2 },
    ]);
    // No finite value: no level at all.
    expect(baselineLevels([{ ...group, runs: [fakeFit(1, Number.NaN)] }], "val", "metric")).toEqual([]);
  });

  it("gives ridge on classes no loss level (its loss is NaN) but a metric level", () => {
    const [majority, linear] = digits.baselines;
    expect(baselineLevels(digits.baselines, "val", "loss").map((l) => l.key)).toEqual(["baseline/majority"]);
    expect(baselineLevels(digits.baselines, "val", "metric")).toEqual([
      expect.objectContaining({
        key: "baseline/majority",
        median: medianOf(majority.runs, "valMetric"),
        n: 5,
      }),
      expect.objectContaining({ key: "baseline/linear", median: medianOf(linear.runs, "valMetric"), n: 5 }),
    ]);
  });
});

describe("baseline reference lines", () => {
  it("draw one dashed grey line per baseline and panel at its median, across the learners' grid", () => {
    const out = convergenceView.build(viewContext(problems, "digits-mini", data.report, { y: "metric" }));
    const data_ = out.figures[0].data as Trace[];
    const lines = baselineTraces(data_);
    expect(lines.map((l) => [l.name, l.xaxis, l.showlegend])).toEqual([
      ["baseline: majority", "x", true],
      ["baseline: linear", "x", true],
      ["baseline: majority", "x2", false],
      ["baseline: linear", "x2", false],
    ]);
    const [majority, linear] = digits.baselines;
    // Training panel at the training median, validation panel at the validation median.
    expect(lines.map((l) => l.y)).toEqual([
      [medianOf(majority.runs, "trainMetric"), medianOf(majority.runs, "trainMetric")],
      [medianOf(linear.runs, "trainMetric"), medianOf(linear.runs, "trainMetric")],
      [medianOf(majority.runs, "valMetric"), medianOf(majority.runs, "valMetric")],
      [medianOf(linear.runs, "valMetric"), medianOf(linear.runs, "valMetric")],
    ]);
    for (const l of lines) {
      expect(l.line?.color).toBe(BASELINE_COLOR);
      expect(l.line?.dash).toMatch(/dash/);
      expect(l.text?.at(-1)).toBe(l.name?.slice("baseline: ".length));
    }
    expect(lines[0].line?.dash).not.toBe(lines[1].line?.dash); // trivial and linear told apart
    // The line spans the learners' grid, never the baselines' zero-cost checkpoint (log x axis).
    const learnerX = data_.filter((d) => !d.name?.startsWith("baseline: ")).flatMap((d) => d.x ?? []);
    expect(lines[0].x?.[0]).toBeGreaterThan(0);
    expect(lines[0].x?.[0]).toBe(Math.min(...learnerX));
    expect(lines[0].x?.[1]).toBeGreaterThanOrEqual(Math.max(...learnerX));
  });

  it("draw a loss line only for baselines that have a loss", () => {
    const out = convergenceView.build(viewContext(problems, "digits-mini", data.report, { y: "loss" }));
    const lines = baselineTraces(out.figures[0].data);
    expect(lines.map((l) => l.name)).toEqual(["baseline: majority", "baseline: majority"]);
    expect(lines[1].y?.[0]).toBe(medianOf(digits.baselines[0].runs, "valLoss"));
  });

  it("leave out levels a log y axis cannot show", () => {
    const levels = [
      { key: "baseline/a", method: "a", label: "baseline: a", role: "trivial" as const, median: 0, n: 3 },
      { key: "baseline/b", method: "b", label: "baseline: b", role: "naive" as const, median: 0.5, n: 3 },
    ];
    const style = { showlegend: true, what: "validation rmse" };
    expect(baselineLineTraces(levels, 1, 10, { ...style, logY: true }).length).toBe(1);
    expect(baselineLineTraces(levels, 1, 10, { ...style, logY: false }).length).toBe(2);
  });

  it("draw the baselines' validation level in the overfitting view", () => {
    const out = overfittingView.build(viewContext(problems, "sine-regression", data.report, { y: "metric" }));
    const curves = out.figures.find((f) => f.id === "overfitting-curves")!;
    const sine = problems[1];
    expect(baselineTraces(curves.data).map((l) => [l.name, l.y?.[0]])).toEqual([
      ["baseline: mean", medianOf(sine.baselines[0].runs, "valMetric")],
      ["baseline: linear", medianOf(sine.baselines[1].runs, "valMetric")],
    ]);
    // Not in the gap figure: a baseline has no gap over training.
    const gap = out.figures.find((f) => f.id === "overfitting-gap")!;
    expect(baselineTraces(gap.data)).toEqual([]);
  });

  it("show the baselines as grey boxes beside the learners in the final-metric view", () => {
    const out = finalMetricView.build(viewContext(problems, "digits-mini", data.report));
    const fig = out.figures[0];
    const boxes = fig.data as Trace[];
    expect(boxes.map((b) => b.name)).toEqual([
      "backprop-adam",
      "backprop-sgd",
      "pso",
      "ga",
      "baseline: majority",
      "baseline: linear",
    ]);
    const linear = boxes[5];
    expect(linear.marker?.color).toBe(BASELINE_COLOR);
    expect(linear.marker?.symbol).toBe("diamond-open");
    expect(linear.y).toEqual(digits.baselines[1].runs.map((r) => r.final?.testMetric));
    const texts = (fig.layout.annotations ?? []).map((a) => [a.x, a.text]);
    expect(texts).toContainEqual(["baseline: majority", "trivial baseline"]);
    expect(texts).toContainEqual(["baseline: linear", "linear baseline"]);
    // A dotted rule between the 4 learners and the baselines.
    expect((fig.layout.shapes as Partial<Shape>[]).map((s) => [s.x0, s.line?.dash])).toEqual([[3.5, "dot"]]);
  });

  it("leave the views as they were for results without baselines", () => {
    const old = groupRuns(data.records.filter((r) => r.baseline === undefined));
    const ctx = viewContext(old, "digits-mini", null, { y: "metric" });
    expect(convergenceView.build(ctx).figures[0].data.length).toBe(16);
    expect(overfittingView.build(ctx).figures[0].data.length).toBe(12);
    const final = finalMetricView.build(ctx).figures[0];
    expect(final.data.length).toBe(4);
    expect(final.layout.shapes).toEqual([]);
  });
});
