import type { RunRecord } from "@arena/results";
import { figureKey, type Split, type XAxis, type YKind } from "./axes.ts";
import { finiteSeries } from "./bands.ts";
import type { Series } from "./step-interpolation.ts";

/** A run's curve of one split's loss or metric against an x axis, finite points only. */
export function runCurve(run: RunRecord, x: XAxis, split: Split, y: YKind): Series {
  const key = figureKey(split, y);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const c of run.trace) {
    const v = c[key];
    if (v === undefined) continue;
    xs.push(c[x]);
    ys.push(v);
  }
  return finiteSeries(xs, ys);
}

/**
 * A run's generalisation gap over training, oriented so that positive always means "better on the
 * training data than on validation": validation loss − training loss for the loss; for the metric,
 * train − validation when higher is better (accuracy), validation − train otherwise (RMSE). This is
 * the orientation of the report's `trainValGap`.
 */
export function gapCurve(run: RunRecord, x: XAxis, y: YKind): Series {
  const higher = y === "loss" ? false : run.metric.higherIsBetter;
  const train = figureKey("train", y);
  const val = figureKey("val", y);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const c of run.trace) {
    xs.push(c[x]);
    ys.push(higher ? c[train] - c[val] : c[val] - c[train]);
  }
  return finiteSeries(xs, ys);
}

/** A run's per-layer gradient norms over training (finite points only), by layer name. */
export function gradNormCurves(run: RunRecord, x: XAxis): Map<string, Series> {
  const raw = new Map<string, { x: number[]; y: number[] }>();
  for (const c of run.trace) {
    if (!c.gradNorms) continue;
    for (const [layer, v] of Object.entries(c.gradNorms)) {
      let s = raw.get(layer);
      if (!s) raw.set(layer, (s = { x: [], y: [] }));
      s.x.push(c[x]);
      s.y.push(v);
    }
  }
  const out = new Map<string, Series>();
  for (const [layer, s] of raw) out.set(layer, finiteSeries(s.x, s.y));
  return out;
}
