import type { Overview } from "@arena/results";
import type { Data } from "plotly.js";
import { plotlyText } from "../ui/plotly-text.ts";
import { axis, baseLayout } from "../views/figure-style.ts";
import type { Figure } from "../views/view.ts";
import { fixed2, MARK_SYMBOLS, MARK_WORDS } from "./overview-table.ts";

/** Dark (0, the trivial baseline) to light (1, the best): Viridis reads in grey and for colour-blind eyes. */
const SCALE = "Viridis";

/** Longer names are cut on the axes (the table beside it has them whole). */
const MAX_TICK = 24;

function short(s: string): string {
  return s.length > MAX_TICK ? `${s.slice(0, MAX_TICK - 1)}…` : s;
}

/** A problem's column label: the problem, and its model on a second line when it has several. */
function caseTick(label: string, problem: string): string {
  if (label === problem) return plotlyText(short(problem));
  return `${plotlyText(short(problem))}<br>${plotlyText(short(label.slice(problem.length + 1)))}`;
}

/**
 * The overview's normalised scores as a heat map, learners (best first, at the top) × problems, each
 * cell annotated with its score and mark, the colour clamped to [0, 1] (below 0, worse than the
 * baseline, shows as 0; the text says the value). Null when the overview has no cell.
 */
export function overviewHeatmap(overview: Overview): Figure | null {
  if (overview.cases.length === 0 || overview.learners.length === 0) return null;
  const x = overview.cases.map((c) => caseTick(c.label, c.problem));
  const y = overview.learners.map((l) => plotlyText(short(l.learner)));
  const z = overview.learners.map((l) =>
    l.cells.map((c) => (c && Number.isFinite(c.normalized) ? c.normalized : null)),
  );
  const text = overview.learners.map((l) =>
    l.cells.map((c) => (c ? `${fixed2(c.normalized)} ${MARK_SYMBOLS[c.mark]}`.trim() : "")),
  );
  // Whole names in the hover (escaped: Plotly renders its hover text as HTML-like markup).
  const hover = overview.learners.map((l) =>
    l.cells.map((c, i) => {
      const who = `${plotlyText(l.learner)} on ${plotlyText(overview.cases[i].label)}`;
      return c ? `${who}<br>rank ${c.rank}; ${MARK_WORDS[c.mark]}` : `${who}: did not run`;
    }),
  );
  // Plotly's types have 1-D text and no heatmap customdata; both are 2-D here, as Plotly takes them.
  const data = [
    {
      type: "heatmap",
      x,
      y,
      z,
      text,
      customdata: hover,
      texttemplate: "%{text}",
      zmin: 0,
      zmax: 1,
      colorscale: SCALE,
      colorbar: { title: { text: "normalised" }, thickness: 12, len: 0.9 },
      xgap: 2,
      ygap: 2,
      hovertemplate: "%{customdata}<br>normalised %{text}<extra></extra>",
    },
  ] as unknown as Data[];
  return {
    id: "overview-heatmap",
    data,
    layout: {
      ...baseLayout(
        "Normalised score per learner and problem (1 = the problem's best, 0 = its trivial baseline)",
      ),
      xaxis: axis("", false, { type: "category", showgrid: false, ticks: "", tickangle: 0 }),
      yaxis: axis("", false, { type: "category", showgrid: false, ticks: "", autorange: "reversed" }),
      margin: { l: 170, r: 20, t: 50, b: 50 },
    },
    height: 110 + 28 * overview.learners.length,
  };
}
