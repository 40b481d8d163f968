/**
 * Optimizers from plain JSON: `createOptimizer({ kind: "adam", lr: 1e-3 })`, and resume from a saved state.
 */
import type { ScheduleConfig } from "../schedules.ts";
import { Adagrad, type AdagradConfig, type AdagradOptions } from "./adagrad.ts";
import { Adam, type AdamConfig, type AdamOptions, AdamW } from "./adam.ts";
import type { GradientOptimizer, OptimizerKind, OptimizerState } from "./gradient-optimizer.ts";
import { RmsProp, type RmsPropConfig, type RmsPropOptions } from "./rmsprop.ts";
import {
  Momentum,
  type MomentumConfig,
  type MomentumOptions,
  Nesterov,
  Sgd,
  type SgdConfig,
  type SgdOptions,
} from "./sgd.ts";

/** JSON options: like the class options, but `lr` is a number or a schedule config (no objects with code). */
type Json<O> = Omit<O, "lr"> & { lr?: number | ScheduleConfig };

/** An optimizer as plain JSON: a `kind` and that optimizer's options. */
export type OptimizerConfig =
  | ({ kind: "sgd" } & Json<SgdOptions>)
  | ({ kind: "momentum" } & Json<MomentumOptions>)
  | ({ kind: "nesterov" } & Json<MomentumOptions>)
  | ({ kind: "adagrad" } & Json<AdagradOptions>)
  | ({ kind: "rmsprop" } & Json<RmsPropOptions>)
  | ({ kind: "adam" } & Json<AdamOptions>)
  | ({ kind: "adamw" } & Json<AdamOptions>);

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
 * Builds an optimizer from a JSON config. Options are checked by the optimizer's constructor: unknown
 * keys, negative rates, β outside [0, 1) and the like throw an error naming the option and the value.
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
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new TypeError(`createOptimizer: config must be an object with a kind, got ${String(config)}`);
  }
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
    default:
      throw new RangeError(
        `createOptimizer: unknown kind ${JSON.stringify(kind)}; expected one of ${OPTIMIZER_KINDS.join(", ")}`,
      );
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
