/**
 * The training options shared by `train` and `backpropLearner`, as plain JSON, and their validation:
 * unknown keys and bad values throw an error naming the key and the value.
 */
import {
  booleanOption,
  checkKeys,
  integerOption,
  NON_NEGATIVE,
  numberOption,
  POSITIVE,
} from "./optimizers/option-checks.ts";

/**
 * Gradient clipping as plain JSON. `value` clamps every entry to [−value, value]; `norm` rescales the
 * whole gradient to L2 norm at most `norm` (Pascanu et al. 2013). With both, entries are clamped first,
 * then the norm is capped. `per`: "step" (default) clips the gradient of each parameter update;
 * "chunk" clips each truncated-BPTT chunk's gradient before the chunks are summed (differs from "step"
 * only with `bptt.update: "sequence"`, where one update sums several chunks).
 */
export interface ClipConfig {
  norm?: number;
  value?: number;
  per?: "step" | "chunk";
}

/**
 * Early stopping on the validation split (Prechelt 1998, "Early stopping — but when?"; Keras's
 * `EarlyStopping`): stop when the monitored figure has not improved by more than `minDelta` for
 * `patience` consecutive evaluations.
 */
export interface EarlyStoppingConfig {
  /** Evaluations without improvement before stopping (an integer >= 1). */
  patience: number;
  /** An improvement must exceed this (default 0: any strict improvement counts). */
  minDelta?: number;
  /** Put back the parameters of the best evaluation when training stops (default true). */
  restoreBest?: boolean;
  /** "loss" (default): the validation loss, lower is better; "metric": the model's metric (accuracy up, RMSE down). */
  monitor?: "loss" | "metric";
}

/** A clip config with its defaults filled in. */
export interface ResolvedClip {
  norm: number | null;
  value: number | null;
  per: "step" | "chunk";
}

/** A truncated-BPTT config with its defaults filled in. */
export interface ResolvedBptt {
  k1: number;
  k2: number;
  update: "chunk" | "sequence";
}

/** An early-stopping config with its defaults filled in. */
export interface ResolvedEarlyStopping {
  patience: number;
  minDelta: number;
  restoreBest: boolean;
  monitor: "loss" | "metric";
}

function enumOption<T extends string>(
  owner: string,
  o: Record<string, unknown>,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
    throw new RangeError(
      `${owner}: option ${key} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${JSON.stringify(v)}`,
    );
  }
  return v as T;
}

/** Checks a clip config (`owner` prefixes every error, e.g. "backprop learner: clip"). */
export function resolveClip(owner: string, config: unknown): ResolvedClip {
  const o = checkKeys(owner, config, ["norm", "value", "per"]);
  const norm = o.norm === undefined ? null : numberOption(owner, o, "norm", undefined, POSITIVE);
  const value = o.value === undefined ? null : numberOption(owner, o, "value", undefined, POSITIVE);
  if (norm === null && value === null) {
    throw new RangeError(`${owner}: give norm and/or value (a number > 0); got ${JSON.stringify(config)}`);
  }
  return { norm, value, per: enumOption(owner, o, "per", ["step", "chunk"] as const, "step") };
}

/** Checks a truncated-BPTT config. */
export function resolveBptt(owner: string, config: unknown): ResolvedBptt {
  const o = checkKeys(owner, config, ["k1", "k2", "update"]);
  return {
    k1: integerOption(owner, o, "k1", undefined, 1),
    k2: integerOption(owner, o, "k2", undefined, 1),
    update: enumOption(owner, o, "update", ["chunk", "sequence"] as const, "chunk"),
  };
}

/** Checks an early-stopping config. */
export function resolveEarlyStopping(owner: string, config: unknown): ResolvedEarlyStopping {
  const o = checkKeys(owner, config, ["patience", "minDelta", "restoreBest", "monitor"]);
  return {
    patience: integerOption(owner, o, "patience", undefined, 1),
    minDelta: numberOption(owner, o, "minDelta", 0, NON_NEGATIVE),
    restoreBest: booleanOption(owner, o, "restoreBest", true),
    monitor: enumOption(owner, o, "monitor", ["loss", "metric"] as const, "loss"),
  };
}
