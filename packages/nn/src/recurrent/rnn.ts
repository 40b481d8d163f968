import type { Kernels } from "@arena/tensor";
import { activationForwardKernel } from "../activations.ts";
import type { LayoutBuilder } from "../layout.ts";
import type { SequenceLayerWorkspace } from "./layer-workspace.ts";
import { RecurrentLayer } from "./recurrent-layer.ts";

/**
 * The Elman recurrent layer (Elman 1990): h_t = tanh(x_t·W + h_{t−1}·U + b).
 *
 * Elementwise FLOPs per unit and step: forward 1 (tanh); backward 4 (∂h sum, then ∂z = ∂h·(1 − h²)).
 *
 * This file holds the cell's one step forward and back; the loops over time are in bptt.ts.
 */
export class Rnn extends RecurrentLayer {
  readonly gates = 1;
  readonly elementwise = { forward: 1, backward: 4 };

  constructor(k: Kernels, name: string, inSize: number, hidden: number, layout: LayoutBuilder) {
    super(k, name, inSize, hidden, 1, layout, "rnn");
  }

  stepForward(
    p: Float32Array,
    base: number,
    ws: SequenceLayerWorkspace,
    n: number,
    t: number,
    zOff: number,
  ): void {
    const H = this.hidden;
    const nh = n * H;
    this.k.gemm(false, false, n, H, H, 1, ws.hs, t * nh, H, p, base + this.uOff, H, 1, ws.z, zOff, H);
    activationForwardKernel(this.k, "tanh", nh, ws.z, zOff, ws.hs, (t + 1) * nh);
  }

  stepBackward(
    p: Float32Array,
    base: number,
    ws: SequenceLayerWorkspace,
    n: number,
    t: number,
    dzOff: number,
    carry: boolean,
  ): void {
    const H = this.hidden;
    const nh = n * H;
    const dz = ws.z;
    // dz = dh ⊙ (1 − h²), h = tanh(z) the step's output
    this.k.activationGrad("tanh", nh, ws.hs, (t + 1) * nh, ws.dh, 0, dz, dzOff);
    if (carry) this.k.gemm(false, true, n, H, H, 1, dz, dzOff, H, p, base + this.uOff, H, 0, ws.dhNext, 0, H);
  }
}
