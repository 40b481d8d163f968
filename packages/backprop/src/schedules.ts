/**
 * Learning-rate schedules: pure functions of the step count, built from plain JSON so a suite file can
 * name them. An optimizer takes `lr` as a number or a schedule; its k-th call to `step` (k = 0, 1, …)
 * uses `schedule.at(k)`. Each config is a zod schema here (`scheduleConfig`, a union on `kind`): the
 * type, the defaults, the validation and the docs.
 */
import { parseOptions } from "@arena/options";
import * as z from "zod";

const rate = z.number().min(0);
const positiveInt = z.number().int().min(1);

/** `lr` at every step. */
export const constantSchedule = z
  .strictObject({
    kind: z.literal("constant").describe("the schedule"),
    lr: rate.describe("the learning rate at every step, >= 0"),
  })
  .describe("lr at every step");

/** `lr · gamma^⌊k / stepSize⌋`: PyTorch's `StepLR` (gamma defaults to 0.1 as there). */
export const stepSchedule = z
  .strictObject({
    kind: z.literal("step").describe("the schedule"),
    lr: rate.describe("the learning rate of the first stepSize steps, >= 0"),
    stepSize: positiveInt.describe("steps between decays, an integer >= 1"),
    gamma: z.number().positive().default(0.1).describe("factor applied every stepSize steps, > 0"),
  })
  .describe("lr · gamma^⌊k / stepSize⌋ (PyTorch's StepLR)");

/** `lr · gamma^k`: PyTorch's `ExponentialLR`; gamma has no default. */
export const exponentialSchedule = z
  .strictObject({
    kind: z.literal("exponential").describe("the schedule"),
    lr: rate.describe("the learning rate at step 0, >= 0"),
    gamma: z.number().positive().describe("factor applied every step, > 0"),
  })
  .describe("lr · gamma^k (PyTorch's ExponentialLR)");

/**
 * Cosine annealing from `lr` to `minLr` (default 0) over `steps` steps, then `minLr` for good:
 * `minLr + (lr − minLr) · (1 + cos(π · min(k, steps) / steps)) / 2` (Loshchilov & Hutter 2017, SGDR,
 * one cycle without restarts; PyTorch's `CosineAnnealingLR` with `eta_min`).
 */
export const cosineSchedule = z
  .strictObject({
    kind: z.literal("cosine").describe("the schedule"),
    lr: rate.describe("the learning rate at step 0, >= 0"),
    steps: positiveInt.describe("steps from lr down to minLr, an integer >= 1"),
    minLr: rate.default(0).describe("the rate from step `steps` on, in [0, lr]"),
  })
  .superRefine((s, ctx) => {
    if (s.minLr > s.lr)
      ctx.addIssue({
        code: "custom",
        path: ["minLr"],
        input: s.minLr,
        message: `expected at most lr = ${s.lr}`,
      });
  })
  .describe("cosine annealing from lr to minLr over steps (SGDR without restarts)");

let innerSchedule: typeof learningRate | undefined;

/**
 * Linear warm-up (Goyal et al. 2017, "Accurate, Large Minibatch SGD"): for k < steps the rate is
 * `schedule.at(0) · (k + 1) / steps`, so the first step already moves and the last warm-up step reaches the
 * full rate; from k = steps on it is `schedule.at(k − steps)`, i.e. the inner schedule starts its own clock
 * when warm-up ends (a cosine over T steps after W warm-up steps ends at step W + T).
 * `schedule` is a schedule config, or a number for a constant rate.
 */
export const warmupSchedule = z
  .strictObject({
    kind: z.literal("warmup").describe("the schedule"),
    steps: positiveInt.describe("warm-up steps, an integer >= 1"),
    // A getter: the schema is recursive (the inner schedule may be any schedule, a warm-up too). It
    // returns the same schema every time, so a JSON Schema of it refers to itself instead of looping.
    get schedule(): typeof learningRate {
      innerSchedule ??= learningRate.describe("the schedule after warm-up, or a number for a constant rate");
      return innerSchedule;
    },
  })
  .describe("linear warm-up to the inner schedule's first rate, then the inner schedule");

/** Any schedule, as plain JSON: a union on `kind`. */
export const scheduleConfig = z.discriminatedUnion("kind", [
  constantSchedule,
  stepSchedule,
  exponentialSchedule,
  cosineSchedule,
  warmupSchedule,
]);

