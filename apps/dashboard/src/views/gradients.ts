import type { Data } from "plotly.js";
import { X_AXIS_TITLES } from "../transforms/axes.ts";
import { majority, seedBand } from "../transforms/bands.ts";
import { gradNormCurves } from "../transforms/curves.ts";
import { commonGrid } from "../transforms/grid.ts";
import { throughTimeHeatmap } from "../transforms/heatmap.ts";
import type { Series } from "../transforms/step-interpolation.ts";
import { plotlyText } from "../ui/plotly-text.ts";
import { axis, baseLayout } from "./figure-style.ts";
import type { Figure, ViewContext, ViewOutput, ViewSpec } from "./view.ts";

const DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"] as const;

function build(ctx: ViewContext): ViewOutput {
  const { learners, state } = ctx;
  if (learners.length === 0) return { figures: [], notes: ["No learner selected."], tables: [] };
  const notes: string[] = [];
  const figures: Figure[] = [];
  const xTitle = X_AXIS_TITLES[state.x];

  // Per-layer norms: layer → seeds' curves, per learner.
  const perLearner = learners.map((l) => {
    const layers = new Map<string, Series[]>();
    for (const r of l.runs) {
      for (const [layer, s] of gradNormCurves(r, state.x)) {
        if (s.x.length === 0) continue;
        const list = layers.get(layer);
        if (list) list.push(s);
        else layers.set(layer, [s]);
      }
    }
    return layers;
  });
  const all = perLearner.flatMap((m) => [...m.values()].flat());
  if (all.length === 0) {
    notes.push(
      "No run in this selection recorded per-layer gradient norms (gradient-free learners record none).",
    );
  } else {
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
          hovertemplate:
            "x %{x:.3s}<br>‖g‖ median %{y:.3g}<br>seeds %{customdata}<extra>%{fullData.name}</extra>",
        });
        k++;
      }
    });
    figures.push({
      id: "grad-norms",
      data,
      layout: {
        ...baseLayout("Gradient norm per layer (median over seeds); colour = learner, dash = layer"),
        xaxis: axis(xTitle, state.logX),
        yaxis: axis("‖∂L/∂θ‖ of the layer", true),
      },
      height: 420,
    });
  }

  // Recurrent runs: norm through time × training progress, one heat map per learner, one colour scale.
  const recurrent = learners
    .map((l) => {
      const xs = l.runs.map((r) => ({
        x: r.trace.filter((c) => c.gradNormsThroughTime !== undefined).map((c) => c[state.x]),
        y: [],
      }));
      const grid = commonGrid(xs, { log: state.logX, points: 48 });
      const seeds = xs.filter((s) => s.x.length > 0).length;
      return { l, heat: grid.length > 0 ? throughTimeHeatmap(l.runs, state.x, grid, majority(seeds)) : null };
    })
    .filter((h) => h.heat !== null && h.heat.x.length > 0);
  if (recurrent.length === 0) {
    notes.push(
      "No recurrent run in this selection recorded gradient norms through time, so there is no heat map.",
    );
    return { figures, notes, tables: [] };
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const { heat } of recurrent) {
    for (const row of heat!.z) {
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
  recurrent.forEach(({ l, heat }, i) => {
    const h = heat!;
    if (h.nonFinite > 0) {
      notes.push(
        `${l.label}: ${h.nonFinite} non-finite gradient norm${h.nonFinite === 1 ? "" : "s"} (an explosion) left out; such cells stay blank.`,
      );
    }
    figures.push({
      id: `grad-through-time-${i}`,
      data: [
        {
          type: "heatmap",
          x: h.x,
          y: h.t,
          z: h.z.map((row) => row.map((v) => (v !== null && v > 0 ? Math.log10(v) : null))),
          text: h.z.map((row) => row.map((v) => (v === null ? "" : v.toPrecision(3)))) as unknown as string[],
          zmin: lo,
          zmax: hi,
          colorscale: "Viridis",
          colorbar: {
            title: { text: "‖∂L/∂h_t‖", side: "right" },
            tickvals: ticks,
            ticktext: ticks.map((k) => `1e${k}`),
          },
          hovertemplate: "time step %{y}<br>x %{x:.3s}<br>‖∂L/∂h_t‖ %{text}<extra></extra>",
          name: plotlyText(l.label),
        },
      ],
      layout: {
        ...baseLayout(
          `${plotlyText(l.label)}: gradient norm through time (median over ${h.runs} seeds), log colour scale`,
        ),
        xaxis: axis(`training progress: ${xTitle}`, state.logX),
        yaxis: axis("time step t (0 = first input)", false),
        showlegend: false,
      },
      height: 360,
    });
  });
  return { figures, notes, tables: [] };
}

/** Gradients: per-layer norms over training and, for recurrent runs, norms through time. */
export const gradientsView: ViewSpec = {
  id: "gradients",
  title: "Gradients",
  description:
    "Per-layer gradient norms over training (gradient learners only), and for recurrent runs a heat map of ‖∂L/∂h_t‖ at each time step t against training progress, on a log colour scale shared by the heat maps: dark towards early time steps means vanishing gradients, bright means exploding ones.",
  build,
};
