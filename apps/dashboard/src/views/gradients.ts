import type { Data } from "plotly.js";
import { X_AXIS_TITLES, type XAxis } from "../transforms/axes.ts";
import { majority, seedBand } from "../transforms/bands.ts";
import { alignmentAngleCurves, gradNormCurves } from "../transforms/curves.ts";
import { commonGrid } from "../transforms/grid.ts";
import { type ThroughTimeHeatmap, throughTimeHeatmap } from "../transforms/heatmap.ts";
import type { Series } from "../transforms/step-interpolation.ts";
import { plotlyText } from "../ui/plotly-text.ts";
import { axis, baseLayout } from "./figure-style.ts";
import { mantissaLabel } from "./log-axis-ticks.ts";
import type { Figure, ViewContext, ViewOutput, ViewSpec } from "./view.ts";

const DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"] as const;

type Learner = ViewContext["learners"][number];

type LayerCurves = typeof gradNormCurves;

/** A per-layer series of one learner: layer → its seeds' curves (seeds that recorded the layer). */
function layerCurves(learner: Learner, x: XAxis, curves: LayerCurves): Map<string, Series[]> {
  const layers = new Map<string, Series[]>();
  for (const r of learner.runs) {
    for (const [layer, s] of curves(r, x)) {
      if (s.x.length === 0) continue;
      const list = layers.get(layer);
      if (list) list.push(s);
      else layers.set(layer, [s]);
    }
  }
  return layers;
}

/** What a per-layer figure shows: its id, title, y axis and hover label. */
interface LayerFigureSpec {
  readonly id: string;
  readonly title: string;
  readonly yTitle: string;
  readonly logY: boolean;
  readonly hoverY: string;
}

const GRAD_NORMS: LayerFigureSpec = {
  id: "grad-norms",
  title: "Gradient norm per layer (median over seeds); colour = learner, dash = layer",
  yTitle: "‖∂L/∂θ‖ of the layer",
  logY: true,
  hoverY: "‖g‖ median %{y:.3g}",
};

const ALIGNMENT: LayerFigureSpec = {
  id: "alignment-angles",
  title: "Angle between the feedback-alignment update and the true gradient per layer (median over seeds)",
  yTitle: "angle (degrees; 0 = the gradient's direction, 90 = orthogonal)",
  logY: false,
  hoverY: "angle median %{y:.3g}°",
};

/** A per-layer figure: the median over seeds of each learner's layers (colour = learner, dash = layer). */
function layerFigure(
  ctx: ViewContext,
  spec: LayerFigureSpec,
  perLearner: Map<string, Series[]>[],
  all: Series[],
): Figure {
  const { learners, state } = ctx;
  const grid = commonGrid(all, { log: state.logX });
  const data: Data[] = [];
  learners.forEach((l, li) => {
    let k = 0;
    for (const [layer, series] of perLearner[li]) {
      const band = seedBand(series, grid, majority(series.length));
      data.push({
        type: "scatter",
        mode: "lines",
        x: band.x,
        y: band.median,
        customdata: band.n,
        line: {
          color: ctx.colors.get(l.key) ?? "#333",
          width: 2,
          dash: DASHES[k % DASHES.length],
          shape: "hv",
        },
        name: `${plotlyText(l.label)} · ${plotlyText(layer)}`,
        legendgroup: plotlyText(l.key),
        hovertemplate: `x %{x:.3s}<br>${spec.hoverY}<br>seeds %{customdata}<extra>%{fullData.name}</extra>`,
      });
      k++;
    }
  });
  return {
    id: spec.id,
    data,
    layout: {
      ...baseLayout(spec.title),
      xaxis: axis(X_AXIS_TITLES[state.x], state.logX),
      yaxis: axis(spec.yTitle, spec.logY),
    },
    height: 420,
  };
}

/** A learner's heat map of norms through time, over the seeds of its recurrent runs. */
interface LearnerHeatmap {
  l: Learner;
  heat: ThroughTimeHeatmap;
}

/** The heat maps of the learners whose runs recorded norms through time (recurrent runs). */
function recurrentHeatmaps(learners: Learner[], x: XAxis, logX: boolean): LearnerHeatmap[] {
  const out: LearnerHeatmap[] = [];
  for (const l of learners) {
    const xs = l.runs.map((r) => ({
      x: r.trace.filter((c) => c.gradNormsThroughTime !== undefined).map((c) => c[x]),
      y: [],
    }));
    const grid = commonGrid(xs, { log: logX, points: 48 });
    const seeds = xs.filter((s) => s.x.length > 0).length;
    const heat = grid.length > 0 ? throughTimeHeatmap(l.runs, x, grid, majority(seeds)) : null;
    if (heat !== null && heat.x.length > 0) out.push({ l, heat });
  }
  return out;
}

