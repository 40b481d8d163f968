/**
 * Learning-rate schedules: pure functions of the step count, built from plain JSON so a suite file can
 * name them. An optimizer takes `lr` as a number or a schedule; its k-th call to `step` (k = 0, 1, …)
 * uses `schedule.at(k)`.
 */
import {
  checkKeys,
  checkNumber,
  integerOption,
  NON_NEGATIVE,
  numberOption,
  POSITIVE,
} from "./optimizers/option-checks.ts";

/** `lr` at every step. */
export interface ConstantScheduleConfig {
  kind: "constant";
  lr: number;
}

/** `lr · gamma^⌊k / stepSize⌋`: PyTorch's `StepLR` (gamma defaults to 0.1 as there). */
export interface StepScheduleConfig {
  kind: "step";
  lr: number;
  stepSize: number;
  gamma?: number;
}

/** `lr · gamma^k`: PyTorch's `ExponentialLR`; gamma has no default. */
export interface ExponentialScheduleConfig {
  kind: "exponential";
  lr: number;
  gamma: number;
}

/**
 * Cosine annealing from `lr` to `minLr` (default 0) over `steps` steps, then `minLr` for good:
 * `minLr + (lr − minLr) · (1 + cos(π · min(k, steps) / steps)) / 2` (Loshchilov & Hutter 2017, SGDR,
 * one cycle without restarts; PyTorch's `CosineAnnealingLR` with `eta_min`).
 */
export interface CosineScheduleConfig {
  kind: "cosine";
  lr: number;
  steps: number;
  minLr?: number;
}

/**
 * Linear warm-up (Goyal et al. 2017, "Accurate, Large Minibatch SGD"): for k < steps the rate is
 * `schedule.at(0) · (k + 1) / steps`, so the first step already moves and the last warm-up step reaches the
 * full rate; from k = steps on it is `schedule.at(k − steps)`, i.e. the inner schedule starts its own clock
 * when warm-up ends (a cosine over T steps after W warm-up steps ends at step W + T).
 * `schedule` is a schedule config, or a number for a constant rate.
 */
export interface WarmupScheduleConfig {
  kind: "warmup";
  steps: number;
  schedule: ScheduleConfig | number;
}

/** Any schedule, as plain JSON. */
export type ScheduleConfig =
  | ConstantScheduleConfig
  | StepScheduleConfig
  | ExponentialScheduleConfig
  | CosineScheduleConfig
  | WarmupScheduleConfig;

/** A learning-rate schedule: `at(k)` is the rate for step k (k = 0 is the first step). */
export interface Schedule {
  /** The config with every default filled in; `createSchedule(config)` rebuilds the same schedule. */
  readonly config: ScheduleConfig;
  /** The learning rate at step `step` (an integer >= 0). Pure: same step, same rate. */
  at(step: number): number;
}

/** What an optimizer's `lr` option accepts: a constant, a schedule config, or a schedule. */
export type LearningRate = number | ScheduleConfig | Schedule;

export const SCHEDULE_KINDS = ["constant", "step", "exponential", "cosine", "warmup"] as const;

function checkStep(step: number): void {
  if (!Number.isInteger(step) || step < 0) {
    throw new RangeError(`Schedule.at: step must be an integer >= 0, got ${step}`);
  }
}

/**
 * Builds a schedule from its JSON config, checking every option.
 *
 * @example
 * ```ts
 * import { createSchedule } from "@arena/backprop";
 * const s = createSchedule({ kind: "warmup", steps: 100, schedule: { kind: "cosine", lr: 1e-3, steps: 900, minLr: 1e-5 } });
 * console.log(s.at(0), s.at(99), s.at(100), s.at(1000)); // 1e-5, 1e-3, 1e-3, 1e-5
 * ```
 */
