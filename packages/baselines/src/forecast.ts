import type { Dataset, Problem } from "@arena/datasets";
import { splitFigures } from "./figures.ts";
import type { Layout } from "./layout.ts";
import type { BaselineResult } from "./types.ts";

/** Window geometry of a forecasting problem: L steps of f features in, H values out. */
export interface ForecastWindow {
  readonly steps: number;
  readonly features: number;
  readonly horizon: number;
}

/**
 * The window geometry, or why the naive forecasts do not apply: they need `problem.forecast`, a
 * regression task, inputs [L, features] (feature 0 of each step the series) and targets [horizon].
 */
export function forecastWindow(problem: Problem): ForecastWindow | string {
  if (problem.forecast === undefined) return "not a forecasting problem (problem.forecast is unset)";
  if (problem.task !== "regression") {
    return `problem.forecast is set but the task is "${problem.task}"; forecasts need "regression"`;
  }
  const { xShape, yShape } = problem.train;
  if (xShape.length !== 2) {
    return `inputs have xShape [${xShape.join(", ")}]; a forecast window is [steps, features]`;
  }
  if (yShape.length !== 1) return `targets have yShape [${yShape.join(", ")}]; forecasts need [horizon]`;
  return { steps: xShape[0], features: xShape[1], horizon: yShape[0] };
}

/** Why the seasonal naive forecast does not apply, or null when it does. */
export function seasonalReason(problem: Problem, w: ForecastWindow): string | null {
  const p = problem.forecast?.period;
  if (p === undefined) return "no season length (problem.forecast.period is unset)";
  if (!Number.isInteger(p) || p < 1) return `season length ${p} is not an integer >= 1`;
  if (p > w.steps) return `season length ${p} exceeds the window of ${w.steps} steps`;
  return null;
}

/**
 * Forecasts that read one input step per horizon step: `source(h)` is the window step whose feature 0
 * predicts horizon step h (0-based).
 */
function copyForecast(ds: Dataset, w: ForecastWindow, source: (h: number) => number): Float32Array {
  const { steps, features, horizon } = w;
  const out = new Float32Array(ds.n * horizon);
  const stride = steps * features;
  for (let s = 0; s < ds.n; s++) {
    for (let h = 0; h < horizon; h++) out[s * horizon + h] = ds.x[s * stride + source(h) * features];
  }
  return out;
}

/** The naive forecast: the last input step's value for every horizon step. */
export function fitNaive(problem: Problem, layout: Layout, w: ForecastWindow): BaselineResult {
  const score = (ds: Dataset) =>
    splitFigures(
      problem,
      layout,
      ds,
      copyForecast(ds, w, () => w.steps - 1),
    );
  return {
    method: "naive",
    role: "naive",
    description:
      w.horizon === 1
        ? "naive forecast: the last value of the window"
        : `naive forecast: the last value of the window for all ${w.horizon} horizon steps`,
    parameters: 0,
    fitFlops: 0,
    settings: {},
    lossKind: "mse",
    train: score(problem.train),
    validation: score(problem.validation),
    test: score(problem.test),
  };
}

/**
 * The seasonal naive forecast with period p (Hyndman & Athanasopoulos): horizon step h (0-based) gets the
 * value of the last season at the same phase, window step L − p + (h mod p); for h < p that is the
 * value p steps before the target.
 */
export function fitSeasonalNaive(problem: Problem, layout: Layout, w: ForecastWindow): BaselineResult {
  const reason = seasonalReason(problem, w);
  if (reason !== null) throw new RangeError(`${problem.name}: seasonal-naive does not apply: ${reason}`);
  const p = problem.forecast?.period as number;
  const score = (ds: Dataset) =>
    splitFigures(
      problem,
      layout,
      ds,
      copyForecast(ds, w, (h) => w.steps - p + (h % p)),
    );
  return {
    method: "seasonal-naive",
    role: "naive",
    description:
      w.horizon <= p
        ? `seasonal naive forecast: the value one season (${p} steps) before each target`
        : `seasonal naive forecast: the last observed season (${p} steps) repeated over the ${w.horizon} horizon steps`,
    parameters: 0,
    fitFlops: 0,
    settings: { period: p },
    lossKind: "mse",
    train: score(problem.train),
    validation: score(problem.validation),
    test: score(problem.test),
  };
}
