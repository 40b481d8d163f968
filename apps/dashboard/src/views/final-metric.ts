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
import type { Figure, TableSpec, ViewContext, ViewOutput, ViewSpec } from "./view.ts";

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

type Learner = ViewContext["learners"][number];
type Baseline = ViewContext["problem"]["baselines"][number];
type ProblemReport = NonNullable<ViewContext["report"]>;

/** The learners in the report's row order: by rank, ties as the report breaks them (so boxes and tables agree). */
function inReportOrder(learners: Learner[], report: ProblemReport | null): Learner[] {
  const out = [...learners];
  if (report !== null) {
    const order = new Map(report.learners.map((r, i) => [r.key, i]));
    out.sort(
      (a, b) => (order.get(a.key) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.key) ?? Number.MAX_SAFE_INTEGER),
    );
  }
  return out;
}

/** One box per learner, every seed drawn; `missing` runs have no finite value, `categories` boxes have one. */
function learnerBoxes(
  learners: Learner[],
  colors: Map<string, string>,
): { data: Data[]; missing: number; categories: number } {
  let missing = 0;
  let categories = 0;
  const data: Data[] = learners.map((l) => {
    const v = finalValues(l.runs);
    missing += v.missing;
    if (v.y.length > 0) categories++;
    const color = colors.get(l.key) ?? "#333";
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
  return { data, missing, categories };
}

/** The baselines with a finite value beside the learners, in grey with open diamonds: references, not competitors. */
function baselineBoxes(baselines: Baseline[]): { drawn: Baseline[]; data: Data[] } {
  const withValues = baselines.map((b) => ({ b, v: finalValues(b.runs) })).filter(({ v }) => v.y.length > 0);
  const data: Data[] = withValues.map(({ b, v }) => ({
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
  }));
  return { drawn: withValues.map(({ b }) => b), data };
}

/** A label above each baseline's box, and a dotted rule between the learners' boxes and the baselines'. */
function baselineMarks(
  baselines: Baseline[],
  categories: number,
): { annotations: Partial<Annotations>[]; shapes: Partial<Shape>[] } {
  const annotations: Partial<Annotations>[] = baselines.map((b) => ({
    x: plotlyText(b.label),
    xref: "x",
    y: 1,
    yref: "paper",
    yanchor: "bottom",
    showarrow: false,
    text: b.role === null ? "baseline" : `${b.role} baseline`,
    font: { size: 12, color: BASELINE_COLOR },
  }));
  const shapes: Partial<Shape>[] =
    baselines.length === 0
      ? []
      : [
          {
            type: "line",
            xref: "x",
            x0: categories - 0.5,
            x1: categories - 0.5,
            yref: "paper",
            y0: 0,
            y1: 1,
            line: { color: BASELINE_COLOR, width: 1, dash: "dot" },
          },
        ];
  return { annotations, shapes };
}

/** Above each learner's box: its rank, how many it beats significantly, and its flags; `flagLines` the most flags. */
function rankMarks(
  learners: Learner[],
  report: ProblemReport,
): { annotations: Partial<Annotations>[]; flagLines: number } {
  const methodOf = (key: string) => (key.startsWith("baseline/") ? key.slice(9) : key);
  const annotations: Partial<Annotations>[] = [];
  let flagLines = 0;
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
  return { annotations, flagLines };
}

/** The notes on what the families of tests cannot detect, and the report's tables: rows, versus best, pairs. */
function reportTables(
  ctx: ViewContext,
  learners: Learner[],
  report: ProblemReport,
): { notes: string[]; tables: TableSpec[] } {
  const { problem } = ctx;
  const notes: string[] = [];
  const alpha = ctx.alpha ?? ctx.settings?.alpha ?? 0.05;
  for (const family of ["versus-best", "pairwise"] as const) {
    const note = undetectableNote(
      report.detectability?.find((d) => d.family === family),
      alpha,
    );
    if (note !== null) notes.push(note);
  }
  const labels = new Map<string, string>([
    ...problem.learners.map((l) => [l.key, l.label] as const),
    ...problem.baselines.map((b) => [b.key, b.label] as const),
  ]);
  const options: TableOptions = {
    labelOf: (key) => labels.get(key) ?? (key.startsWith("baseline/") ? `baseline: ${key.slice(9)}` : key),
    shown: new Set(learners.map((l) => l.key)),
    alpha: ctx.alpha,
    shiftConfidence: ctx.settings?.shiftConfidence,
    learnedFraction: ctx.settings?.learnedFraction,
  };
  const tables: TableSpec[] = [rowsTable(report, options)];
  const vb = versusBestTable(report, options);
  if (vb !== null) tables.push(vb);
  tables.push(pairwiseTable(report, options));
  return { notes, tables };
}

/** What the view says about the data before the report: test = train, runs not drawn, a missing report. */
function dataNotes(ctx: ViewContext, missing: number): string[] {
  const { problem, report } = ctx;
  const notes: string[] = [];
  if (problem.testIsTrain || report?.testIsTrain === true) {
    notes.push(
      "Test = train by definition: this problem is a fixed set of points (such as XOR or parity), so its test figures measure fit, not generalisation.",
    );
  }
  if (missing > 0) {
    notes.push(
      `${missing} run${missing === 1 ? " has" : "s have"} no finite final test ${problem.metric.name} (failed before any evaluation, or diverged) and ${missing === 1 ? "is" : "are"} not drawn; the report counts a diverged run as the worst value.`,
    );
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
  return notes;
}

/** The figure: the boxes, their labels above, and room for the flag lines. */
function finalMetricFigure(
  problem: ViewContext["problem"],
  marks: { data: Data[]; annotations: Partial<Annotations>[]; shapes: Partial<Shape>[] },
  withBaselines: boolean,
  flagLines: number,
): Figure {
  return {
    id: "final-metric",
    data: marks.data,
    layout: {
      ...baseLayout(
        withBaselines
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
      annotations: marks.annotations,
      shapes: marks.shapes,
    },
    height: 420 + 16 * flagLines,
  };
}

function build(ctx: ViewContext): ViewOutput {
  const { problem, report } = ctx;
  if (ctx.learners.length === 0) return { figures: [], notes: ["No learner selected."], tables: [] };
  // Always the metric: it is what the report ranks and tests, whatever the y filter says.
  // In the report's rank order when it is there, so the best learner comes first.
  const learners = inReportOrder(ctx.learners, report);
  const boxes = learnerBoxes(learners, ctx.colors);
  const baselines = baselineBoxes(problem.baselines);
  const { annotations, shapes } = baselineMarks(baselines.drawn, boxes.categories);
  const notes = dataNotes(ctx, boxes.missing);
  let tables: TableSpec[] = [];
  let flagLines = 0;
  if (report !== null) {
    const ranks = rankMarks(learners, report);
    annotations.push(...ranks.annotations);
    flagLines = ranks.flagLines;
    const fromReport = reportTables(ctx, learners, report);
    notes.push(...fromReport.notes);
    tables = fromReport.tables;
  }
  const data = [...boxes.data, ...baselines.data];
  const figure = finalMetricFigure(
    problem,
    { data, annotations, shapes },
    baselines.drawn.length > 0,
    flagLines,
  );
  return { figures: [figure], notes, tables };
}

/** Final test metric per learner, beside the baselines, with the report's ranks, tests and shifts. */
export const finalMetricView: ViewSpec = {
  id: "final",
  title: "Final test metric",
  description:
    "The test metric of each run at the end of training (whatever the y filter: it is what the report ranks and tests), as a box over seeds with every seed drawn, and in grey the baselines fitted in closed form on the same splits (no budget, not ranked). With report.json loaded, each learner shows its rank, how many learners it beats significantly, and whether it did not learn or ends worse than a baseline; the tables list the report's rows, each learner against the best (the headline, with the Hodges–Lehmann shift and its interval) and all pairs.",
  build,
};
