import type { Data } from "plotly.js";
import { X_AXIS_TITLES } from "../transforms/axes.ts";
import { ecdfCurve, ecdfStepPoints } from "../transforms/ecdf.ts";
import { hitTable, TARGET_COSTS, type TargetCost } from "../transforms/targets.ts";
import { plotlyText } from "../ui/plotly-text.ts";
import { axis, baseLayout } from "./figure-style.ts";
import type { ViewContext, ViewOutput, ViewSpec } from "./view.ts";

function build(ctx: ViewContext): ViewOutput {
  const { learners, problem, state } = ctx;
  if (learners.length === 0) return { figures: [], notes: ["No learner selected."], tables: [] };
  if (problem.targets.length === 0) {
    return {
      figures: [],
      notes: ["The suite set no target ladder for this problem, so there is no ECDF."],
      tables: [],
    };
  }
  const notes: string[] = [];
  let cost: TargetCost = "flops";
  if ((TARGET_COSTS as readonly string[]).includes(state.x)) cost = state.x as TargetCost;
  else notes.push(`Targets record no ${X_AXIS_TITLES[state.x]}; the ECDF is drawn against FLOPs.`);
  const budgetOf = (r: (typeof learners)[number]["runs"][number]) =>
    cost === "wallMs" ? (r.trace.at(-1)?.wallMs ?? 0) : r.cost[cost];
  const curves = learners.map((l) => ecdfCurve(hitTable(l.runs, problem.targets, cost)));
  // Start where the first positive cost is, so a log axis shows the whole rise.
  let start = Number.POSITIVE_INFINITY;
  for (const c of curves) for (const x of c.costs) if (x > 0 && x < start) start = x;
  for (const l of learners) {
    for (const r of l.runs) {
      for (const c of r.trace) {
        if (c[cost] > 0 && c[cost] < start) start = c[cost];
      }
    }
  }
  if (!Number.isFinite(start))
    return { figures: [], notes: [...notes, "No run has a positive cost to draw."], tables: [] };
  const data: Data[] = learners.map((l, i) => {
    const end = Math.max(start, ...l.runs.filter((r) => r.status !== "failed").map(budgetOf));
    const pts = ecdfStepPoints(curves[i], start, end);
    return {
      type: "scatter",
      mode: "lines",
      x: pts.x,
      y: pts.y,
      line: { shape: "hv", width: 2, color: ctx.colors.get(l.key) ?? "#333" },
      name: `${plotlyText(l.label)} (${curves[i].reached}/${curves[i].pairs})`,
      legendgroup: plotlyText(l.key),
      hovertemplate: "budget %{x:.3s}<br>%{y:.0%} of (run, target) pairs<extra>%{fullData.name}</extra>",
    };
  });
  return {
    figures: [
      {
        id: "ecdf",
        data,
        layout: {
          ...baseLayout(
            `Runtime ECDF over ${problem.targets.length} targets × runs (legend: pairs reached / all pairs)`,
          ),
          xaxis: axis(X_AXIS_TITLES[cost], true),
          yaxis: axis("fraction of (run, target) pairs reached", false, {
            range: [0, 1.02],
            tickformat: ".0%",
          }),
        },
        height: 420,
      },
    ],
    notes,
    tables: [],
  };
}

/** ECDF of (run, target) pairs reached against cost, as COCO and IOHprofiler draw it. */
export const ecdfView: ViewSpec = {
  id: "ecdf",
  title: "ECDF of targets reached",
  description:
    "For every budget, the fraction of (run, target) pairs whose validation target was reached within that budget, over all runs of a learner (failed runs excluded) and all targets of the ladder: the runtime ECDF of COCO and IOHprofiler. Higher and further left is better; the curve stays flat after a learner's budget where it stopped improving.",
  build,
};
