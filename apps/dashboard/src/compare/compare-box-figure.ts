import type { Annotations, Data, Shape } from "plotly.js";
import { plotlyText } from "../ui/plotly-text.ts";
import { axis, baseLayout, withAlpha } from "../views/figure-style.ts";
import type { Figure } from "../views/view.ts";
import type { ComparePoint } from "./compare-points.ts";
import { type EdgeSide, edgeLevel } from "./edge-level.ts";

/** The two results sets, in the order their boxes stand in each group. */
export const COMPARE_SIDES = ["base", "new"] as const;
/** BASE or NEW. */
export type CompareSideName = (typeof COMPARE_SIDES)[number];
/** How the page names the sides. */
export const SIDE_NAMES: Record<CompareSideName, string> = { base: "BASE", new: "NEW" };

/** Warning colour of a regression's mark (the tables' warn tone). */
export const REGRESSION_COLOR = "#9a6700";
/** The edge line and its label. */
const EDGE_COLOR = "#6e7781";

/** One learner of a figure: its points on each side (a side without runs has none). */
export interface BoxSeries {
  key: string;
  /** The x category: the learner's label (with "(config changed)" when its settings differ). */
  label: string;
  color: string;
  points: Record<CompareSideName, ComparePoint[]>;
  /** Flagged by `arena compare`'s rule on this figure: marked above the learner's boxes. */
  regression: boolean;
  /** Shown on hover after the value, e.g. the target the cost counts to. */
  hover?: string;
}

/** A grouped box figure of BASE against NEW per learner. */
export interface BoxFigureSpec {
  id: string;
  title: string;
  yTitle: string;
  log: boolean;
  /** Where points without a value are drawn (the worst end) and what the line there says. */
  edge: { side: EdgeSide; label: string };
  series: BoxSeries[];
}

/** A side's look: BASE pale with open circles, NEW filled, so the pair reads without the legend. */
function sideStyle(side: CompareSideName, color: string) {
  return side === "base"
    ? { fillcolor: withAlpha(color, 0.06), marker: { color, size: 6, symbol: "circle-open" } }
    : { fillcolor: withAlpha(color, 0.3), marker: { color, size: 6, symbol: "circle" } };
}

/** One box of a learner and side; edge points at `edge`, every run a point with its seed on hover. */
function boxTrace(s: BoxSeries, side: CompareSideName, edge: number, edgeLabel: string): Data {
  const points = s.points[side];
  const extra = s.hover ? ` · ${plotlyText(s.hover)}` : "";
  return {
    type: "box",
    name: `${plotlyText(s.label)} · ${SIDE_NAMES[side]}`,
    x: points.map(() => plotlyText(s.label)),
    y: points.map((p) => p.value ?? edge),
    text: points.map((p) => `seed ${p.repetition}: ${p.value === null ? edgeLabel : p.value.toPrecision(4)}`),
    // Boxes of one side share a slot in every group: BASE left, NEW right.
    offsetgroup: side,
    boxpoints: "all",
    jitter: 0.4,
    pointpos: 0,
    line: { color: s.color, width: side === "base" ? 1 : 2 },
    ...sideStyle(side, s.color),
    legendgroup: plotlyText(s.key),
    hovertemplate: `${SIDE_NAMES[side]} %{text}${extra}<extra>%{x}</extra>`,
  } as Data;
}

/**
 * The dotted edge line across the plot and its label at the right. Plotly places a shape at data
 * values but an annotation on a log axis at the value's log10.
 */
function edgeMarks(
  y: number,
  log: boolean,
  label: string,
): { shape: Partial<Shape>; note: Partial<Annotations> } {
  return {
    shape: {
      type: "line",
      xref: "paper",
      x0: 0,
      x1: 1,
      yref: "y",
      y0: y,
      y1: y,
      line: { color: EDGE_COLOR, width: 1, dash: "dot" },
    },
    note: {
      x: 1,
      xref: "paper",
      xanchor: "right",
      y: log ? Math.log10(y) : y,
      yref: "y",
      yanchor: "bottom",
      showarrow: false,
      text: label,
      font: { size: 11, color: EDGE_COLOR },
    },
  };
}

/** "▼ regression" above a flagged learner's pair of boxes. */
function regressionMark(s: BoxSeries): Partial<Annotations> {
  return {
    x: plotlyText(s.label),
    xref: "x",
    y: 1,
    yref: "paper",
    yanchor: "bottom",
    showarrow: false,
    text: "▼ regression",
    font: { size: 12, color: REGRESSION_COLOR },
  };
}

/**
 * BASE and NEW side by side per learner (`boxmode: "group"`, one trace per learner and side), every
 * run a point; runs without a value to scale on a dotted line past the worst value, labelled; the
 * learners `arena compare` flags marked. Null when no learner has a point on either side.
 */
export function compareBoxFigure(spec: BoxFigureSpec): Figure | null {
  const all = spec.series.flatMap((s) => COMPARE_SIDES.flatMap((side) => s.points[side]));
  if (all.length === 0) return null;
  const values = all.flatMap((p) => (p.value === null ? [] : [p.value]));
  const edge = edgeLevel(values, spec.edge.side, spec.log);
  const hasEdge = all.some((p) => p.value === null);
  const data = spec.series.flatMap((s) =>
    COMPARE_SIDES.filter((side) => s.points[side].length > 0).map((side) =>
      boxTrace(s, side, edge, spec.edge.label),
    ),
  );
  const marks = hasEdge ? edgeMarks(edge, spec.log, spec.edge.label) : null;
  const layout = baseLayout(spec.title);
  return {
    id: spec.id,
    data,
    layout: {
      ...layout,
      margin: { ...layout.margin, t: 70 },
      boxmode: "group",
      xaxis: axis("", false, { type: "category" }),
      yaxis: axis(spec.yTitle, spec.log),
      shapes: marks ? [marks.shape] : [],
      annotations: [
        ...(marks ? [marks.note] : []),
        ...spec.series.filter((s) => s.regression).map(regressionMark),
      ],
    },
    height: 420,
  };
}
