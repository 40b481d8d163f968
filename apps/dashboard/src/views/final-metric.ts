import type { RunRecord } from "@arena/results";
import type { Annotations, Data, Shape } from "plotly.js";
import { plotlyText } from "../ui/plotly-text.ts";
import { BASELINE_COLOR } from "./baseline-traces.ts";
import {
  didNotLearnFlag,
  pairwiseTable,
  rowsTable,
  type TableOptions,
  undetectableNote,
  versusBestTable,
} from "./comparison-tables.ts";
import { axis, baseLayout, withAlpha } from "./figure-style.ts";
import type { TableSpec, ViewContext, ViewOutput, ViewSpec } from "./view.ts";

/** The finite final test metrics of some runs, with their repetitions; `missing` counts the others. */
function finalValues(runs: RunRecord[]): { y: number[]; seeds: number[]; missing: number } {
  const y: number[] = [];
  const seeds: number[] = [];
  let missing = 0;
  for (const r of runs) {
    const v = r.final?.testMetric;
    if (v === undefined || !Number.isFinite(v)) {
      missing++;
      continue;
    }
    y.push(v);
    seeds.push(r.repetition);
  }
  return { y, seeds, missing };
}

/** Warning colour of the flags above a box (did not learn, worse than a baseline). */
const FLAG_COLOR = "#9a6700";

