/**
 * The JSON config of gradient training, as a suite file names it, and its validation. Shared by the
 * harness learner (`backpropLearner`) and checked the same way by `train`.
 */
import type { BpttConfig } from "./bptt-chunks.ts";
import { createOptimizer, type OptimizerConfig } from "./optimizers/create-optimizer.ts";
import type { GradientOptimizer } from "./optimizers/gradient-optimizer.ts";
import { booleanOption, checkKeys, integerOption } from "./optimizers/option-checks.ts";
import {
  type ClipConfig,
  type EarlyStoppingConfig,
  type ResolvedBptt,
  type ResolvedClip,
  type ResolvedEarlyStopping,
  resolveBptt,
  resolveClip,
  resolveEarlyStopping,
} from "./training-config.ts";

/** Default samples per minibatch. */
export const DEFAULT_BATCH_SIZE = 32;

/**
 * The harness learner's config, plain JSON.
 *
 * @example
 * ```ts
 * const config: BackpropConfig = {
 *   optimizer: { kind: "adam", lr: 1e-3 },
 *   batchSize: 32,
 *   clip: { norm: 1 },
 *   bptt: { k1: 10, k2: 20 },
 *   earlyStopping: { patience: 5, minDelta: 1e-4, restoreBest: true },
 * };
 * ```
 */
export interface BackpropConfig {
  /** Any optimizer of this package, as JSON (`{ kind: "adam", lr: 1e-3 }`; `lr` may be a schedule). */
  optimizer: OptimizerConfig;
  /** Samples (sequences) per minibatch, default 32; a value >= the training set gives full-batch descent. */
  batchSize?: number;
  /** Reshuffle the training samples every epoch (default true). */
  shuffle?: boolean;
  clip?: ClipConfig;
  /** Truncated BPTT(k1, k2) for recurrent models; default full BPTT over each sequence. */
  bptt?: BpttConfig;
  /** Early stopping on the problem's validation split (never the test split). */
  earlyStopping?: EarlyStoppingConfig;
  /** Updates between validation evaluations for early stopping; default one epoch's updates. */
  evalEvery?: number;
}

/** A config with its defaults filled in (the optimizer is built). */
export interface ResolvedBackpropConfig {
  optimizer: GradientOptimizer;
  batchSize: number;
  shuffle: boolean;
  clip: ResolvedClip | null;
  bptt: ResolvedBptt | null;
  earlyStopping: ResolvedEarlyStopping | null;
  evalEvery: number | null;
}

/** The keys a learner config may have. */
export const BACKPROP_CONFIG_KEYS = [
  "optimizer",
  "batchSize",
  "shuffle",
  "clip",
  "bptt",
  "earlyStopping",
  "evalEvery",
] as const;

/** Builds the optimizer of a config, prefixing its errors with the owner and the key. */
export function resolveOptimizer(owner: string, v: unknown): GradientOptimizer {
  if (v === undefined) {
    throw new RangeError(`${owner}: option optimizer is required, e.g. { "kind": "adam", "lr": 0.001 }`);
  }
  if (typeof v === "object" && v !== null && typeof (v as { step?: unknown }).step === "function") {
    return v as GradientOptimizer;
  }
  try {
    return createOptimizer(v as OptimizerConfig);
  } catch (e) {
    const err = e as Error;
    throw new (err instanceof TypeError ? TypeError : RangeError)(`${owner}: optimizer: ${err.message}`);
  }
}

/**
 * Checks a config and fills in the defaults. Unknown keys, at any level, throw an error naming the
 * key; bad values throw naming the key and the value, e.g.
 * `backprop learner: clip: option norm must be in (0, ∞), got -1`.
 */
export function resolveBackpropConfig(
  config: unknown,
  owner = "backprop learner",
  allowed: readonly string[] = BACKPROP_CONFIG_KEYS,
): ResolvedBackpropConfig {
  const o = checkKeys(owner, config, allowed);
  const earlyStopping =
    o.earlyStopping === undefined ? null : resolveEarlyStopping(`${owner}: earlyStopping`, o.earlyStopping);
  const evalEvery = o.evalEvery === undefined ? null : integerOption(owner, o, "evalEvery", undefined, 1);
  return {
    optimizer: resolveOptimizer(owner, o.optimizer),
    batchSize: integerOption(owner, o, "batchSize", DEFAULT_BATCH_SIZE, 1),
    shuffle: booleanOption(owner, o, "shuffle", true),
    clip: o.clip === undefined ? null : resolveClip(`${owner}: clip`, o.clip),
    bptt: o.bptt === undefined ? null : resolveBptt(`${owner}: bptt`, o.bptt),
    earlyStopping,
    evalEvery,
  };
}
