import type { Annotations, Data } from "plotly.js";
import { plotlyText } from "../ui/plotly-text.ts";
import { axis, baseLayout } from "./figure-style.ts";
import type { TableSpec, ViewContext, ViewOutput, ViewSpec } from "./view.ts";

function fmtP(p: number): string {
  if (p < 1e-15) return "< 1e-15"; // a normal approximation underflows to 0
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

function build(ctx: ViewContext): ViewOutput {
  const { problem, report } = ctx;
  const notes: string[] = [];
  const tables: TableSpec[] = [];
  if (ctx.learners.length === 0) return { figures: [], notes: ["No learner selected."], tables };
  // Always the metric: it is what the report ranks and tests, whatever the y filter says.
  const showMarks = report !== null;
  // In the report's rank order when it is there, so the best learner comes first.
  const learners = [...ctx.learners];
  if (report !== null) {
    const rank = new Map(report.learners.map((r) => [r.key, r.rank]));
    learners.sort(
      (a, b) => (rank.get(a.key) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b.key) ?? Number.MAX_SAFE_INTEGER),
    );
  }
  let missing = 0;
  const data: Data[] = learners.map((l) => {
    const y: number[] = [];
    const seeds: number[] = [];
    for (const r of l.runs) {
      const v = r.final?.testMetric;
      if (v === undefined || !Number.isFinite(v)) {
        missing++;
        continue;
      }
      y.push(v);
      seeds.push(r.repetition);
    }
    const color = ctx.colors.get(l.key) ?? "#333";
    return {
      type: "box",
      name: plotlyText(l.label),
      x: y.map(() => plotlyText(l.label)),
      y,
      customdata: seeds,
      boxpoints: "all",
      jitter: 0.4,
      pointpos: 0,
      marker: { color, size: 6 },
      line: { color },
      legendgroup: plotlyText(l.key),
      hovertemplate: "seed %{customdata}: %{y:.4g}<extra>%{fullData.name}</extra>",
    };
  });
  if (missing > 0) {
    notes.push(
      `${missing} run${missing === 1 ? " has" : "s have"} no finite final test ${problem.metric.name} (failed before any evaluation, or diverged) and ${missing === 1 ? "is" : "are"} not drawn; the report counts a diverged run as the worst value.`,
    );
  }
  const annotations: Partial<Annotations>[] = [];
  if (!ctx.reportLoaded) {
    notes.push(
      "Significance needs report.json: load it together with results.jsonl (arena report DIR writes it) to see ranks and Mann–Whitney/Holm marks.",
    );
  } else if (report === null) {
    notes.push(
      `The loaded report.json has no section for problem “${problem.name}”, so there are no significance marks.`,
    );
  }
  if (showMarks && report !== null) {
    const shown = new Set(learners.map((l) => l.key));
    const labelOf = new Map(ctx.learners.map((l) => [l.key, l.label]));
    for (const l of learners) {
      const row = report.learners.find((r) => r.key === l.key);
      if (!row) continue;
      const wins = report.comparisons.filter((c) => c.significant && c.better === l.key).length;
      annotations.push({
        x: plotlyText(l.label),
        xref: "x",
        y: 1,
        yref: "paper",
        yanchor: "bottom",
        showarrow: false,
        text: `rank ${row.rank}${wins > 0 ? ` · ★ beats ${wins}` : ""}`,
        font: { size: 12, color: wins > 0 ? "#1a7f37" : "#444" },
      });
    }
    const rows = report.comparisons
      .filter((c) => shown.has(c.a) && shown.has(c.b))
      .map((c) => ({
        strong: c.significant,
        cells: [
          labelOf.get(c.a) ?? c.a,
          labelOf.get(c.b) ?? c.b,
          c.a12.toFixed(2),
          fmtP(c.p),
          fmtP(c.pHolm),
          c.significant ? `yes: ${labelOf.get(c.better ?? "") ?? c.better ?? ""} is better` : "no",
        ],
      }));
    tables.push({
      caption: `Pairwise Mann–Whitney U tests on the final test ${problem.metric.name}, Holm-corrected over the problem's ${report.comparisons.length} comparisons; significant when p (Holm) ≤ α = ${ctx.alpha ?? "?"}. A12 > 0.5 means A tends to be better.`,
      head: ["A", "B", "A12", "p", "p (Holm)", "significant"],
      rows,
    });
  }
  return {
    figures: [
      {
        id: "final-metric",
        data,
        layout: {
          ...baseLayout(`Final test ${problem.metric.name} per learner (every seed shown)`),
          margin: { l: 70, r: 20, t: 80, b: 60 },
          showlegend: false,
          xaxis: axis("", false, { type: "category" }),
          yaxis: axis(
            `final test ${problem.metric.name} (${problem.metric.higherIsBetter ? "higher" : "lower"} is better)`,
            false,
          ),
          annotations,
        },
        height: 420,
      },
    ],
    notes,
    tables,
  };
}

/** Final test metric per learner, with the report's ranks and significance marks. */
export const finalMetricView: ViewSpec = {
  id: "final",
  title: "Final test metric",
  description:
    "The test metric of each run at the end of training (whatever the y filter: it is what the report ranks and tests), as a box over seeds with every seed drawn. With report.json loaded, each learner shows its rank and how many learners it beats significantly, and the table lists the report's pairwise tests.",
  build,
};
