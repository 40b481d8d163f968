import type { Data } from "plotly.js";
import type { Band } from "../transforms/bands.ts";
import type { Series } from "../transforms/step-interpolation.ts";
import { plotlyText } from "../ui/plotly-text.ts";
import { withAlpha } from "./figure-style.ts";

/** Where and how to draw a learner's band. */
export interface BandStyle {
  /** The learner's label (user text: escaped here). */
  label: string;
  key: string;
  color: string;
  xaxis?: string;
  yaxis?: string;
  showlegend: boolean;
  dash?: "solid" | "dot" | "dash";
  /** Appended to the trace name, e.g. " · train". */
  suffix?: string;
}

/**
 * The outline of a step-wise band as one closed polygon: along the upper curve forward, then along
 * the lower curve back, each with a horizontal then a vertical segment per grid step (the shape of
 * Plotly's `line.shape: "hv"`, which a filled polygon cannot use, as it would turn the wrong way on
 * the way back).
 */
export function stepPolygon(x: number[], upper: number[], lower: number[]): { x: number[]; y: number[] } {
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (i > 0) {
      px.push(x[i]);
      py.push(upper[i - 1]);
    }
    px.push(x[i]);
    py.push(upper[i]);
  }
  for (let i = x.length - 1; i >= 0; i--) {
    px.push(x[i]);
    py.push(lower[i]);
    if (i > 0) {
      px.push(x[i]);
      py.push(lower[i - 1]);
    }
  }
  return { x: px, y: py };
}

/**
 * An inter-quartile band as one filled polygon, in the learner's legend group and colour, with no hover
 * of its own (the median line's hover gives the quartiles).
 */
export function bandFillTrace(
  polygon: { x: number[]; y: number[] },
  color: string,
  key: string,
  name: string,
): Data {
  return {
    type: "scatter",
    mode: "lines",
    x: polygon.x,
    y: polygon.y,
    fill: "toself",
    fillcolor: withAlpha(color, 0.18),
    line: { width: 0, color },
    hoverinfo: "skip",
    showlegend: false,
    legendgroup: plotlyText(key),
    name: `${name} IQR`,
  };
}

/**
 * Two traces for one learner: the inter-quartile band as one filled polygon (q3 forward, q1 back),
 * and the median line, both drawn as steps (the curves are step functions: last value carried
 * forward). Both share the learner's legend group, so clicking the legend hides both.
 */
export function bandTraces(band: Band, style: BandStyle): Data[] {
  const name = plotlyText(style.label) + (style.suffix ?? "");
  const axes = { xaxis: style.xaxis ?? "x", yaxis: style.yaxis ?? "y" };
  return [
    { ...bandFillTrace(stepPolygon(band.x, band.q3, band.q1), style.color, style.key, name), ...axes },
    {
      type: "scatter",
      mode: "lines",
      x: band.x,
      y: band.median,
      customdata: band.n,
      line: { width: 2, color: style.color, dash: style.dash ?? "solid", shape: "hv" },
      name,
      legendgroup: plotlyText(style.key),
      showlegend: style.showlegend,
      hovertemplate: "x %{x:.3s}<br>median %{y:.4g}<br>seeds %{customdata}<extra>%{fullData.name}</extra>",
      ...axes,
    },
  ];
}

/**
 * Every seed's raw checkpoints as one trace, curves separated by gaps (null), so hundreds of seeds
 * cost one trace rather than hundreds.
 */
export function seedsTrace(series: Series[], style: BandStyle): Data {
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  for (const s of series) {
    for (let i = 0; i < s.x.length; i++) {
      x.push(s.x[i]);
      y.push(s.y[i]);
    }
    x.push(null);
    y.push(null);
  }
  return {
    type: "scatter",
    mode: "lines",
    x,
    y,
    connectgaps: false,
    line: { width: 1, color: withAlpha(style.color, 0.45), shape: "hv" },
    name: `${plotlyText(style.label)} seeds${style.suffix ?? ""}`,
    legendgroup: plotlyText(style.key),
    showlegend: false,
    hoverinfo: "skip",
    xaxis: style.xaxis ?? "x",
    yaxis: style.yaxis ?? "y",
  };
}
