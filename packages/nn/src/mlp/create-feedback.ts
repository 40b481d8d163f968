import type { RngLike } from "@arena/rng";
import type { Model } from "../model.ts";
import type { FeedbackKind, MlpFeedback } from "./feedback-alignment.ts";
import type { Mlp } from "./mlp.ts";

/**
 * Fixed random feedback matrices for `model`, drawn from `rng` (see `Mlp.createFeedback`). Refuses
 * recurrent nets: FA and DFA are defined here for MLPs only (through time, the errors would also have
 * to travel back through the recurrent weights).
 */
export function createFeedback(model: Model, kind: FeedbackKind, rng: RngLike): MlpFeedback {
  if (model.spec.kind !== "mlp") {
    throw new RangeError(
      `createFeedback: feedback alignment is implemented for MLPs only, got a "${model.spec.kind}" model`,
    );
  }
  return (model as Mlp).createFeedback(kind, rng);
}
