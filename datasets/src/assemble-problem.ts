import type { Rng } from "@arena/rng";
import type { Dataset, Task } from "./dataset.ts";
import { classLabels } from "./one-hot.ts";
import { enumOption, numberOption, optionalIntegerOption } from "./options.ts";
import { type ScalerKind, scaleFeatures, scaleTargets } from "./scaler.ts";
import { selectRows } from "./select-rows.ts";
import { randomSplit, type Splits, stratifiedSplit, stratifiedSubsample } from "./split.ts";

/** Options shared by problems that are split at random (stratified for classification). */
export function splitOptions(defaults: { validation: number; test: number; scale: ScalerKind | "none" }) {
  return {
    validation: numberOption(
      defaults.validation,
      0,
      0.9,
      "share of the samples for validation (stratified by class)",
    ),
    test: numberOption(defaults.test, 0, 0.9, "share of the samples for testing (stratified by class)"),
    scale: enumOption(
      ["standard", "minmax", "none"],
      defaults.scale,
      "feature scaler, fitted on the training split only",
    ),
    trainSize: optionalIntegerOption(
      1,
      100_000_000,
      "subsample the training split to this many samples (stratified)",
    ),
  } as const;
}

/** The target scaler option of regression problems. */
export const targetScaleOption = enumOption(
  ["standard", "minmax", "none"],
  "standard",
  "target scaler, fitted on the training split only (info.rmseScale converts RMSE back to original units)",
);

/** Splits a dataset at random: stratified by class for classification, plain for regression. */
export function splitAtRandom(
  ds: Dataset,
  task: Task,
  f: { validation: number; test: number },
  rng: Rng,
): Splits {
  const idx =
    task === "classification" ? stratifiedSplit(classLabels(ds), f, rng) : randomSplit(ds.n, f, rng);
  return {
    train: selectRows(ds, idx.train),
    validation: selectRows(ds, idx.validation),
    test: selectRows(ds, idx.test),
  };
}

/**
 * The last steps every problem loader shares: optionally subsample the training split (stratified for
 * classification), then fit the feature (and target) scalers on the training split and apply them to all
 * three. Returns the splits plus the `info` entries that describe the scaling.
 */
export function finishSplits(
  name: string,
  task: Task,
  splits: Splits,
  rng: Rng,
  o: {
    readonly trainSize?: number | undefined;
    readonly scale: ScalerKind | "none";
    readonly scaleTargets?: ScalerKind | "none";
  },
): Splits & { info: Record<string, unknown> } {
  let { train } = splits;
  if (o.trainSize !== undefined) {
    if (o.trainSize > train.n) {
      throw new RangeError(
        `${name}: trainSize ${o.trainSize} exceeds the ${train.n} samples of the training split`,
      );
    }
    const keep =
      task === "classification"
        ? stratifiedSubsample(classLabels(train), o.trainSize, rng)
        : rng.sample(train.n, o.trainSize);
    train = selectRows(train, keep);
  }
  const xs = scaleFeatures({ ...splits, train }, o.scale);
  const ys =
    task === "regression" ? scaleTargets(xs, o.scaleTargets ?? "none") : { ...xs, scaler: undefined };
  const info: Record<string, unknown> = { featureScaler: xs.scaler?.state() };
  if (task === "regression") {
    info.targetScaler = ys.scaler?.state();
    info.rmseScale = ys.scaler ? ys.scaler.unitOf(0) : 1;
  }
  return { train: ys.train, validation: ys.validation, test: ys.test, info };
}
