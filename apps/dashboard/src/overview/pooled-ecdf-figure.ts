import type { Data } from "plotly.js";
import { X_AXIS_TITLES } from "../transforms/axes.ts";
import { ecdfStepPoints } from "../transforms/ecdf.ts";
import type { PooledEcdfs } from "../transforms/pooled-ecdf.ts";
import { plotlyText } from "../ui/plotly-text.ts";
import { axis, BOTTOM_LEGEND, BOTTOM_LEGEND_HEIGHT, baseLayout } from "../views/figure-style.ts";
import type { Figure } from "../views/view.ts";

/**
 * The runtime ECDF pooled over (problem, target, run) pairs against one cost: per learner, the
 * exact step curve from the first positive cost to its largest budget (flat after it stopped
 * improving), the pairs reached / all pairs in the legend. Learners without a pair (no target
 * ladder) are left out. Null when nothing has a positive cost.
 */
export function pooledEcdfFigure(pooled: PooledEcdfs, colors: Map<string, string>): Figure | null {
  const { start } = pooled;
  const learners = pooled.learners.filter((l) => l.curve.pairs > 0);
  if (start === null || learners.length === 0) return null;
  const data: Data[] = learners.map((l) => {
    const pts = ecdfStepPoints(l.curve, start, Math.max(start, l.budget));
    return {
      type: "scatter",
      mode: "lines",
      x: pts.x,
      y: pts.y,
      line: { shape: "hv", width: 2, color: colors.get(l.learner) ?? "#333" },
      name: `${plotlyText(l.learner)} (${l.curve.reached}/${l.curve.pairs}, ${l.problems} problem${l.problems === 1 ? "" : "s"})`,
      legendgroup: plotlyText(l.learner),
      hovertemplate:
        "budget %{x:.3s}<br>%{y:.0%} of (problem, target, run) pairs<extra>%{fullData.name}</extra>",
    };
  });
  return {
    id: `pooled-ecdf-${pooled.cost}`,
    data,
    layout: {
      ...baseLayout(`Runtime ECDF over problems × targets × runs, against ${X_AXIS_TITLES[pooled.cost]}`),
      xaxis: axis(X_AXIS_TITLES[pooled.cost], true),
      yaxis: axis("fraction of pairs reached", false, { range: [0, 1.02], tickformat: ".0%" }),
      ...BOTTOM_LEGEND,
    },
    height: BOTTOM_LEGEND_HEIGHT,
  };
}
