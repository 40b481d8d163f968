import type { DenseStack } from "../dense.ts";
import { assembleFlops, checkFlopBatch, type FlopCount, type FlopOptions } from "../flops.ts";
import { type Loss, lossFlops, type OutputActivation } from "../losses.ts";
import { checkFeedbackKind, type FeedbackKind, feedbackFlops } from "./feedback-alignment.ts";

/** Options of `Mlp.flops`: nn's `FlopOptions` plus the gradient estimator of the backward pass. */
export interface MlpFlopOptions extends FlopOptions {
  /** Count the backward pass of feedback alignment ("fa", the same as backprop) or DFA ("dfa"). */
  feedback?: FeedbackKind;
}

/**
 * Analytic FLOPs of an MLP pass over `batch` samples: per dense layer 2·in·out·batch for the gemm,
 * out·batch for the bias, one per activation entry; backward two gemms per layer (one for the first,
 * whose input needs no gradient), the bias column sums, two per activation-derivative entry. Then
 * the output activation with the loss, and the penalty (`penalty`, counted by the model). With
 * `feedback` the backward pass is that estimator's (see `feedbackFlops` in `feedback-alignment.ts`).
 */
export function mlpFlops(
  stack: DenseStack,
  loss: Loss,
  outputActivation: OutputActivation,
  opts: MlpFlopOptions,
  penalty: { forward: number; backward: number },
): FlopCount {
  const { feedback } = opts;
  const batch = checkFlopBatch(opts, ["feedback"]);
  const train = opts.train === true;
  let layers: ReturnType<DenseStack["flops"]>;
  if (feedback === undefined) layers = stack.flops(batch, false, train);
  else {
    checkFeedbackKind("flops", feedback);
    layers = feedbackFlops(stack, feedback, batch, train);
  }
  const lf = lossFlops(loss, outputActivation);
  const e = batch * stack.outSize;
  return assembleFlops(
    layers,
    { forward: lf.forward * e, backward: lf.backward * e },
    penalty,
    opts.backward === true,
  );
}
