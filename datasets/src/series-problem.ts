import type { Dataset, Problem } from "./dataset.ts";
import type { ModelSpec } from "./model-spec.ts";
import { enumOption, integerOption, numberOption } from "./options.ts";
import { fitScaler, type ScalerKind } from "./scaler.ts";
import { chronologicalBounds } from "./split.ts";
import { slidingWindows } from "./windows.ts";

/** The options every forecasting problem shares; `inputLength` and the fractions default per problem. */
export function seriesOptions(defaults: { inputLength: number; validation: number; test: number }) {
  return {
    inputLength: integerOption(
      defaults.inputLength,
      1,
      10_000,
      "past values fed to the model (window length)",
    ),
    horizon: integerOption(1, 1, 1_000, "future values to predict after each window (1 = next value)"),
    validation: numberOption(
      defaults.validation,
      0,
      0.9,
      "share of the series (its middle part) for validation",
    ),
    test: numberOption(defaults.test, 0, 0.9, "share of the series (its end) for testing"),
    scale: enumOption(
      ["standard", "minmax", "none"],
      "standard",
      "scaler fitted on the training part of the series",
    ),
  } as const;
}

/** Resolved window, split and scaling choices for `seriesProblem`. */
export interface SeriesProblemOptions {
  readonly inputLength: number;
  readonly horizon: number;
  readonly validation: number;
  readonly test: number;
  readonly scale: ScalerKind | "none";
}

function emptyWindows(L: number, h: number): Dataset {
  return { n: 0, x: new Float32Array(0), xShape: [L, 1], y: new Float32Array(0), yShape: [h] };
}

/**
 * A forecasting problem from a univariate series: the series is cut chronologically into a training, a
 * validation and a test part (in that order); a window belongs to the part that holds all of its targets,
 * and may read inputs from the part before (those values are history, known at forecast time), so no
 * target is ever shared between splits. The scaler is fitted on the training part only.
 */
export function seriesProblem(
  series: ArrayLike<number>,
  o: SeriesProblemOptions,
  meta: {
    readonly name: string;
    readonly description: string;
    readonly model: ModelSpec;
    readonly info?: Readonly<Record<string, unknown>>;
  },
): Problem {
  const N = series.length;
  const L = o.inputLength;
  const h = o.horizon;
  const { validationStart: a, testStart: b } = chronologicalBounds(N, {
    validation: o.validation,
    test: o.test,
  });
  const need = (what: string, len: number, min: number) => {
    if (len < min) {
      throw new RangeError(
        `${meta.name}: the ${what} part has ${len} values, fewer than the ${min} one window needs ` +
          `(series of ${N}, inputLength ${L}, horizon ${h}); shorten the window or change the fractions`,
      );
    }
  };
  need("training", a, L + h);
  if (b > a) need("validation", b - a, h);
  if (N > b) need("test", N - b, h);
  const values = Float32Array.from(series);
  const scaler = o.scale === "none" ? undefined : fitScaler(o.scale, values.subarray(0, a), 1);
  const scaled = scaler ? scaler.transform(values) : values;
  const win = { inputLength: L, horizon: h };
  return {
    name: meta.name,
    task: "regression",
    metric: "rmse",
    description: meta.description,
    model: meta.model,
    train: slidingWindows(scaled.subarray(0, a), win),
    validation: b > a ? slidingWindows(scaled.subarray(a - L, b), win) : emptyWindows(L, h),
    test: N > b ? slidingWindows(scaled.subarray(b - L, N), win) : emptyWindows(L, h),
    info: {
      ...meta.info,
      seriesLength: N,
      splitPoints: { validationStart: a, testStart: b },
      featureScaler: scaler?.state(),
      targetScaler: scaler?.state(),
      rmseScale: scaler ? scaler.unitOf(0) : 1,
    },
  };
}