/** The log10 range of the positive norms of all heat maps (−1 to 1 when there is none), and its integer ticks. */
function logColorScale(heatmaps: LearnerHeatmap[]): { lo: number; hi: number; ticks: number[] } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const { heat } of heatmaps) {
    for (const row of heat.z) {
      for (const v of row) {
        if (v !== null && v > 0) {
          lo = Math.min(lo, Math.log10(v));
          hi = Math.max(hi, Math.log10(v));
        }
      }
    }
  }
  if (!(hi >= lo)) {
    lo = -1;
    hi = 1;
  }
  const ticks: number[] = [];
  for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) ticks.push(k);
  return { lo, hi, ticks };
}

/** One learner's heat map of ‖∂L/∂h_t‖ (time step × training progress) on the shared log colour scale. */
function throughTimeFigure(
  { l, heat: h }: LearnerHeatmap,
  i: number,
  scale: { lo: number; hi: number; ticks: number[] },
  state: ViewContext["state"],
): Figure {
  return {
    id: `grad-through-time-${i}`,
    data: [
      {
        type: "heatmap",
        x: h.x,
        y: h.t,
        z: h.z.map((row) => row.map((v) => (v !== null && v > 0 ? Math.log10(v) : null))),
        text: h.z.map((row) => row.map((v) => (v === null ? "" : v.toPrecision(3)))) as unknown as string[],
        zmin: scale.lo,
        zmax: scale.hi,
        colorscale: "Viridis",
        colorbar: {
          title: { text: "‖∂L/∂h_t‖", side: "right" },
          tickvals: scale.ticks,
          ticktext: scale.ticks.map((k) => mantissaLabel(1, k)),
        },
        hovertemplate: "time step %{y}<br>x %{x:.3s}<br>‖∂L/∂h_t‖ %{text}<extra></extra>",
        name: plotlyText(l.label),
      },
    ],
    layout: {
      ...baseLayout(
        `${plotlyText(l.label)}: gradient norm through time (median over ${h.runs} seeds), log colour scale`,
      ),
      xaxis: axis(`training progress: ${X_AXIS_TITLES[state.x]}`, state.logX),
      yaxis: axis("time step t (0 = first input)", false),
      showlegend: false,
    },
    height: 360,
  };
}

function build(ctx: ViewContext): ViewOutput {
  const { learners, state } = ctx;
  if (learners.length === 0) return { figures: [], notes: ["No learner selected."], tables: [] };
  const notes: string[] = [];
  const figures: Figure[] = [];
  const perLearner = learners.map((l) => layerCurves(l, state.x, gradNormCurves));
  const all = perLearner.flatMap((m) => [...m.values()].flat());
  if (all.length === 0) {
    notes.push(
      "No run in this selection recorded per-layer gradient norms (gradient-free learners record none).",
    );
  } else {
    figures.push(layerFigure(ctx, GRAD_NORMS, perLearner, all));
  }
  // Feedback alignment (FA/DFA): how far each layer's update is from the true gradient's direction.
  const angles = learners.map((l) => layerCurves(l, state.x, alignmentAngleCurves));
  const allAngles = angles.flatMap((m) => [...m.values()].flat());
  if (allAngles.length > 0) figures.push(layerFigure(ctx, ALIGNMENT, angles, allAngles));
  // Recurrent runs: norm through time × training progress, one heat map per learner, one colour scale.
  const recurrent = recurrentHeatmaps(learners, state.x, state.logX);
  if (recurrent.length === 0) {
    notes.push(
      "No recurrent run in this selection recorded gradient norms through time, so there is no heat map.",
    );
    return { figures, notes, tables: [] };
  }
  const scale = logColorScale(recurrent);
  recurrent.forEach((r, i) => {
    if (r.heat.nonFinite > 0) {
      notes.push(
        `${r.l.label}: ${r.heat.nonFinite} non-finite gradient norm${r.heat.nonFinite === 1 ? "" : "s"} (an explosion) left out; such cells stay blank.`,
      );
    }
    figures.push(throughTimeFigure(r, i, scale, state));
  });
  return { figures, notes, tables: [] };
}

/** Gradients: per-layer norms over training and, for recurrent runs, norms through time. */
export const gradientsView: ViewSpec = {
  id: "gradients",
  title: "Gradients",
  description:
    "Per-layer gradient norms over training (gradient learners only); for feedback-alignment learners, the angle between each layer's update and the true gradient; and for recurrent runs a heat map of ‖∂L/∂h_t‖ at each time step t against training progress, on a log colour scale shared by the heat maps: dark towards early time steps means vanishing gradients, bright means exploding ones.",
  build,
};
