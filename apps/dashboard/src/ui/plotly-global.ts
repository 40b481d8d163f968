import type * as PlotlyTypes from "plotly.js";

/** The Plotly API. */
export type PlotlyApi = typeof PlotlyTypes;

/**
 * Plotly is loaded by its own classic `<script>` (the prebuilt, already minified cartesian bundle,
 * plotly.js-cartesian-dist-min, copied next to the app), not bundled: the build stays fast and the
 * page works from file://, where module scripts are blocked. Its types are those of plotly.js (same
 * API). This returns the global it defines, or null if it did not load.
 */
export function plotlyGlobal(): PlotlyApi | null {
  const p = (globalThis as { Plotly?: PlotlyApi }).Plotly;
  return p && typeof p.react === "function" ? p : null;
}
