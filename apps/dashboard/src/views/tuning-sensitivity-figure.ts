import type { RunRecord } from "@arena/results";
import type { AxisName, Data, Layout, LayoutAxis, Shape } from "plotly.js";
import type {
  SensitivityPanel,
  SensitivityPlot,
  SensitivityPoint,
} from "../transforms/tuning-sensitivity.ts";
import { plotlyText } from "../ui/plotly-text.ts";
import { axis, baseLayout } from "./figure-style.ts";
import { fmtParamValue } from "./tuning-table.ts";
import type { Figure } from "./view.ts";

/** Red of the × that marks a trial that did not finish (not a learner colour: it must stand out). */
export const UNFINISHED_COLOR = "#d1242f";
/** Most panels side by side; more hyperparameters wrap to another row. */
const COLUMNS = 4;
const ROW_HEIGHT = 250;

/** What a sensitivity figure needs besides the panels. */
export interface SensitivityFigureOptions {
  id: string;
  label: string;
  color: string;
  metric: RunRecord["metric"];
  /** Seeds per trial, for the y title (the score is their mean). */
  seeds: number;
}

/** A trial's hover label: trial, outcome, score, and every hyperparameter (names and values escaped). */
function hoverText(p: SensitivityPoint): string {
  const what = p.finished
    ? `score ${p.score.toPrecision(4)}`
    : `${p.status === "ok" ? "no finite validation metric" : p.status} (worst score, not drawn to scale)`;
  const params = Object.entries(p.params).map(
    ([k, v]) => `${plotlyText(k)} = ${plotlyText(fmtParamValue(v))}`,
  );
  return [`trial ${p.trial}${p.chosen ? " · chosen" : ""}`, what, ...params].join("<br>");
}

/** A panel's x values: escaped category labels, or the numbers as they are. */
const xOf = (p: SensitivityPoint) => (typeof p.x === "string" ? plotlyText(p.x) : p.x);

/** The traces of one panel: finished trials, trials that did not finish (red ×), and a ring on the chosen one. */
function panelTraces(panel: SensitivityPanel, index: number, options: SensitivityFigureOptions): Data[] {
  const axes = { xaxis: index === 0 ? "x" : `x${index + 1}`, yaxis: index === 0 ? "y" : `y${index + 1}` };
  const kinds: { points: SensitivityPoint[]; name: string; marker: Record<string, unknown> }[] = [
    {
      points: panel.points.filter((p) => p.finished),
      name: "trial",
      marker: { color: options.color, size: 8, opacity: 0.8 },
    },
    {
      points: panel.points.filter((p) => !p.finished),
      name: "diverged or failed (drawn at the worst end)",
      marker: { color: UNFINISHED_COLOR, size: 11, symbol: "x-thin-open", line: { width: 2.5 } },
    },
    {
      points: panel.points.filter((p) => p.chosen),
      name: "chosen",
      marker: { color: "#111", size: 17, symbol: "circle-open", line: { width: 2 } },
    },
  ];
  return kinds
    .filter((k) => k.points.length > 0)
    .map((k) => ({
      type: "scatter",
      mode: "markers",
      x: k.points.map(xOf),
      y: k.points.map((p) => p.y),
      text: k.points.map(hoverText),
      marker: k.marker,
      // A point at the edge of a panel (the best trial, the smallest value) is drawn whole.
      cliponaxis: false,
      name: k.name,
      legendgroup: k.name,
      showlegend: index === 0,
      hovertemplate: `%{text}<extra>${plotlyText(options.label)}</extra>`,
      ...axes,
    }));
}

/** The x axis of a panel: log, linear, or the space's categories in order. */
function panelAxis(panel: SensitivityPanel, domain: [number, number], anchor: AxisName): Partial<LayoutAxis> {
  const title = plotlyText(panel.param);
  if (panel.axis.kind === "category") {
    return axis(title, false, {
      type: "category",
      categoryorder: "array",
      categoryarray: panel.axis.categories.map(plotlyText),
      domain,
      anchor,
    });
  }
  // A log axis is labelled like every other when drawn (labelLogAxes): decades, or full values.
  return axis(title, panel.axis.kind === "log", { domain, anchor });
}

/** Column and row domains of panel i of n, with gaps between panels. */
function domains(i: number, n: number): { x: [number, number]; y: [number, number] } {
  const cols = Math.min(n, COLUMNS);
  const rows = Math.ceil(n / COLUMNS);
  const [c, r] = [i % COLUMNS, Math.floor(i / COLUMNS)];
  const w = 1 / cols;
  const h = 1 / rows;
  return {
    x: [c * w + (c > 0 ? 0.04 : 0), (c + 1) * w - (c < cols - 1 ? 0.02 : 0)],
    y: [1 - (r + 1) * h + (r < rows - 1 ? 0.12 * h : 0), 1 - r * h - (r > 0 ? 0.06 * h : 0)],
  };
}

/** A dotted red line at the level where trials that did not finish are drawn, so it reads as "off scale". */
function unfinishedLine(y: number, index: number): Partial<Shape> {
  return {
    type: "line",
    xref: index === 0 ? "x domain" : (`x${index + 1} domain` as Shape["xref"]),
    x0: 0,
    x1: 1,
    yref: index === 0 ? "y" : (`y${index + 1}` as Shape["yref"]),
    y0: y,
    y1: y,
    line: { color: UNFINISHED_COLOR, width: 1, dash: "dot" },
    layer: "below",
  };
}

/**
 * Sensitivity of one tuned learner: one small scatter per hyperparameter, every trial's value against
 * its score (the mean final validation metric over its seeds), sharing the y axis; trials that did not
 * finish are red × at the worst end, and the chosen trial has a ring.
 */
export function sensitivityFigure(plot: SensitivityPlot, options: SensitivityFigureOptions): Figure {
  const n = plot.panels.length;
  const { metric } = options;
  const layout: Record<string, unknown> = {
    ...baseLayout(
      `${plotlyText(options.label)}: each trial's validation ${metric.name} (mean of ${options.seeds} seed${options.seeds === 1 ? "" : "s"}) against its hyperparameters`,
    ),
    // The legend (three marker kinds) at the top right, clear of the panels' axis titles.
    legend: { orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom" },
    margin: { l: 70, r: 20, t: 80, b: 50 },
  };
  const shapes: Partial<Shape>[] = [];
  plot.panels.forEach((panel, i) => {
    const d = domains(i, n);
    const suffix = i === 0 ? "" : String(i + 1);
    layout[`xaxis${suffix}`] = panelAxis(panel, d.x, `y${suffix}` as AxisName);
    layout[`yaxis${suffix}`] = axis(
      i % COLUMNS === 0
        ? `validation ${metric.name}<br>(${metric.higherIsBetter ? "higher" : "lower"} is better)`
        : "",
      false,
      { domain: d.y, anchor: `x${suffix}` as AxisName, ...(i > 0 ? { matches: "y" } : {}) },
    );
    if (plot.unfinished > 0) shapes.push(unfinishedLine(plot.unfinishedY, i));
  });
  layout.shapes = shapes;
  return {
    id: options.id,
    data: plot.panels.flatMap((panel, i) => panelTraces(panel, i, options)),
    // Axes keyed xaxis2, yaxis3 … are built by name, which Layout's type cannot follow.
    layout: layout as Partial<Layout>,
    height: 90 + ROW_HEIGHT * Math.ceil(Math.max(n, 1) / COLUMNS),
  };
}
