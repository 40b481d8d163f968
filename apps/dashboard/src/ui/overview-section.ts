import type { OverviewOutput } from "../overview/overview-page.ts";
import { clear, el } from "./dom.ts";
import { renderOverviewTable } from "./overview-table.ts";
import type { PlotlyApi } from "./plotly-global.ts";
import { renderFigures } from "./render-figures.ts";

/** The overview page's parts. */
export interface OverviewSection {
  root: HTMLElement;
  notes: HTMLElement;
  table: HTMLElement;
  heatmap: HTMLElement;
  profiles: HTMLElement;
  ecdfs: HTMLElement;
}

/** A titled block of the page with a sentence saying what it shows. */
function block(id: string, title: string, description: string, body: HTMLElement): HTMLElement {
  return el("section", { class: "view", attrs: { id } }, [
    el("h2", { text: title }),
    el("p", { class: "description", text: description }),
    body,
  ]);
}

/** Builds the overview page's sections into `container` (filled by {@link showOverview}). */
export function createOverviewSection(container: HTMLElement): OverviewSection {
  const notes = el("ul", { class: "view-notes" });
  const table = el("div", { class: "tables" });
  const heatmap = el("div", { class: "figures" });
  const profiles = el("div", { class: "figures figure-pair" });
  const ecdfs = el("div", { class: "figures figure-pair" });
  const root = el("div", { attrs: { id: "overview-page" } }, [
    block(
      "overview-table",
      "Across problems",
      "Which learner is best overall: per problem, each learner's median final test metric normalised between the trivial baseline and the problem's best learner, its rank and whether it is significantly worse than the best, from report.json. Click a problem to see its views.",
      el("div", {}, [notes, table, heatmap]),
    ),
    block(
      "overview-profiles",
      "Performance profiles: cost to target",
      "Dolan–Moré profiles over the problems: for each τ, the fraction of problems on which the learner reached the problem's target within τ times the cost of the fastest learner there (expected running time, from report.json). The AlgoPerf score is the area under the curve from 1 to τ_max, scaled to [0, 1].",
      profiles,
    ),
    block(
      "overview-ecdf",
      "Runtime ECDF pooled over problems",
      "As COCO aggregates over functions: for each budget, the fraction of all (problem, target, run) pairs of the learner whose target was reached within it, every problem's target ladder pooled, learners matched by name; computed from the results (failed runs left out).",
      ecdfs,
    ),
  ]);
  container.append(root);
  return { root, notes, table, heatmap, profiles, ecdfs };
}

/** Shows the overview: notes, the table (problem headers linking by `hrefFor`), and its figures. */
export async function showOverview(
  section: OverviewSection,
  out: OverviewOutput,
  plotly: PlotlyApi,
  hrefFor: (problem: string) => string,
): Promise<void> {
  clear(section.notes);
  clear(section.table);
  for (const n of out.notes) section.notes.append(el("li", { text: n }));
  if (out.table) section.table.append(renderOverviewTable(out.table, out.colors, hrefFor));
  await Promise.all([
    renderFigures(section.heatmap, out.heatmap ? [out.heatmap] : [], plotly),
    renderFigures(section.profiles, out.profiles, plotly),
    renderFigures(section.ecdfs, out.ecdfs, plotly),
  ]);
}
