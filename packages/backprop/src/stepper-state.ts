import { floatsFromJson, floatsToJson, type JsonFloat } from "@arena/float-json";
import type { RngState } from "@arena/rng";
import type { EpochSamplerState } from "./epoch-sampler.ts";
import type { FeedbackState } from "./gradient-estimator.ts";
import type { OptimizerState } from "./optimizers/gradient-optimizer.ts";

/**
 * Plain-JSON state of a `BackpropStepper` between minibatches: counters, the sampler, the dropout
 * stream and the optimizer. `last` holds the last loss and gradient norm as exact float JSON (they may
 * be NaN, which JSON numbers cannot carry).
 */
export interface StepperState {
  steps: number;
  flops: number;
  evaluations: number;
  last: JsonFloat[];
  sampler: EpochSamplerState;
  dropoutRng: RngState | null;
  optimizer: OptimizerState;
  /** Feedback alignment only: the kind and the seed path its matrices B are redrawn from. */
  feedback?: FeedbackState;
}

/** The last loss and gradient norm as `StepperState.last`. */
export function encodeLast(loss: number, gradNorm: number): JsonFloat[] {
  return floatsToJson([loss, gradNorm]);
}

/**
 * Checks a saved state before a stepper restores it (counters finite and >= 0, a dropout stream exactly
 * when the model has dropout, feedback exactly when the stepper uses it) and reads its last loss and
 * gradient norm.
 */
export function readStepperState(
  state: StepperState,
  hasDropout: boolean,
  hasFeedback: boolean,
): { loss: number; gradNorm: number } {
  const owner = "BackpropStepper.restore";
  if (state === null || typeof state !== "object") throw new TypeError(`${owner}: state must be an object`);
  for (const key of ["steps", "flops", "evaluations"] as const) {
    const v = state[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`${owner}: ${key} must be a finite number >= 0, got ${String(v)}`);
    }
  }
  if ((state.dropoutRng === null) === hasDropout) {
    throw new RangeError(
      `${owner}: the state ${state.dropoutRng === null ? "has no" : "has a"} dropout stream, this model ${hasDropout ? "has" : "has no"} dropout`,
    );
  }
  if ((state.feedback === undefined) === hasFeedback) {
    throw new RangeError(
      `${owner}: the state ${hasFeedback ? "has no" : "has"} feedback matrices, this stepper ${hasFeedback ? "uses" : "uses none (backprop)"}`,
    );
  }
  const last = floatsFromJson(owner, "last", state.last, 2);
  return { loss: last[0], gradNorm: last[1] };
}
