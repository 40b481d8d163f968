import { median } from "@arena/stats";
import type { BaselineGroup } from "../data/groups.ts";
import { figureKey, type Split, type YKind } from "./axes.ts";

/** One baseline's level on one split: the median over its fits of the loss or the metric. */
export interface BaselineLevel {
  /** `baseline/<method>`. */
  key: string;
  method: string;
  /** `baseline: <method>`. */
  label: string;
  role: BaselineGroup["role"];
  /** Median (type 7) over the fits with a finite value. */
  median: number;
  /** Fits with a finite value. */
  n: number;
}

/**
 * The level of each baseline on a split, for the reference lines the views draw: the median over its
 * fits (one per repetition) of the split's loss or metric in the fit's final figures. Failed fits and
 * non-finite values are left out; a baseline with no finite value is left out altogether (ridge
 * least squares on classes gives no probabilities, so its loss is NaN: there is no loss line to draw).
 *
 * @example
 * ```ts
 * baselineLevels(problem.baselines, "val", "metric");
 * // [{ key: "baseline/majority", median: 0.1, n: 5, … }, { key: "baseline/linear", median: 0.71, n: 5, … }]
 * ```
 */
export function baselineLevels(baselines: BaselineGroup[], split: Split, y: YKind): BaselineLevel[] {
  const key = figureKey(split, y);
  const out: BaselineLevel[] = [];
  for (const b of baselines) {
    const values = b.runs
      .filter((r) => r.status !== "failed" && r.final !== null)
      .map((r) => r.final?.[key] ?? Number.NaN)
      .filter(Number.isFinite);
    if (values.length === 0) continue;
    out.push({
      key: b.key,
      method: b.method,
      label: b.label,
      role: b.role,
      median: median(values),
      n: values.length,
    });
  }
  return out;
}