export function createSchedule(config: ScheduleConfig): Schedule {
  if (typeof config !== "object" || config === null) {
    throw new TypeError(
      `createSchedule: config must be an object with a kind, got ${JSON.stringify(config)}`,
    );
  }
  const kind = (config as { kind?: unknown }).kind;
  switch (kind) {
    case "constant": {
      const o = checkKeys("constant schedule", config, ["kind", "lr"]);
      const lr = numberOption("constant schedule", o, "lr", undefined, NON_NEGATIVE);
      return {
        config: { kind, lr },
        at(step) {
          checkStep(step);
          return lr;
        },
      };
    }
    case "step": {
      const o = checkKeys("step schedule", config, ["kind", "lr", "stepSize", "gamma"]);
      const lr = numberOption("step schedule", o, "lr", undefined, NON_NEGATIVE);
      const stepSize = integerOption("step schedule", o, "stepSize", undefined, 1);
      const gamma = numberOption("step schedule", o, "gamma", 0.1, POSITIVE);
      return {
        config: { kind, lr, stepSize, gamma },
        at(step) {
          checkStep(step);
          return lr * gamma ** Math.floor(step / stepSize);
        },
      };
    }
    case "exponential": {
      const o = checkKeys("exponential schedule", config, ["kind", "lr", "gamma"]);
      const lr = numberOption("exponential schedule", o, "lr", undefined, NON_NEGATIVE);
      const gamma = numberOption("exponential schedule", o, "gamma", undefined, POSITIVE);
      return {
        config: { kind, lr, gamma },
        at(step) {
          checkStep(step);
          return lr * gamma ** step;
        },
      };
    }
    case "cosine": {
      const o = checkKeys("cosine schedule", config, ["kind", "lr", "steps", "minLr"]);
      const lr = numberOption("cosine schedule", o, "lr", undefined, NON_NEGATIVE);
      const steps = integerOption("cosine schedule", o, "steps", undefined, 1);
      const minLr = numberOption("cosine schedule", o, "minLr", 0, { min: 0, max: lr });
      const span = lr - minLr;
      return {
        config: { kind, lr, steps, minLr },
        at(step) {
          checkStep(step);
          if (step >= steps) return minLr;
          return minLr + (span * (1 + Math.cos((Math.PI * step) / steps))) / 2;
        },
      };
    }
    case "warmup": {
      const o = checkKeys("warmup schedule", config, ["kind", "steps", "schedule"]);
      const steps = integerOption("warmup schedule", o, "steps", undefined, 1);
      if (o.schedule === undefined) {
        throw new RangeError("warmup schedule: option schedule is required (a number or a schedule config)");
      }
      const inner =
        typeof o.schedule === "number"
          ? createSchedule({
              kind: "constant",
              lr: checkNumber("warmup schedule", "schedule", o.schedule, NON_NEGATIVE),
            })
          : createSchedule(o.schedule as ScheduleConfig);
      const peak = inner.at(0);
      return {
        config: { kind, steps, schedule: inner.config },
        at(step) {
          checkStep(step);
          return step < steps ? (peak * (step + 1)) / steps : inner.at(step - steps);
        },
      };
    }
    default:
      throw new RangeError(
        `createSchedule: unknown kind ${JSON.stringify(kind)}; expected one of ${SCHEDULE_KINDS.join(", ")}`,
      );
  }
}

/**
 * Turns an optimizer's `lr` option into a schedule. A number becomes a constant schedule; a schedule
 * object is rebuilt from its `config`, so what the optimizer saves in `state()` rebuilds exactly what it runs.
 */
export function toSchedule(owner: string, lr: LearningRate): Schedule {
  if (typeof lr === "number") {
    return createSchedule({ kind: "constant", lr: checkNumber(owner, "lr", lr, NON_NEGATIVE) });
  }
  if (typeof lr !== "object" || lr === null) {
    throw new TypeError(
      `${owner}: option lr must be a number >= 0 or a schedule config, got ${JSON.stringify(lr)}`,
    );
  }
  return createSchedule("at" in lr && typeof lr.at === "function" ? lr.config : (lr as ScheduleConfig));
}
