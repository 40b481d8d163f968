import type { BaselineRole } from "@arena/results";
import type { Dash, Data } from "plotly.js";
import type { BaselineLevel } from "../transforms/baseline-levels.ts";
import { plotlyText } from "../ui/plotly-text.ts";

/** Baselines are drawn in grey, apart from the learners' palette. */
export const BASELINE_COLOR = "#6e7781";

/** A dash per role, so two baselines' lines can be told apart without colour. */
const DASH: Record<BaselineRole, Dash> = { trivial: "dash", linear: "longdash", naive: "dashdot" };

/** Where and how to draw baseline reference lines. */
export interface BaselineLineStyle {
  xaxis?: string;
  yaxis?: string;
  showlegend: boolean;
  /** What the level is, for the hover text, e.g. "validation accuracy" (no user text). */
  what: string;
  /** Log y axis: levels ≤ 0 cannot be drawn and are left out. */
  logY: boolean;
}

/**
 * One dashed horizontal line per baseline level, from `x0` to `x1` (the span of the learners' grid,
 * so a baseline's zero-cost checkpoint never reaches a log axis), labelled with the method at its
 * right end and named `baseline: <method>` in the legend, one legend group per baseline.
 */
export function baselineLineTraces(
  levels: BaselineLevel[],
  x0: number,
  x1: number,
  style: BaselineLineStyle,
): Data[] {
  return levels
    .filter((l) => Number.isFinite(l.median) && (!style.logY || l.median > 0))
    .map((l) => ({
      type: "scatter",
      mode: "text+lines",
      x: [x0, x1],
      y: [l.median, l.median],
      customdata: [l.n, l.n],
      text: ["", plotlyText(l.method)],
      textposition: "top left",
      textfont: { color: BASELINE_COLOR, size: 11 },
      line: { color: BASELINE_COLOR, width: 1.5, dash: l.role === null ? "dash" : DASH[l.role] },
      name: plotlyText(l.label),
      legendgroup: plotlyText(l.key),
      showlegend: style.showlegend,
      hovertemplate: `median ${style.what} %{y:.4g} over %{customdata} fits<extra>%{fullData.name}</extra>`,
      xaxis: style.xaxis ?? "x",
      yaxis: style.yaxis ?? "y",
    }));
}