function build(ctx: ViewContext): ViewOutput {
  const { problem, report } = ctx;
  const notes: string[] = [];
  const tables: TableSpec[] = [];
  if (ctx.learners.length === 0) return { figures: [], notes: ["No learner selected."], tables };
  if (problem.testIsTrain || report?.testIsTrain === true) {
    notes.push(
      "Test = train by definition: this problem is a fixed set of points (such as XOR or parity), so its test figures measure fit, not generalisation.",
    );
  }
  // Always the metric: it is what the report ranks and tests, whatever the y filter says.
  // In the report's rank order when it is there, so the best learner comes first.
  const learners = [...ctx.learners];
  if (report !== null) {
    // The report's row order: by rank, ties as the report breaks them (so boxes and tables agree).
    const order = new Map(report.learners.map((r, i) => [r.key, i]));
    learners.sort(
      (a, b) => (order.get(a.key) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.key) ?? Number.MAX_SAFE_INTEGER),
    );
  }
  let missing = 0;
  let categories = 0;
  const data: Data[] = learners.map((l) => {
    const v = finalValues(l.runs);
    missing += v.missing;
    if (v.y.length > 0) categories++;
    const color = ctx.colors.get(l.key) ?? "#333";
    return {
      type: "box",
      name: plotlyText(l.label),
      x: v.y.map(() => plotlyText(l.label)),
      y: v.y,
      customdata: v.seeds,
      boxpoints: "all",
      jitter: 0.4,
      pointpos: 0,
      marker: { color, size: 6 },
      line: { color },
      legendgroup: plotlyText(l.key),
      hovertemplate: "seed %{customdata}: %{y:.4g}<extra>%{fullData.name}</extra>",
    };
  });
  // The baselines beside the learners, in grey with open diamonds: references, not competitors.
  const baselines = problem.baselines
    .map((b) => ({ b, v: finalValues(b.runs) }))
    .filter(({ v }) => v.y.length > 0);
  for (const { b, v } of baselines) {
    data.push({
      type: "box",
      name: plotlyText(b.label),
      x: v.y.map(() => plotlyText(b.label)),
      y: v.y,
      customdata: v.seeds,
      boxpoints: "all",
      jitter: 0.4,
      pointpos: 0,
      marker: { color: BASELINE_COLOR, size: 7, symbol: "diamond-open" },
      line: { color: BASELINE_COLOR, width: 1 },
      fillcolor: withAlpha(BASELINE_COLOR, 0.1),
      legendgroup: plotlyText(b.key),
      hovertemplate: "fit of seed %{customdata}: %{y:.4g}<extra>%{fullData.name}</extra>",
    });
  }
  if (missing > 0) {
    notes.push(
      `${missing} run${missing === 1 ? " has" : "s have"} no finite final test ${problem.metric.name} (failed before any evaluation, or diverged) and ${missing === 1 ? "is" : "are"} not drawn; the report counts a diverged run as the worst value.`,
    );
  }
  const annotations: Partial<Annotations>[] = [];
  const shapes: Partial<Shape>[] = [];
  for (const { b } of baselines) {
    annotations.push({
      x: plotlyText(b.label),
      xref: "x",
      y: 1,
      yref: "paper",
      yanchor: "bottom",
      showarrow: false,
      text: b.role === null ? "baseline" : `${b.role} baseline`,
      font: { size: 12, color: BASELINE_COLOR },
    });
  }
  if (baselines.length > 0) {
    // A dotted rule between the learners and the baselines.
    shapes.push({
      type: "line",
      xref: "x",
      x0: categories - 0.5,
      x1: categories - 0.5,
      yref: "paper",
      y0: 0,
      y1: 1,
      line: { color: BASELINE_COLOR, width: 1, dash: "dot" },
    });
  }
  if (!ctx.reportLoaded) {
    notes.push(
      "Significance needs report.json: load it together with results.jsonl (arena report DIR writes it) to see ranks and Mann–Whitney/Holm marks.",
    );
  } else if (report === null) {
    notes.push(
      `The loaded report.json has no section for problem “${problem.name}”, so there are no significance marks.`,
    );
  }
  let flagLines = 0;
  if (report !== null) {
    const shown = new Set(learners.map((l) => l.key));
    const labels = new Map<string, string>([
      ...problem.learners.map((l) => [l.key, l.label] as const),
      ...problem.baselines.map((b) => [b.key, b.label] as const),
    ]);
    const labelOf = (key: string) =>
      labels.get(key) ?? (key.startsWith("baseline/") ? `baseline: ${key.slice(9)}` : key);
    const methodOf = (key: string) => (key.startsWith("baseline/") ? key.slice(9) : key);
    for (const l of learners) {
      const row = report.learners.find((r) => r.key === l.key);
      if (!row) continue;
      const wins = report.comparisons.filter((c) => c.significant && c.better === l.key).length;
      const flags: string[] = [];
      if (didNotLearnFlag(row)) flags.push(`did not learn (${row.didNotLearn?.runs}/${row.didNotLearn?.of})`);
      if (row.worseThan && row.worseThan.length > 0) {
        flags.push(`worse than ${row.worseThan.map((k) => plotlyText(methodOf(k))).join(", ")}`);
      }
      flagLines = Math.max(flagLines, flags.length);
      annotations.push({
        x: plotlyText(l.label),
        xref: "x",
        y: 1,
        yref: "paper",
        yanchor: "bottom",
        showarrow: false,
        text: [
          `rank ${row.rank}${wins > 0 ? ` · ★ beats ${wins}` : ""}`,
          ...flags.map((f) => `<span style="color:${FLAG_COLOR}">⚠ ${f}</span>`),
        ].join("<br>"),
        font: { size: 12, color: wins > 0 ? "#1a7f37" : "#444" },
      });
    }
    const alpha = ctx.alpha ?? ctx.settings?.alpha ?? 0.05;
    for (const family of ["versus-best", "pairwise"] as const) {
      const note = undetectableNote(
        report.detectability?.find((d) => d.family === family),
        alpha,
      );
      if (note !== null) notes.push(note);
    }
    const options: TableOptions = {
      labelOf,
      shown,
      alpha: ctx.alpha,
      shiftConfidence: ctx.settings?.shiftConfidence,
      learnedFraction: ctx.settings?.learnedFraction,
    };
    tables.push(rowsTable(report, options));
    const vb = versusBestTable(report, options);
    if (vb !== null) tables.push(vb);
    tables.push(pairwiseTable(report, options));
  }
  return {
    figures: [
      {
        id: "final-metric",
        data,
        layout: {
          ...baseLayout(
            baselines.length > 0
              ? `Final test ${problem.metric.name} per learner (every seed shown), baselines in grey`
              : `Final test ${problem.metric.name} per learner (every seed shown)`,
          ),
          margin: { l: 70, r: 20, t: 80 + 16 * flagLines, b: 60 },
          showlegend: false,
          xaxis: axis("", false, { type: "category" }),
          yaxis: axis(
            `final test ${problem.metric.name} (${problem.metric.higherIsBetter ? "higher" : "lower"} is better)`,
            false,
          ),
          annotations,
          shapes,
        },
        height: 420 + 16 * flagLines,
      },
    ],
    notes,
    tables,
  };
}

/** Final test metric per learner, beside the baselines, with the report's ranks, tests and shifts. */
export const finalMetricView: ViewSpec = {
  id: "final",
  title: "Final test metric",
  description:
    "The test metric of each run at the end of training (whatever the y filter: it is what the report ranks and tests), as a box over seeds with every seed drawn, and in grey the baselines fitted in closed form on the same splits (no budget, not ranked). With report.json loaded, each learner shows its rank, how many learners it beats significantly, and whether it did not learn or ends worse than a baseline; the tables list the report's rows, each learner against the best (the headline, with the Hodges–Lehmann shift and its interval) and all pairs.",
  build,
};
