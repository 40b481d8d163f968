import type { DenseStack } from "../dense.ts";
import { assembleFlops, checkFlopBatch, type FlopCount, type FlopOptions } from "../flops.ts";
import { type Loss, lossFlops, type OutputActivation } from "../losses.ts";

/**
 * Analytic FLOPs of an MLP pass over `batch` samples: per dense layer 2·in·out·batch for the gemm,
 * out·batch for the bias, one per activation entry; backward two gemms per layer (one for the first,
 * whose input needs no gradient), the bias column sums, two per activation-derivative entry. Then
 * the output activation with the loss, and the penalty (`penalty`, counted by the model).
 */
export function mlpFlops(
  stack: DenseStack,
  loss: Loss,
  outputActivation: OutputActivation,
  opts: FlopOptions,
  penalty: { forward: number; backward: number },
): FlopCount {
  const batch = checkFlopBatch(opts);
  const layers = stack.flops(batch, false, opts.train === true);
  const lf = lossFlops(loss, outputActivation);
  const e = batch * stack.outSize;
  return assembleFlops(
    layers,
    { forward: lf.forward * e, backward: lf.backward * e },
    penalty,
    opts.backward === true,
  );
}
