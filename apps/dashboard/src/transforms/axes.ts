import type { Checkpoint } from "@arena/results";

/** The x axes a trace can be drawn against: cumulative cost or progress at each checkpoint. */
export const X_AXES = ["flops", "evaluations", "wallMs", "epoch"] as const;
export type XAxis = (typeof X_AXES)[number];

/** Axis titles for the x axes. */
export const X_AXIS_TITLES: Record<XAxis, string> = {
  flops: "FLOPs",
  evaluations: "evaluations (samples forwarded)",
  wallMs: "wall time (ms)",
  epoch: "epochs",
};

/** What the y axis shows: the loss or the problem's metric (accuracy, RMSE). */
export const Y_KINDS = ["loss", "metric"] as const;
export type YKind = (typeof Y_KINDS)[number];

/** Data splits a checkpoint is evaluated on. */
export type Split = "train" | "val" | "test";

/** The checkpoint field holding a split's loss or metric. */
export function figureKey<S extends Split>(split: S, y: YKind): `${S}Loss` | `${S}Metric` {
  return y === "loss" ? `${split}Loss` : `${split}Metric`;
}

/** A checkpoint's position on an x axis. */
export function xOf(c: Checkpoint, x: XAxis): number {
  return c[x];
}
