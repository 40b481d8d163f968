import type { Layout, LayoutAxis } from "plotly.js";
import { logAxisTicks } from "./log-axis-ticks.ts";
import type { Figure } from "./view.ts";

type AxisKey = `${"x" | "y"}axis${string}`;

/** `x`, `x2` … as a trace or shape names an axis → the layout key `xaxis`, `xaxis2` …. */
function layoutKey(ref: string): AxisKey {
  return `${ref[0]}axis${ref.slice(1)}` as AxisKey;
}

/** The positive finite numbers of a trace's or shape's coordinates. */
function pushPositive(into: number[], values: unknown): void {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) return;
  const list = values as ArrayLike<unknown>;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v === "number" && v > 0 && Number.isFinite(v)) into.push(v);
  }
}

/** Every positive value drawn against each axis: trace coordinates and shapes tied to the axis. */
function valuesByAxis(figure: Figure): Map<AxisKey, number[]> {
  const out = new Map<AxisKey, number[]>();
  const add = (key: AxisKey, values: unknown) => {
    const list = out.get(key) ?? [];
    pushPositive(list, values);
    out.set(key, list);
  };
  for (const trace of figure.data as Record<string, unknown>[]) {
    add(layoutKey((trace.xaxis as string | undefined) ?? "x"), trace.x);
    add(layoutKey((trace.yaxis as string | undefined) ?? "y"), trace.y);
  }
  for (const shape of figure.layout.shapes ?? []) {
    if (typeof shape.xref === "string" && /^x\d*$/.test(shape.xref))
      add(layoutKey(shape.xref), [shape.x0, shape.x1]);
    if (typeof shape.yref === "string" && /^y\d*$/.test(shape.yref))
      add(layoutKey(shape.yref), [shape.y0, shape.y1]);
  }
  return out;
}

/** The span an axis shows: its fixed range (log10 units on a log axis), else its data's extent. */
function spanOf(ax: Partial<LayoutAxis>, values: number[]): [number, number] | null {
  if (Array.isArray(ax.range) && ax.range.length === 2 && ax.range.every((r) => typeof r === "number")) {
    const [a, b] = ax.range as [number, number];
    return [10 ** Math.min(a, b), 10 ** Math.max(a, b)];
  }
  if (values.length === 0) return null;
  let lo = values[0];
  let hi = values[0];
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * The figure with readable labels on each of its log axes ({@link logAxisTicks} over the values drawn
 * against the axis): decades only when the span holds two or more, full values on shorter spans, never a
 * bare "2" or "5". Axes that set their own ticks (`tickvals`, e.g. the log₂ axes of the tuning budget and
 * the performance profiles) are left alone; an axis that `matches` another takes the union of both
 * spans and the same ticks, so matched panels are labelled alike. Every figure the dashboard draws goes
 * through this (in `renderFigures`), so no view can forget it.
 */
export function labelLogAxes(figure: Figure): Figure {
  const layout = figure.layout as Partial<Layout> & Record<string, Partial<LayoutAxis> | undefined>;
  const keys = Object.keys(layout).filter(
    (k): k is AxisKey =>
      /^[xy]axis\d*$/.test(k) && layout[k]?.type === "log" && layout[k]?.tickvals === undefined,
  );
  if (keys.length === 0) return figure;
  const values = valuesByAxis(figure);
  const groupOf = (k: AxisKey): AxisKey => {
    const m = layout[k]?.matches;
    return typeof m === "string" ? layoutKey(m) : k;
  };
  const pooled = new Map<AxisKey, number[]>();
  for (const k of keys) pooled.set(groupOf(k), [...(pooled.get(groupOf(k)) ?? []), ...(values.get(k) ?? [])]);
  const next: Record<string, unknown> = { ...layout };
  for (const k of keys) {
    const ax = layout[k] ?? {};
    const span = spanOf(layout[groupOf(k)] ?? ax, pooled.get(groupOf(k)) ?? []);
    if (span !== null) next[k] = { ...ax, ...logAxisTicks(span[0], span[1]) };
  }
  return { ...figure, layout: next as Partial<Layout> };
}
