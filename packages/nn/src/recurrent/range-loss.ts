import { outputLoss } from "../losses.ts";
import type { Samples } from "../model.ts";
import { forwardWindow } from "./bptt.ts";
import type { SequenceNet } from "./net-wiring.ts";
import type { NetWorkspace } from "./net-workspace.ts";
import { gatherTargets } from "./time-major.ts";

/**
 * Forwards samples [start, start + count) of `data` (whole sequences of `steps` steps, zero initial
 * state, inference mode) with weights from `p` at `base` into `ws`, and returns their summed loss:
 * what `loss`, `evaluate` and `lossBatch` share. The outputs stay in the head's last activations and
 * every-step targets in ws.yT, for the metrics.
 */
export function forwardRangeLoss(
  net: SequenceNet,
  ws: NetWorkspace,
  p: Float32Array,
  base: number,
  data: Samples,
  steps: number,
  start: number,
  count: number,
): number {
  const F = net.inputSize;
  const O = net.outputSize;
  forwardWindow(net, ws, p, base, data.x, start * steps * F, steps, 0, count, steps, 0, "zero", null);
  const hw = ws.head;
  const last = net.head.layers.length - 1;
  let y = data.y;
  let yOff = start * O;
  let rows = count;
  if (net.readout === "every-step") {
    gatherTargets(ws, O, data.y, start * steps * O, steps, 0, count, steps);
    y = ws.yT;
    yOff = 0;
    rows = count * steps;
  }
  return outputLoss(
    net.kernels,
    net.loss,
    net.outputActivation,
    rows,
    O,
    hw.z[last],
    0,
    O,
    hw.a[last],
    0,
    O,
    y,
    yOff,
    O,
    null,
    0,
    0,
    1,
  );
}