/**
 * What an optimizer's `lr` (and a warm-up's `schedule`) accepts as JSON: a constant rate >= 0 or a
 * schedule config. A value that is neither a number nor an object gets this message; for an object,
 * `parseOptions` reports what the schedule branch found, with its path.
 */
export const learningRate: z.ZodUnion<readonly [z.ZodNumber, typeof scheduleConfig]> = z
  .union([rate, scheduleConfig], {
    error: (iss) => {
      if (iss.code !== "invalid_union") return undefined;
      const v = iss.input;
      if (typeof v !== "object" || v === null || Array.isArray(v))
        return "expected a number >= 0 or a schedule config { kind: constant | step | exponential | cosine | warmup, … }";
      return undefined;
    },
  })
  .describe("a learning rate >= 0, or a schedule config");

export type ConstantScheduleConfig = z.input<typeof constantSchedule>;
export type StepScheduleConfig = z.input<typeof stepSchedule>;
export type ExponentialScheduleConfig = z.input<typeof exponentialSchedule>;
export type CosineScheduleConfig = z.input<typeof cosineSchedule>;
export type WarmupScheduleConfig = z.input<typeof warmupSchedule>;
/** Any schedule as JSON, as written (defaults may be left out). */
export type ScheduleConfig = z.input<typeof scheduleConfig>;
/** A schedule config with every default filled in. */
export type ResolvedScheduleConfig = z.output<typeof scheduleConfig>;

/** A learning-rate schedule: `at(k)` is the rate for step k (k = 0 is the first step). */
export interface Schedule {
  /** The config with every default filled in; `createSchedule(config)` rebuilds the same schedule. */
  readonly config: ResolvedScheduleConfig;
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
 * Builds a schedule from its JSON config; a bad config throws one `OptionsError` naming every problem.
 *
 * @example
 * ```ts
 * import { createSchedule } from "@arena/backprop";
 * const s = createSchedule({ kind: "warmup", steps: 100, schedule: { kind: "cosine", lr: 1e-3, steps: 900, minLr: 1e-5 } });
 * console.log(s.at(0), s.at(99), s.at(100), s.at(1000)); // 1e-5, 1e-3, 1e-3, 1e-5
 * ```
 */
export function createSchedule(config: ScheduleConfig): Schedule {
  return build(parseOptions("createSchedule", scheduleConfig, config));
}

function build(c: ResolvedScheduleConfig): Schedule {
  switch (c.kind) {
    case "constant": {
      const { lr } = c;
      return {
        config: c,
        at(step) {
          checkStep(step);
          return lr;
        },
      };
    }
    case "step": {
      const { lr, stepSize, gamma } = c;
      return {
        config: c,
        at(step) {
          checkStep(step);
          return lr * gamma ** Math.floor(step / stepSize);
        },
      };
    }
    case "exponential": {
      const { lr, gamma } = c;
      return {
        config: c,
        at(step) {
          checkStep(step);
          return lr * gamma ** step;
        },
      };
    }
    case "cosine": {
      const { lr, steps, minLr } = c;
      const span = lr - minLr;
      return {
        config: c,
        at(step) {
          checkStep(step);
          if (step >= steps) return minLr;
          return minLr + (span * (1 + Math.cos((Math.PI * step) / steps))) / 2;
        },
      };
    }
    case "warmup": {
      const { steps } = c;
      const inner = build(typeof c.schedule === "number" ? { kind: "constant", lr: c.schedule } : c.schedule);
      const peak = inner.at(0);
      return {
        config: { kind: "warmup", steps, schedule: inner.config },
        at(step) {
          checkStep(step);
          return step < steps ? (peak * (step + 1)) / steps : inner.at(step - steps);
        },
      };
    }
  }
}

/**
 * Turns an optimizer's validated `lr` into a schedule: a number becomes a constant schedule. What the
 * optimizer saves in `state()` (the schedule's resolved config) rebuilds exactly what it runs.
 */
export function toSchedule(lr: number | ResolvedScheduleConfig): Schedule {
  return build(typeof lr === "number" ? { kind: "constant", lr } : lr);
}

/** `options` with a `Schedule` object given as `lr` replaced by its config, so a schema can check it. */
export function lrAsJson(options: unknown): unknown {
  if (typeof options !== "object" || options === null) return options;
  const lr = (options as { lr?: unknown }).lr;
  if (typeof lr !== "object" || lr === null || typeof (lr as Schedule).at !== "function") return options;
  return { ...options, lr: (lr as Schedule).config };
}
