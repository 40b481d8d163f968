import type { Data, Shape } from "plotly.js";
import { effectiveLogY } from "../state/view-state.ts";
import { figureKey, X_AXIS_TITLES } from "../transforms/axes.ts";
import { majority, seedBand } from "../transforms/bands.ts";
import { baselineLevels } from "../transforms/baseline-levels.ts";
import { gapCurve, runCurve } from "../transforms/curves.ts";
import { commonGrid } from "../transforms/grid.ts";
import type { Series } from "../transforms/step-interpolation.ts";
import { plotlyText } from "../ui/plotly-text.ts";
import { bandTraces } from "./band-traces.ts";
import { baselineLineTraces } from "./baseline-traces.ts";
import { yTitle, yWhat } from "./convergence.ts";
import { axis, baseLayout } from "./figure-style.ts";
import type { Figure, ViewContext, ViewOutput, ViewSpec } from "./view.ts";

type Learner = ViewContext["learners"][number];

/** Each seed's best-validation checkpoint (best by the validation metric, as the harness records it), as markers. */
function bestValidationMarkers(ctx: ViewContext, l: Learner, color: string): Data {
  const { state } = ctx;
  const valKey = figureKey("val", state.y);
  const bx: number[] = [];
  const by: number[] = [];
  const seeds: number[] = [];
  for (const r of l.runs) {
    if (r.best === null) continue;
    const c = r.trace[r.best.checkpoint];
    if (c === undefined || !Number.isFinite(c[valKey])) continue;
    bx.push(c[state.x]);
    by.push(c[valKey]);
    seeds.push(r.repetition);
  }
  return {
    type: "scatter",
    mode: "markers",
    x: bx,
    y: by,
    customdata: seeds,
    marker: { symbol: "diamond", size: 9, color, line: { color: "#fff", width: 1 } },
    name: `${plotlyText(l.label)} · best validation`,
    legendgroup: plotlyText(l.key),
    showlegend: false,
    hovertemplate:
      "best validation of seed %{customdata}<br>x %{x:.3s}<br>%{y:.4g}<extra>%{fullData.name}</extra>",
  };
}

/** The seeds' curves of each learner: training, validation and the gap, with the grid they share. */
interface Curves {
  train: Series[][];
  val: Series[][];
  gaps: Series[][];
  grid: number[];
}

function seedCurves(ctx: ViewContext): Curves {
  const { state, learners } = ctx;
  const nonEmpty = (series: Series[]) => series.filter((s) => s.x.length > 0);
  const train = learners.map((l) => nonEmpty(l.runs.map((r) => runCurve(r, state.x, "train", state.y))));
  const val = learners.map((l) => nonEmpty(l.runs.map((r) => runCurve(r, state.x, "val", state.y))));
  const gaps = learners.map((l) => nonEmpty(l.runs.map((r) => gapCurve(r, state.x, state.y))));
  const grid = commonGrid([...train.flat(), ...val.flat()], { log: state.logX });
  return { train, val, gaps, grid };
}

/** Per learner: the training (dotted) and validation (solid) medians with the best-validation markers, and the gap band. */
function learnerTraces(ctx: ViewContext, curves: Curves): { curves: Data[]; gapData: Data[] } {
  const { train, val, gaps, grid } = curves;
  const out: Data[] = [];
  const gapData: Data[] = [];
  ctx.learners.forEach((l, li) => {
    const color = ctx.colors.get(l.key) ?? "#333";
    const base = { label: l.label, key: l.key, color };
    // Train dotted, validation solid; the medians only (bands would hide each other here).
    const [, trainMedian] = bandTraces(seedBand(train[li], grid, majority(train[li].length)), {
      ...base,
      showlegend: false,
      dash: "dot",
      suffix: " · train",
    });
    const [, valMedian] = bandTraces(seedBand(val[li], grid, majority(val[li].length)), {
      ...base,
      showlegend: true,
    });
    out.push(trainMedian, valMedian, bestValidationMarkers(ctx, l, color));
    gapData.push(
      ...bandTraces(seedBand(gaps[li], grid, majority(gaps[li].length)), { ...base, showlegend: true }),
    );
  });
  return { curves: out, gapData };
}

/** The two figures: training against validation (with the baselines), and the gap around a dashed zero line. */
function overfittingFigures(ctx: ViewContext, curves: Data[], gapData: Data[]): Figure[] {
  const { state } = ctx;
  const xTitle = X_AXIS_TITLES[state.x];
  const zero: Partial<Shape> = {
    type: "line",
    xref: "paper",
    x0: 0,
    x1: 1,
    yref: "y",
    y0: 0,
    y1: 0,
    line: { color: "#555", width: 1, dash: "dash" },
  };
  const gapTitle =
    state.y === "loss"
      ? "validation − training loss"
      : ctx.problem.metric.higherIsBetter
        ? `training − validation ${ctx.problem.metric.name}`
        : `validation − training ${ctx.problem.metric.name}`;
  return [
    {
      id: "overfitting-curves",
      data: curves,
      layout: {
        ...baseLayout(
          ctx.problem.baselines.length > 0
            ? "Training (dotted) vs validation (solid), medians over seeds; ◆ = each seed's best validation; grey dashed = baselines (validation)"
            : "Training (dotted) vs validation (solid), medians over seeds; ◆ = each seed's best validation",
        ),
        xaxis: axis(xTitle, state.logX),
        yaxis: axis(yTitle(ctx), effectiveLogY(state)),
      },
      height: 420,
    },
    {
      id: "overfitting-gap",
      data: gapData,
      layout: {
        ...baseLayout("Generalisation gap over training (> 0: better on training data); median and IQR"),
        xaxis: axis(xTitle, state.logX),
        yaxis: axis(gapTitle, false),
        shapes: [zero],
      },
      height: 380,
    },
  ];
}

function build(ctx: ViewContext): ViewOutput {
  const { state, learners } = ctx;
  if (learners.length === 0) return { figures: [], notes: ["No learner selected."], tables: [] };
  const seeds = seedCurves(ctx);
  const { grid } = seeds;
  if (grid.length === 0) {
    return { figures: [], notes: ["No run in this selection has checkpoints to draw."], tables: [] };
  }
  const { curves, gapData } = learnerTraces(ctx, seeds);
  // Each baseline's median validation figure, as a dashed reference for the solid validation lines.
  curves.push(
    ...baselineLineTraces(baselineLevels(ctx.problem.baselines, "val", state.y), grid[0], grid.at(-1)!, {
      showlegend: true,
      what: yWhat(ctx, "val"),
      logY: effectiveLogY(state),
    }),
  );
  return { figures: overfittingFigures(ctx, curves, gapData), notes: [], tables: [] };
}

/** Overfitting: train against validation, the gap, and where validation was best. */
export const overfittingView: ViewSpec = {
  id: "overfitting",
  title: "Overfitting",
  description:
    "Training against validation per learner (medians over seeds on the same grid as the convergence view), with each seed's best-validation checkpoint marked, and the gap between them over training, oriented so that a positive gap means the model does better on its training data (as the report's trainValGap). Grey dashed lines are the baselines' median validation figures.",
  build,
};
