import type { Data } from "plotly.js";
import { targetLabel, targetOutcomes } from "../transforms/targets.ts";
import { plotlyText } from "../ui/plotly-text.ts";
import { axis, baseLayout, panelTitle } from "./figure-style.ts";
import type { ViewContext, ViewOutput, ViewSpec } from "./view.ts";

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
    const name = plotlyText(l.label);
    failed += l.runs.filter((r) => r.status === "failed").length;
    (["flops", "wallMs"] as const).forEach((cost, pi) => {
      const outcomes = targetOutcomes(l.runs, problem.targets, cost);
      const x: string[] = [];
      const y: number[] = [];
      outcomes.forEach((o, t) => {
        for (const h of o.hits) {
          x.push(labels[t]);
          y.push(h);
        }
      });
      boxes.push({
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
      });
    });
    const outcomes = targetOutcomes(l.runs, problem.targets, "flops");
    bars.push({
      type: "bar",
      x: labels,
      y: outcomes.map((o) => o.successRate),
      text: outcomes.map((o) => `${o.hits.length}/${o.runs}`),
      textposition: "outside",
      cliponaxis: false,
      name,
      legendgroup: plotlyText(l.key),
      marker: { color },
      hovertemplate: "%{x}: %{text} runs reached it<extra>%{fullData.name}</extra>",
    });
  }
  const notes =
    failed > 0
      ? [
          `${failed} failed run${failed === 1 ? " is" : "s are"} left out (as in the report); a diverged run counts as not reaching what it missed.`,
        ]
      : [];
  const metric = problem.metric.name;
  const domains: [number, number][] = [
    [0, 0.47],
    [0.53, 1],
  ];
  return {
    figures: [
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
    ],
    notes,
    tables: [],
  };
}

/** Cost: FLOPs and wall time to reach each target, and success rates. */
export const costView: ViewSpec = {
  id: "cost",
  title: "Cost to target",
  description:
    "For each target of the suite's ladder (a value of the validation metric), the FLOPs and wall time at which each run first reached it (box plots over the runs that did), and the fraction of runs that reached it at all.",
  build,
};
