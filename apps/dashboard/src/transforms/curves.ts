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

/** A run's per-layer series over training (finite points only), by layer name, from each checkpoint's layer → value. */
function layerSeries(
  run: RunRecord,
  x: XAxis,
  values: (c: RunRecord["trace"][number]) => Record<string, number> | undefined,
): Map<string, Series> {
  const raw = new Map<string, { x: number[]; y: number[] }>();
  for (const c of run.trace) {
    const byLayer = values(c);
    if (!byLayer) continue;
    for (const [layer, v] of Object.entries(byLayer)) {
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

/** A run's per-layer gradient norms over training (finite points only), by layer name. */
export function gradNormCurves(run: RunRecord, x: XAxis): Map<string, Series> {
  return layerSeries(run, x, (c) => c.gradNorms);
}

/**
 * A feedback-alignment run's angle (degrees) between its update and the true gradient, per dense layer
 * (`dense0` first), from the `alignment_angle` diagnostic (one value per layer, first to last).
 */
export function alignmentAngleCurves(run: RunRecord, x: XAxis): Map<string, Series> {
  return layerSeries(run, x, (c) => {
    const a = c.diagnostics?.alignment_angle;
    return a && Object.fromEntries(a.map((v, i) => [`dense${i}`, v]));
  });
}
