/**
 * Optimizers from plain JSON: `createOptimizer({ kind: "adam", lr: 1e-3 })`, and resume from a saved state.
 */
import { parseOptions } from "@arena/options";
import * as z from "zod";
import { Adagrad, type AdagradConfig, adagradConfig } from "./adagrad.ts";
import { Adam, type AdamConfig, AdamW, adamConfig, adamwConfig } from "./adam.ts";
import type { GradientOptimizer, OptimizerKind, OptimizerState } from "./gradient-optimizer.ts";
import { RmsProp, type RmsPropConfig, rmspropConfig } from "./rmsprop.ts";
import {
  Momentum,
  type MomentumConfig,
  momentumConfig,
  Nesterov,
  nesterovConfig,
  Sgd,
  type SgdConfig,
  sgdConfig,
} from "./sgd.ts";

/**
 * Any optimizer of this package as plain JSON: a union on `kind`, each member that optimizer's options
 * (`lr` a number or a schedule config). The type, the defaults, the validation and the docs.
 */
export const optimizerConfig = z
  .discriminatedUnion("kind", [
    sgdConfig,
    momentumConfig,
    nesterovConfig,
    adagradConfig,
    rmspropConfig,
    adamConfig,
    adamwConfig,
  ])
  .describe("a gradient optimizer: { kind, ...its options }");

/** An optimizer as plain JSON, as written (defaults may be left out). */
export type OptimizerConfig = z.input<typeof optimizerConfig>;

/** The normalised config an optimizer reports (`config()`, `state().config`): every default filled in. */
export type ResolvedOptimizerConfig = SgdConfig | MomentumConfig | AdagradConfig | RmsPropConfig | AdamConfig;

/** Every kind `createOptimizer` accepts, in a stable order (e.g. for a smoke test over all of them). */
export const OPTIMIZER_KINDS: readonly OptimizerKind[] = [
  "sgd",
  "momentum",
  "nesterov",
  "adagrad",
  "rmsprop",
  "adam",
  "adamw",
];

/**
 * Builds an optimizer from a JSON config. A bad config (unknown kind or key, negative rate, β outside
 * [0, 1), …) throws one `OptionsError` naming every problem with its path and value.
 *
 * @example
 * ```ts
 * import { createOptimizer } from "@arena/backprop";
 * const opt = createOptimizer({ kind: "adam", lr: { kind: "cosine", lr: 1e-3, steps: 1000 } });
 * const p = new Float32Array([1, 2]);
 * opt.step(p, new Float32Array([0.5, -0.5]));
 * ```
 */
export function createOptimizer(config: OptimizerConfig): GradientOptimizer {
  return optimizerFrom(parseOptions("createOptimizer", optimizerConfig, config));
}

/** The optimizer of a validated config. */
export function optimizerFrom(config: z.output<typeof optimizerConfig>): GradientOptimizer {
  const { kind, ...options } = config;
  switch (kind) {
    case "sgd":
      return new Sgd(options);
    case "momentum":
      return new Momentum(options);
    case "nesterov":
      return new Nesterov(options);
    case "adagrad":
      return new Adagrad(options);
    case "rmsprop":
      return new RmsProp(options);
    case "adam":
      return new Adam(options);
    case "adamw":
      return new AdamW(options);
  }
}

/**
 * Rebuilds an optimizer from `optimizer.state()` (after a JSON round trip or not): same hyperparameters,
 * same step count, same moments, so the next steps are bit-identical to the uninterrupted run's.
 *
 * @example
 * ```ts
 * import { createOptimizer, restoreOptimizer } from "@arena/backprop";
 * const opt = createOptimizer({ kind: "adam" });
 * opt.step(new Float32Array([1]), new Float32Array([0.1]));
 * const resumed = restoreOptimizer(JSON.parse(JSON.stringify(opt.state())));
 * console.log(resumed.stepCount); // 1
 * ```
 */
export function restoreOptimizer(state: OptimizerState): GradientOptimizer {
  if (
    typeof state !== "object" ||
    state === null ||
    typeof state.config !== "object" ||
    state.config === null
  ) {
    throw new TypeError(`restoreOptimizer: expected { config, step, size, buffers }, got ${String(state)}`);
  }
  const optimizer = createOptimizer(state.config as OptimizerConfig);
  optimizer.loadState(state);
  return optimizer;
}
