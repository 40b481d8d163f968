import type { Config, PlotlyHTMLElement } from "plotly.js";
import { labelLogAxes } from "../views/label-log-axes.ts";
import type { Figure } from "../views/view.ts";
import { el } from "./dom.ts";
import type { PlotlyApi } from "./plotly-global.ts";

const CONFIG: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  modeBarButtonsToRemove: ["select2d", "lasso2d"],
};

/**
 * Draws figures into a container, reusing each figure's div across renders (keyed by figure id) so
 * Plotly.react can update it in place, and purging divs whose figure is gone. Every log axis is
 * labelled here, the one place all figures pass ({@link labelLogAxes}).
 */
export async function renderFigures(
  container: HTMLElement,
  figures: Figure[],
  plotly: PlotlyApi,
): Promise<void> {
  const existing = new Map<string, HTMLElement>();
  for (const child of Array.from(container.children)) {
    if (child instanceof HTMLElement && child.dataset.figure) existing.set(child.dataset.figure, child);
  }
  const jobs: Promise<unknown>[] = [];
  for (const f of figures.map(labelLogAxes)) {
    let div = existing.get(f.id);
    existing.delete(f.id);
    if (!div) div = el("div", { class: "plot", attrs: { "data-figure": f.id } });
    container.append(div); // moves an existing div into order
    div.style.height = `${f.height}px`;
    jobs.push(plotly.react(div, f.data, { ...f.layout, height: f.height, autosize: true }, CONFIG));
  }
  for (const div of existing.values()) {
    plotly.purge(div as PlotlyHTMLElement);
    div.remove();
  }
  await Promise.all(jobs);
}
