import type { RunRecord } from "@arena/results";
import type { Data } from "plotly.js";
import type { BudgetCurve } from "../transforms/tuning-budget.ts";
import { plotlyText } from "../ui/plotly-text.ts";
import { bandFillTrace } from "./band-traces.ts";
import { axis, baseLayout } from "./figure-style.ts";
import type { Figure } from "./view.ts";

/** What the budget figure needs besides the curves. */
export interface BudgetFigureOptions {
  colorOf: (key: string) => string;
  metric: RunRecord["metric"];
  /** Log₂ axis of k (the header's "log x"), else a linear integer axis. */
  logX: boolean;
}

/** The q1–q3 band as one closed polygon (q3 forward, q1 back) over the k where both are finite. */
function bandPolygon(c: BudgetCurve): { x: number[]; y: number[] } {
  const at = c.k.map((_, i) => i).filter((i) => c.q1[i] !== null && c.q3[i] !== null);
  return {
    x: [...at.map((i) => c.k[i]), ...at.map((i) => c.k[i]).reverse()],
    y: [...at.map((i) => c.q3[i] as number), ...at.map((i) => c.q1[i] as number).reverse()],
  };
}

/** A number for a hover label; "–" where the value is not finite (a diverged trial can fill the draws). */
const hoverNum = (v: number | null) => (v === null ? "–" : v.toPrecision(4));

/** Band and median line of one learner, in one legend group so the legend hides both. */
function curveTraces(c: BudgetCurve, color: string): Data[] {
  const name = plotlyText(c.label);
  const polygon = bandPolygon(c);
  const hover = c.k.map(
    (_, i) =>
      `median ${hoverNum(c.median[i])}<br>IQR [${hoverNum(c.q1[i])}, ${hoverNum(c.q3[i])}]<br>mean ${hoverNum(c.mean[i])}`,
  );
  return [
    bandFillTrace(polygon, color, c.key, name),
    {
      type: "scatter",
      mode: "lines+markers",
      x: c.k,
      y: c.median,
      text: hover,
      connectgaps: false,
      line: { width: 2, color },
      marker: { size: 5, color },
      name,
      legendgroup: plotlyText(c.key),
      hovertemplate: "best of %{x} trials<br>%{text}<extra>%{fullData.name}</extra>",
    },
  ];
}

/** Ticks at k = 1, 2, 4, 8 … and at the largest k, where a log₂ axis puts them evenly. */
export function powerOfTwoTicks(maxK: number): number[] {
  const ticks: number[] = [];
  for (let k = 1; k <= maxK; k *= 2) ticks.push(k);
  if (ticks.at(-1) !== maxK && maxK > 0) ticks.push(maxK);
  return ticks;
}

/** The x axis of k: log₂-spaced ticks on a log axis, or whole numbers on a linear one. */
function kAxis(maxK: number, logX: boolean) {
  const ticks = powerOfTwoTicks(maxK);
  return logX
    ? axis("trials (k)", true, {
        tickmode: "array",
        tickvals: ticks,
        ticktext: ticks.map(String),
        range: [Math.log10(0.9), Math.log10(maxK * 1.1)],
      })
    : axis("trials (k)", false, { tickformat: "d", dtick: Math.max(1, Math.ceil(maxK / 12)), tick0: 0 });
}

/**
 * Performance against tuning budget: per tuned learner, the median best validation metric of k trials
 * with its inter-quartile band, k = 1 … N. Where lines cross, the learners' ranking depends on how
 * many trials one can afford.
 */
export function budgetFigure(curves: BudgetCurve[], options: BudgetFigureOptions): Figure {
  const { metric } = options;
  const maxK = Math.max(1, ...curves.map((c) => c.k.length));
  const yTitle = `best validation ${metric.name} of k trials<br>(${metric.higherIsBetter ? "higher" : "lower"} is better)`;
  return {
    id: "tuning-budget",
    data: curves.flatMap((c) => curveTraces(c, options.colorOf(c.key))),
    layout: {
      ...baseLayout(
        `Best validation ${metric.name} of k trials against the tuning budget: median, band = inter-quartile range`,
      ),
      xaxis: kAxis(maxK, options.logX),
      yaxis: axis(yTitle, false),
    },
    height: 420,
  };
}
