import { OptionsError } from "@arena/options";
import type { Rng } from "@arena/rng";
import * as z from "zod";
import type { Dataset, Task } from "./dataset.ts";
import { classCounts, classLabels } from "./one-hot.ts";
import { scalerOption, share } from "./options.ts";
import { type ScalerKind, scaleFeatures, scaleTargets } from "./scaler.ts";
import { selectRows } from "./select-rows.ts";
import { randomSplit, type Splits, splitShortfall, stratifiedSplit, stratifiedSubsample } from "./split.ts";

/**
 * Options shared by problems that are split at random (stratified for classification), as a zod shape to
 * spread into the problem's schema (which `withSharesRule` completes).
 */
export function splitOptions(defaults: { validation: number; test: number; scale: ScalerKind | "none" }) {
  return {
    validation: share(defaults.validation, 0.9, "share of the samples for validation (stratified by class)"),
    test: share(defaults.test, 0.9, "share of the samples for testing (stratified by class)"),
    scale: scalerOption(defaults.scale, "feature scaler, fitted on the training split only"),
    trainSize: z
      .number()
      .int()
      .min(1)
      .max(100_000_000)
      .optional()
      .describe("subsample the training split to this many samples (stratified)"),
  };
}

/** The target scaler option of regression problems. */
export const targetScaleOption = scalerOption(
  "standard",
  "target scaler, fitted on the training split only (info.rmseScale converts RMSE back to original units)",
);

/**
 * Too few samples for the shares `f` (see `splitShortfall`): the path to blame and the message, in the
 * style of an OptionsError issue; undefined when the split is fine.
 */
export function splitShortfallIssue(
  classSizes: ArrayLike<number>,
  f: { validation: number; test: number },
  classNames?: readonly string[],
): { path: string; message: string } | undefined {
  const s = splitShortfall(classSizes, f, classNames);
  if (!s) return undefined;
  if (s.split === "train") {
    return { path: "", message: `too few samples: ${s.reason}; use more samples or smaller shares` };
  }
  return {
    path: s.split,
    message: `too few samples: ${s.reason}; use more samples, a larger ${s.split} share, or 0 for none (got ${f[s.split]})`,
  };
}

/**
 * Splits a dataset at random: stratified by class for classification, plain for regression. Too few
 * samples for the shares (an empty split, or a class without a training sample) is an OptionsError of
 * `owner`, not a NaN metric later.
 */
export function splitAtRandom(
  owner: string,
  ds: Dataset,
  task: Task,
  f: { validation: number; test: number },
  rng: Rng,
): Splits {
  const labels = task === "classification" ? classLabels(ds) : undefined;
  const sizes = labels ? classCounts(labels, Math.max(2, ds.yShape[0])) : [ds.n];
  const issue = splitShortfallIssue(sizes, f);
  if (issue) throw new OptionsError(owner, [issue]);
  const idx = labels ? stratifiedSplit(labels, f, rng) : randomSplit(ds.n, f, rng);
  return {
    train: selectRows(ds, idx.train),
    validation: selectRows(ds, idx.validation),
    test: selectRows(ds, idx.test),
  };
}

/**
 * The last steps every problem loader shares: optionally subsample the training split (stratified for
 * classification), then fit the feature (and target) scalers on the training split and apply them to all
 * three. Returns the splits plus the `info` entries that describe the scaling. With `owned` (the splits
 * are fresh copies, as `splitAtRandom` makes them) they are scaled in place rather than copied again.
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
  owned = false,
): Splits & { info: Record<string, unknown> } {
  let { train } = splits;
  if (o.trainSize !== undefined) {
    const labels = task === "classification" ? classLabels(train) : undefined;
    const classes = labels ? new Set(labels).size : 1;
    const bad = (expected: string) =>
      new OptionsError(name, [{ path: "trainSize", message: `expected ${expected} (got ${o.trainSize})` }]);
    if (o.trainSize > train.n) throw bad(`at most the ${train.n} samples of the training split`);
    if (o.trainSize < classes) throw bad(`at least one sample of each of the ${classes} classes`);
    const keep = labels ? stratifiedSubsample(labels, o.trainSize, rng) : rng.sample(train.n, o.trainSize);
    train = selectRows(train, keep);
  }
  const xs = scaleFeatures({ ...splits, train }, o.scale, owned);
  const ys =
    task === "regression" ? scaleTargets(xs, o.scaleTargets ?? "none", owned) : { ...xs, scaler: undefined };
  const info: Record<string, unknown> = { featureScaler: xs.scaler?.state() };
  if (task === "regression") {
    info.targetScaler = ys.scaler?.state();
    info.rmseScale = ys.scaler ? ys.scaler.unitOf(0) : 1;
  }
  return { train: ys.train, validation: ys.validation, test: ys.test, info };
}
