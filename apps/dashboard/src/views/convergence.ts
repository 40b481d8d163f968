import type { Data } from "plotly.js";
import { effectiveLogY } from "../state/view-state.ts";
import { type Split, X_AXIS_TITLES } from "../transforms/axes.ts";
import { majority, seedBand } from "../transforms/bands.ts";
import { baselineLevels } from "../transforms/baseline-levels.ts";
import { runCurve } from "../transforms/curves.ts";
import { commonGrid } from "../transforms/grid.ts";
import { bandTraces, seedsTrace } from "./band-traces.ts";
import { baselineLineTraces } from "./baseline-traces.ts";
import { axis, baseLayout, panelTitle } from "./figure-style.ts";
import type { ViewContext, ViewOutput, ViewSpec } from "./view.ts";

/** What the y axis shows on a split, in words, e.g. "validation accuracy" (no user text). */
export function yWhat(ctx: ViewContext, split: Split): string {
  const where = split === "train" ? "training" : split === "val" ? "validation" : "test";
  return `${where} ${ctx.state.y === "loss" ? "loss" : ctx.problem.metric.name}`;
}

/** The y-axis title for the loss or the problem's metric. */
export function yTitle(ctx: ViewContext): string {
  if (ctx.state.y === "loss") return "loss";
  const m = ctx.problem.metric;
  return `${m.name} (${m.higherIsBetter ? "higher" : "lower"} is better)`;
}

const PANELS: { split: "train" | "val"; title: string; domain: [number, number] }[] = [
  { split: "train", title: "training", domain: [0, 0.47] },
  { split: "val", title: "validation", domain: [0.53, 1] },
];

function build(ctx: ViewContext): ViewOutput {
  const { state, learners } = ctx;
  const notes: string[] = [];
  if (learners.length === 0) return { figures: [], notes: ["No learner selected."], tables: [] };
  const curves = learners.map((l) =>
    PANELS.map((p) =>
      l.runs.map((r) => runCurve(r, state.x, p.split, state.y)).filter((s) => s.x.length > 0),
    ),
  );
  const grid = commonGrid(curves.flat(2), { log: state.logX });
  if (grid.length === 0) {
    return { figures: [], notes: ["No run in this selection has checkpoints to draw."], tables: [] };
  }
  const data: Data[] = [];
  learners.forEach((l, li) => {
    const color = ctx.colors.get(l.key) ?? "#333";
    PANELS.forEach((_panel, pi) => {
      const style = {
        label: l.label,
        key: l.key,
        color,
        xaxis: pi === 0 ? "x" : "x2",
        yaxis: pi === 0 ? "y" : "y2",
        showlegend: pi === 0,
      };
      if (state.seeds) data.push(seedsTrace(curves[li][pi], style));
      data.push(...bandTraces(seedBand(curves[li][pi], grid, majority(curves[li][pi].length)), style));
    });
  });
  // Each baseline's median on the panel's split, as a dashed reference line across the learners' grid.
  const logY = effectiveLogY(state);
  PANELS.forEach((panel, pi) => {
    data.push(
      ...baselineLineTraces(
        baselineLevels(ctx.problem.baselines, panel.split, state.y),
        grid[0],
        grid.at(-1)!,
        {
          xaxis: pi === 0 ? "x" : "x2",
          yaxis: pi === 0 ? "y" : "y2",
          showlegend: pi === 0,
          what: yWhat(ctx, panel.split),
          logY,
        },
      ),
    );
  });
  const diverged = learners.reduce((n, l) => n + l.runs.filter((r) => r.status === "diverged").length, 0);
  if (diverged > 0) {
    notes.push(
      `${diverged} diverged run${diverged === 1 ? "" : "s"}: a curve ends at its last finite checkpoint (NaN and Infinity are not drawn).`,
    );
  }
  const xTitle = X_AXIS_TITLES[state.x];
  const layout = {
    ...baseLayout(`${yTitle(ctx)} against ${xTitle}: median over seeds, band = inter-quartile range`),
    xaxis: axis(xTitle, state.logX, { domain: PANELS[0].domain, anchor: "y" }),
    yaxis: axis(yTitle(ctx), logY, { anchor: "x" }),
    xaxis2: axis(xTitle, state.logX, { domain: PANELS[1].domain, anchor: "y2" }),
    yaxis2: axis("", logY, { anchor: "x2", matches: "y" }),
    annotations: PANELS.map((p) => panelTitle(p.title, p.domain)),
  };
  return { figures: [{ id: "convergence", data, layout, height: 460 }], notes, tables: [] };
}

/** Convergence: training and validation loss or metric against cost, median and IQR over seeds. */
export const convergenceView: ViewSpec = {
  id: "convergence",
  title: "Convergence",
  description:
    "Training (left) and validation (right) loss or metric against the chosen x axis, one line per learner: the median over seeds with the inter-quartile band. Seeds are checkpointed at different x, so each seed's curve is first interpolated step-wise onto a common grid of 64 points (log-spaced on a log axis): at each grid point it takes its last checkpoint value at or before it, and has no value before its first checkpoint or after its last (no extrapolation). Median and quartiles are then taken over the seeds that have a value there, where at least half of the learner's seeds do. Grey dashed lines are the baselines (majority class or mean, linear, naive forecasts: fitted in closed form, no budget): the median over their fits of the same quantity on the same split; a baseline without it (ridge on classes has no loss) has no line.",
  build,
};
