import type { Annotations, Layout, LayoutAxis } from "plotly.js";

/** Plotly's default qualitative palette (D3 category10): distinct and familiar. */
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
];

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

/** An axis with a title, grid lines and log or linear type. */
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
    // On log axes label 1, 2 and 5 of each decade: all nine digits crowd the axis.
    ...(log ? { dtick: "D2" } : {}),
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
