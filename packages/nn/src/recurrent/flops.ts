import {
  assembleFlops,
  checkFlopBatch,
  type FlopCount,
  type FlopOptions,
  type FlopParts,
  type LayerFlops,
} from "../flops.ts";
import { lossFlops } from "../losses.ts";
import type { SequenceNet } from "./net-wiring.ts";
import type { RecurrentLayer } from "./recurrent-layer.ts";
import { checkInt } from "./validation.ts";

/**
 * Analytic FLOPs of a recurrent net: per recurrent layer the input and recurrent gemms, biases and
 * gate arithmetic (see each cell for its elementwise count), then the readout, the loss and the
 * penalty (`penalty`, counted by the model). `steps` is required; backward covers `lastK` steps
 * (default `steps`).
 */
export function recurrentNetFlops(
  net: SequenceNet,
  opts: FlopOptions,
  penalty: { forward: number; backward: number },
): FlopCount {
  const n = checkFlopBatch(opts);
  if (opts.steps === undefined) throw new RangeError("flops: steps is required for a recurrent model");
  const S = checkInt("flops", "steps", opts.steps, 1);
  const back = opts.backward === true;
  const K = back ? Math.min(checkInt("flops", "lastK", opts.lastK ?? S, 1), S) : 0;
  const layers: LayerFlops[] = net.cells.map((c, l) => ({ name: c.name, ...layerFlops(c, n, S, K, l > 0) }));
  if (opts.train === true && net.dropout > 0) {
    // Dropout between stacked layers: one multiply per input entry forward, one per gradient entry back.
    for (let l = 1; l < layers.length; l++) {
      const H = net.cells[l - 1].hidden;
      layers[l].forward.elementwise += n * S * H;
      layers[l].backward.elementwise += n * K * H;
    }
  }
  const rows = net.readout === "every-step" ? S * n : n;
  layers.push(...net.head.flops(rows, true, opts.train === true));
  const lf = lossFlops(net.loss, net.outputActivation);
  const e = rows * net.outputSize;
  return assembleFlops(layers, { forward: lf.forward * e, backward: lf.backward * e }, penalty, back);
}

/**
 * FLOPs of one recurrent layer over `steps` forward steps and `backSteps` backward steps of a batch
 * of n. Backward: ∂W, ∂U gemms over the window, ∂h_{t−1} = ∂Z·Uᵀ for every step but the window's
 * first, ∂input when the layer has one below (`inputGrad`).
 */
export function layerFlops(
  cell: RecurrentLayer,
  n: number,
  steps: number,
  backSteps: number,
  inputGrad: boolean,
): { forward: FlopParts; backward: FlopParts } {
  const H = cell.hidden;
  const gh = cell.gates * H;
  const F = cell.inSize;
  const extraBias = cell.extraBiasWidth;
  return {
    forward: {
      matmul: 2 * steps * n * (F + H) * gh,
      bias: steps * n * (gh + extraBias),
      elementwise: steps * n * H * cell.elementwise.forward,
    },
    backward: {
      matmul:
        backSteps === 0
          ? 0
          : 2 * backSteps * n * (F + H) * gh +
            2 * (backSteps - 1) * n * gh * H +
            (inputGrad ? 2 * backSteps * n * F * gh : 0),
      bias: backSteps * n * (gh + extraBias),
      elementwise: backSteps * n * H * cell.elementwise.backward,
    },
  };
}
