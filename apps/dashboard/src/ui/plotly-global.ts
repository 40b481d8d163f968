import type * as PlotlyTypes from "plotly.js-dist-min";

/** The Plotly API. */
export type PlotlyApi = typeof PlotlyTypes;

/**
 * Plotly is loaded by its own classic `<script>` (the prebuilt, already minified plotly.js-dist-min
 * file copied next to the app), not bundled: the build stays fast and the page works from file://,
 * where module scripts are blocked. This returns the global it defines, or null if it did not load.
 */
export function plotlyGlobal(): PlotlyApi | null {
  const p = (globalThis as { Plotly?: PlotlyApi }).Plotly;
  return p && typeof p.react === "function" ? p : null;
}
