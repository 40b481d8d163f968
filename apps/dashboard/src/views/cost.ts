import type { Data } from "plotly.js";
import { targetLabel, targetOutcomes } from "../transforms/targets.ts";
import { plotlyText } from "../ui/plotly-text.ts";
import { axis, baseLayout, panelTitle } from "./figure-style.ts";
import type { Figure, ViewContext, ViewOutput, ViewSpec } from "./view.ts";

type Learner = ViewContext["learners"][number];

/** One box per learner and cost (FLOPs in the left panel, wall time in the right) over the runs that reached each target. */
function costBoxes(l: Learner, ladder: number[], labels: string[], color: string): Data[] {
  const name = plotlyText(l.label);
  return (["flops", "wallMs"] as const).map((cost, pi) => {
    const outcomes = targetOutcomes(l.runs, ladder, cost);
    const x: string[] = [];
    const y: number[] = [];
    outcomes.forEach((o, t) => {
      for (const h of o.hits) {
        x.push(labels[t]);
        y.push(h);
      }
    });
    return {
      type: "box",
      x,
      y,
      name,
      legendgroup: plotlyText(l.key),
      showlegend: pi === 0,
      marker: { color, size: 4 },
      line: { color },
      boxpoints: "all",
      jitter: 0.3,
      pointpos: 0,
      xaxis: pi === 0 ? "x" : "x2",
      yaxis: pi === 0 ? "y" : "y2",
      hovertemplate: `%{y:.3s}${cost === "wallMs" ? " ms" : " FLOPs"}<extra>%{fullData.name}</extra>`,
    };
  });
}

/** A learner's bars: the fraction of its runs that reached each target. */
function successBars(l: Learner, ladder: number[], labels: string[], color: string): Data {
  const outcomes = targetOutcomes(l.runs, ladder, "flops");
  return {
    type: "bar",
    x: labels,
    y: outcomes.map((o) => o.successRate),
    text: outcomes.map((o) => `${o.hits.length}/${o.runs}`),
    textposition: "outside",
    cliponaxis: false,
    name: plotlyText(l.label),
    legendgroup: plotlyText(l.key),
    marker: { color },
    hovertemplate: "%{x}: %{text} runs reached it<extra>%{fullData.name}</extra>",
  };
}

/** The two figures: cost to each target (FLOPs and wall-time panels), and success rates. */
function costFigures(metric: string, boxes: Data[], bars: Data[]): Figure[] {
  const domains: [number, number][] = [
    [0, 0.47],
    [0.53, 1],
  ];
  return [
    {
      id: "cost-to-target",
      data: boxes,
      layout: {
        ...baseLayout(`Cost to first reach each validation ${metric} target (successful runs only)`),
        boxmode: "group",
        xaxis: axis(`target (validation ${metric})`, false, {
          domain: domains[0],
          anchor: "y",
          type: "category",
        }),
        yaxis: axis("FLOPs to target", true, { anchor: "x" }),
        xaxis2: axis(`target (validation ${metric})`, false, {
          domain: domains[1],
          anchor: "y2",
          type: "category",
        }),
        yaxis2: axis("wall time to target (ms)", true, { anchor: "x2" }),
        annotations: [panelTitle("FLOPs", domains[0]), panelTitle("wall time", domains[1])],
      },
      height: 440,
    },
    {
      id: "success-rate",
      data: bars,
      layout: {
        ...baseLayout("Success rate: fraction of runs that reached each target"),
        barmode: "group",
        xaxis: axis(`target (validation ${metric})`, false, { type: "category" }),
        yaxis: axis("success rate", false, { range: [0, 1.15], tickformat: ".0%" }),
      },
      height: 380,
    },
  ];
}

function build(ctx: ViewContext): ViewOutput {
  const { learners, problem } = ctx;
  if (learners.length === 0) return { figures: [], notes: ["No learner selected."], tables: [] };
  if (problem.targets.length === 0) {
    return {
      figures: [],
      notes: ["The suite set no target ladder for this problem, so there is no time-to-target."],
      tables: [],
    };
  }
  const labels = problem.targets.map((t) => targetLabel(t, problem.metric.higherIsBetter));
  const boxes: Data[] = [];
  const bars: Data[] = [];
  let failed = 0;
  for (const l of learners) {
    const color = ctx.colors.get(l.key) ?? "#333";
    failed += l.runs.filter((r) => r.status === "failed").length;
    boxes.push(...costBoxes(l, problem.targets, labels, color));
    bars.push(successBars(l, problem.targets, labels, color));
  }
  const notes =
    failed > 0
      ? [
          `${failed} failed run${failed === 1 ? " is" : "s are"} left out (as in the report); a diverged run counts as not reaching what it missed.`,
        ]
      : [];
  return { figures: costFigures(problem.metric.name, boxes, bars), notes, tables: [] };
}

/** Cost: FLOPs and wall time to reach each target, and success rates. */
export const costView: ViewSpec = {
  id: "cost",
  title: "Cost to target",
  description:
    "For each target of the suite's ladder (a value of the validation metric), the FLOPs and wall time at which each run first reached it (box plots over the runs that did), and the fraction of runs that reached it at all.",
  build,
};
