import type { OverviewCase, OverviewProfile } from "@arena/results";
import type { Data } from "plotly.js";
import { profileEnd, profileSteps } from "../transforms/profile-steps.ts";
import { plotlyText } from "../ui/plotly-text.ts";
import { axis, BOTTOM_LEGEND, BOTTOM_LEGEND_HEIGHT, baseLayout } from "../views/figure-style.ts";
import type { Figure } from "../views/view.ts";
import { COST_WORDS } from "./overview-table.ts";

/** τ = 1, 2, 4 … end: a log₂ axis labels powers of two, evenly spaced. */
function powersOfTwo(end: number): number[] {
  const out: number[] = [];
  for (let t = 1; t <= end; t *= 2) out.push(t);
  return out;
}

/**
 * One cost's performance profile (Dolan & Moré) from the report's overview: per learner, ρ(τ), the
 * fraction of the profiled problems it reached the problem's target within τ times the fastest
 * learner's cost (ERT), as exact steps on a log₂ τ axis from 1 to past the largest finite ratio; the
 * AlgoPerf score (area under ρ from 1 to τ_max, over τ_max − 1) in the legend and τ_max marked. Null when
 * no problem has a profile target.
 */
export function profileFigure(
  profile: OverviewProfile,
  cases: OverviewCase[],
  colors: Map<string, string>,
): Figure | null {
  if (profile.cases.length === 0 || profile.learners.length === 0) return null;
  const end = profileEnd(
    profile.learners.map((l) => l.ratios),
    profile.tauMax,
  );
  const data: Data[] = profile.learners.map((l) => {
    const pts = profileSteps(l.ratios, end);
    return {
      type: "scatter",
      mode: "lines",
      x: pts.x,
      y: pts.y,
      line: { shape: "hv", width: 2, color: colors.get(l.learner) ?? "#333" },
      name: `${plotlyText(l.learner)} (score ${l.score.toFixed(2)})`,
      legendgroup: plotlyText(l.learner),
      hovertemplate: "τ = %{x:.3g}: %{y:.0%} of problems<extra>%{fullData.name}</extra>",
    };
  });
  const ticks = powersOfTwo(end);
  const problems = profile.cases.map((i) => cases[i]?.label ?? `case ${i}`);
  const cost = COST_WORDS[profile.cost];
  return {
    id: `profile-${profile.cost}`,
    data,
    layout: {
      ...baseLayout(
        `Performance profile, ${cost} to target (${problems.length} problems; AlgoPerf score in the legend)`,
      ),
      xaxis: axis(`τ: ${cost} ÷ the fastest learner's (log₂)`, true, {
        tickmode: "array",
        tickvals: ticks,
        ticktext: ticks.map(String),
        range: [-0.02, Math.log10(end)],
      }),
      yaxis: axis("fraction of problems within τ", false, { range: [0, 1.04], tickformat: ".0%" }),
      shapes: [
        {
          type: "line",
          xref: "x",
          yref: "paper",
          x0: profile.tauMax,
          x1: profile.tauMax,
          y0: 0,
          y1: 1,
          line: { color: "#888", width: 1, dash: "dot" },
        },
      ],
      annotations: [
        {
          text: `τ_max = ${profile.tauMax}`,
          xref: "x",
          yref: "paper",
          x: Math.log10(profile.tauMax),
          y: 1,
          xanchor: "left",
          yanchor: "bottom",
          showarrow: false,
          font: { size: 11, color: "#59636e" },
        },
      ],
      ...BOTTOM_LEGEND,
    },
    height: BOTTOM_LEGEND_HEIGHT,
  };
}
