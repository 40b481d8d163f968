import { OptionsError } from "@arena/options";
import * as z from "zod";
import type { Dataset, Problem } from "./dataset.ts";
import { dropRowsFoundIn } from "./dedupe.ts";
import type { ModelSpec } from "./model-spec.ts";
import { scalerOption, share } from "./options.ts";
import { fitScaler, type ScalerKind } from "./scaler.ts";
import { chronologicalBounds } from "./split.ts";
import { slidingWindows } from "./windows.ts";

/**
 * The options every forecasting problem shares, as a zod shape to spread into the problem's schema (which
 * `withSharesRule` completes); `inputLength` and the shares default per problem.
 */
export function seriesOptions(defaults: { inputLength: number; validation: number; test: number }) {
  return {
    inputLength: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(defaults.inputLength)
      .describe("past values fed to the model (window length)"),
    horizon: z
      .number()
      .int()
      .min(1)
      .max(1_000)
      .default(1)
      .describe("future values to predict after each window (1 = next value)"),
    validation: share(defaults.validation, 0.9, "share of the series (its middle part) for validation"),
    test: share(defaults.test, 0.9, "share of the series (its end) for testing"),
    scale: scalerOption("standard", "scaler fitted on the training part of the series"),
  };
}

const period = z
  .number()
  .int()
  .min(2)
  .max(100_000)
  .describe(
    "season length in steps (e.g. 12 for monthly data), reported as Problem.forecast.period for the seasonal naive forecast",
  );

/** The `period` load option of a forecasting problem: an integer ≥ 2 with the given default. */
export function periodOption(def: number): z.ZodDefault<typeof period>;
/** Without a default: optional (unset = no season). */
export function periodOption(def?: undefined): z.ZodOptional<typeof period>;
export function periodOption(def?: number) {
  return def === undefined ? period.optional() : period.default(def);
}

/** Resolved window, split and scaling choices for `seriesProblem`. */
export interface SeriesProblemOptions {
  readonly inputLength: number;
  readonly horizon: number;
  readonly validation: number;
  readonly test: number;
  readonly scale: ScalerKind | "none";
}

/**
 * Whether `seriesProblem` can cut a series of `length` values: the training part holds at least one window
 * (inputLength + horizon values) and the validation and test parts, when their share is not 0, at least one
 * window's targets (horizon values) each.
 */
export function seriesLengthFits(
  length: number,
  o: {
    readonly inputLength: number;
    readonly horizon: number;
    readonly validation: number;
    readonly test: number;
  },
): boolean {
  const { validationStart: a, testStart: b } = chronologicalBounds(length, o);
  const h = o.horizon;
  return a >= o.inputLength + h && (o.validation === 0 || b - a >= h) && (o.test === 0 || length - b >= h);
}

/**
 * The fewest values a series needs for `seriesLengthFits` (the smallest fitting length above `after`,
 * default 0).
 */
export function minSeriesLength(
  o: {
    readonly inputLength: number;
    readonly horizon: number;
    readonly validation: number;
    readonly test: number;
  },
  after = 0,
): number {
  let n = Math.max(after + 1, o.inputLength + o.horizon);
  while (!seriesLengthFits(n, o)) n++;
  return n;
}

function emptyWindows(L: number, h: number): Dataset {
  return { n: 0, x: new Float32Array(0), xShape: [L, 1], y: new Float32Array(0), yShape: [h] };
}

/**
 * A forecasting problem from a univariate series: the series is cut chronologically into a training, a
 * validation and a test part (in that order); a window belongs to the part that holds all of its targets,
 * and may read inputs from the part before (those values are history, known at forecast time), so no
 * target is ever shared between splits. The scaler is fitted on the training part only.
 *
 * A series that repeats itself exactly can still produce a validation or test window bit-identical to a
 * training window (inputs and target): such windows are dropped from validation (if in train) and test (if
 * in train or validation), and `info.duplicatesDropped` counts them, so held-out windows are never ones the
 * model trained on. With `meta.testIsTrain` (a problem that knows its windows recur, e.g. a noise-free
 * sine) nothing is dropped and the problem is marked instead.
 *
 * The problem carries `forecast: { period }` (`period` only when `meta.period` is given).
 */
export function seriesProblem(
  series: ArrayLike<number>,
  o: SeriesProblemOptions,
  meta: {
    readonly name: string;
    readonly description: string;
    readonly model: ModelSpec;
    readonly info?: Readonly<Record<string, unknown>>;
    /** The season length, an integer ≥ 1 (Problem.forecast.period); leave out when there is none. */
    readonly period?: number;
    /** Windows recur by construction: mark the problem instead of dropping repeated windows. */
    readonly testIsTrain?: boolean;
  },
): Problem {
  const fail = (path: string, message: string) => new OptionsError(meta.name, [{ path, message }]);
  if (meta.period !== undefined && !(Number.isInteger(meta.period) && meta.period >= 1)) {
    throw fail("period", `expected an integer >= 1 (got ${meta.period})`);
  }
  const N = series.length;
  const L = o.inputLength;
  const h = o.horizon;
  const { validationStart: a, testStart: b } = chronologicalBounds(N, {
    validation: o.validation,
    test: o.test,
  });
  const need = (what: "training" | "validation" | "test", len: number, min: number) => {
    if (len >= min) return;
    const key = what === "training" ? "inputLength" : what;
    throw fail(
      key,
      `too few values: the ${what} part has ${len}, fewer than the ${min} one window needs ` +
        `(series of ${N}, inputLength ${L}, horizon ${h}); use a shorter window or other shares (got ${o[key]})`,
    );
  };
  need("training", a, L + h);
  if (b > a) need("validation", b - a, h);
  if (N > b) need("test", N - b, h);
  const values = Float32Array.from(series);
  const scaler = o.scale === "none" ? undefined : fitScaler(o.scale, values.subarray(0, a), 1);
  const scaled = scaler ? scaler.transform(values) : values;
  const win = { inputLength: L, horizon: h };
  const train = slidingWindows(scaled.subarray(0, a), win);
  let validation = b > a ? slidingWindows(scaled.subarray(a - L, b), win) : emptyWindows(L, h);
  let test = N > b ? slidingWindows(scaled.subarray(b - L, N), win) : emptyWindows(L, h);
  let duplicatesDropped = 0;
  if (!meta.testIsTrain) {
    const v = dropRowsFoundIn(validation, train);
    const t = dropRowsFoundIn(test, train, v.dataset);
    validation = v.dataset;
    test = t.dataset;
    duplicatesDropped = v.dropped + t.dropped;
  }
  return {
    name: meta.name,
    task: "regression",
    metric: "rmse",
    description: meta.description,
    model: meta.model,
    train,
    validation,
    test,
    forecast: meta.period === undefined ? {} : { period: meta.period },
    testIsTrain: meta.testIsTrain ?? false,
    info: {
      ...meta.info,
      seriesLength: N,
      duplicatesDropped,
      splitPoints: { validationStart: a, testStart: b },
      featureScaler: scaler?.state(),
      targetScaler: scaler?.state(),
      rmseScale: scaler ? scaler.unitOf(0) : 1,
    },
  };
}
