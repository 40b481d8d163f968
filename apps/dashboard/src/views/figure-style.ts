import type { Annotations, Layout, LayoutAxis } from "plotly.js";

/**
 * Plotly's default qualitative palette (D3 category10), then ten darker hues from D3's category20b/c,
 * so a suite with all 13 default learners draws no two of them in one colour.
 */
export const PALETTE = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
  "#393b79",
  "#e6550d",
  "#637939",
  "#ad494a",
  "#7b4173",
  "#8c6d31",
  "#3182bd",
  "#31a354",
  "#756bb1",
  "#636363",
];

/**
 * A figure whose legend (one entry per learner, up to 13 or more) sits below the plot, anchored to the
 * figure's bottom edge rather than the plot's, so its rows never run into the x axis title.
 */
export const BOTTOM_LEGEND: Partial<Layout> = {
  legend: { orientation: "h", x: 0, y: 0, yref: "container", yanchor: "bottom" },
  margin: { l: 70, r: 20, t: 60, b: 190 },
};

/** The height of a figure with {@link BOTTOM_LEGEND}: the plot keeps about 300 px above it. */
export const BOTTOM_LEGEND_HEIGHT = 560;

/** One colour per key, in order, cycling through the palette. */
export function colorMap(keys: string[]): Map<string, string> {
  return new Map(keys.map((k, i) => [k, PALETTE[i % PALETTE.length]]));
}

/** `#rrggbb` with an alpha, for bands. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Layout shared by all figures: readable fonts, legend below the plot, room for axis titles. */
export function baseLayout(title: string): Partial<Layout> {
  return {
    title: { text: title, x: 0, xanchor: "left", font: { size: 15 } },
    font: { family: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size: 12 },
    margin: { l: 70, r: 20, t: 60, b: 60 },
    legend: { orientation: "h", x: 0, y: -0.22, yanchor: "top" },
    hovermode: "closest",
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
  };
}

/**
 * An axis with a title, grid lines and log or linear type. A log axis gets its ticks when the figure is
 * drawn (`labelLogAxes`, from the values it shows): decades labelled, never a bare "2" or "5".
 */
export function axis(title: string, log: boolean, extra: Partial<LayoutAxis> = {}): Partial<LayoutAxis> {
  return {
    title: { text: title },
    type: log ? "log" : "linear",
    showgrid: true,
    gridcolor: "#e5e5e5",
    zeroline: false,
    showline: true,
    linecolor: "#888",
    ticks: "outside",
    exponentformat: "SI",
    automargin: true,
    ...extra,
  };
}

/** A subplot title placed above a panel (Plotly has no per-subplot titles of its own). */
export function panelTitle(text: string, domain: [number, number]): Partial<Annotations> {
  return {
    text,
    xref: "paper",
    yref: "paper",
    x: (domain[0] + domain[1]) / 2,
    y: 1.0,
    xanchor: "center",
    yanchor: "bottom",
    showarrow: false,
    font: { size: 13 },
  };
}
