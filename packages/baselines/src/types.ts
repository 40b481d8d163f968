/** The baselines, in display order. */
export const BASELINE_METHODS = ["majority", "mean", "naive", "seasonal-naive", "linear"] as const;
export type BaselineMethod = (typeof BASELINE_METHODS)[number];

/** What a baseline stands for in a report. */
export type BaselineRole = "trivial" | "linear" | "naive";

/** The loss a figure is computed with, defined as nn's loss of the same name. */
export type BaselineLoss = "mse" | "cross-entropy" | "bce";

/**
 * A baseline's figures on one split: `loss` as nn's loss of the problem's default model (see
 * {@link BaselineResult.lossKind}), `metric` the problem's metric (accuracy or RMSE) exactly as nn's
 * `evaluate` computes its `value`. Both NaN on an empty split.
 */
export interface SplitFigures {
  readonly loss: number;
  readonly metric: number;
}

/** One fitted baseline and its figures on the problem's three splits. */
export interface BaselineResult {
  readonly method: BaselineMethod;
  /**
   * "trivial": majority class / mean (the floor a learner must leave to have learned anything);
   * "linear": ridge least squares, AR(L) on forecasting windows; "naive": naive and seasonal naive forecasts.
   */
  readonly role: BaselineRole;
  /** One line: what was fitted and how its settings were chosen. */
  readonly description: string;
  /** Numbers fitted on the training split (0 for the naive forecasts). */
  readonly parameters: number;
  /** Analytic float operations of the fit and of the setting's selection, for information (baselines are charged to no budget). */
  readonly fitFlops: number;
  /** The chosen settings, e.g. { lambda: 0.01, lag: 12 } or { period: 12 }. */
  readonly settings: Readonly<Record<string, number | string>>;
  /**
   * The loss in the `loss` figures: the default model's loss for classification ("cross-entropy" for
   * softmax outputs, "bce" for one sigmoid output, "mse" when the model says so, as XOR's does), "mse"
   * for regression. The ridge classifier has no class probabilities, so its classification loss is NaN.
   */
  readonly lossKind: BaselineLoss;
  readonly train: SplitFigures;
  readonly validation: SplitFigures;
  readonly test: SplitFigures;
}

/** Which baselines apply to a problem, and why the others do not. */
export interface BaselinePlan {
  /** In display order. */
  readonly applicable: BaselineMethod[];
  readonly skipped: { method: BaselineMethod; reason: string }[];
}

/** Options of {@link fitBaseline}. */
export interface BaselineOptions {
  /**
   * The loss of the `loss` figures on a classification problem; by default the problem's default model's
   * loss. Regression always uses "mse".
   */
  readonly loss?: BaselineLoss;
}
