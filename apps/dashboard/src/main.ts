import { startDashboard } from "./app.ts";
import { readEmbeddedData } from "./data/embedded-data.ts";
import { plotlyGlobal } from "./ui/plotly-global.ts";
import "./style.css";

declare global {
  interface Window {
    __ARENA_DATA__?: unknown;
    __arena?: ReturnType<typeof startDashboard>;
  }
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`dashboard: element #${id} is missing from index.html`);
  return node as T;
}

const plotly = plotlyGlobal();
if (plotly === null) {
  byId("notes").textContent =
    "plotly.min.js did not load (it should sit in assets/ next to this page), so no plot can be drawn.";
} else {
  window.__arena = startDashboard(
    {
      nav: byId("page-nav"),
      filters: byId("filters"),
      notes: byId("notes"),
      overview: byId("overview"),
      compare: byId("compare"),
      views: byId("views"),
      fileInput: byId<HTMLInputElement>("file-input"),
      dropOverlay: byId("drop-overlay"),
      source: byId("source"),
    },
    plotly,
    readEmbeddedData(window.__ARENA_DATA__),
  );
}
