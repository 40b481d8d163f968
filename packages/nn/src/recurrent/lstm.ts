import type { Kernels } from "@arena/tensor";
import type { LayoutBuilder } from "../layout.ts";
import type { SequenceLayerWorkspace } from "./layer-workspace.ts";
import { RecurrentLayer } from "./recurrent-layer.ts";

/**
 * Long short-term memory (Hochreiter & Schmidhuber 1997) with a forget gate (Gers, Schmidhuber &
 * Cummins 2000), no peepholes, gate blocks in the order i, f, g, o (as PyTorch and cuDNN):
 *
 *   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o)   where z = x·W + h_{t−1}·U + b
 *   c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
 *
 * The forget-gate bias starts at 1 by default (Gers et al. 2000; Jozefowicz, Zaremba & Sutskever
 * 2015), so early in training the cell remembers.
 *
 * Elementwise FLOPs per unit and step: forward 9 (four gate nonlinearities, 3 for c_t, tanh(c_t) and
 * the product for h_t); backward 23 (∂h sum 1, ∂c 5, four gate pre-activation gradients 4 each, ∂c_{t−1} 1).
 *
 * This file holds the cell's one step forward and back; the loops over time are in bptt.ts.
 */
export class Lstm extends RecurrentLayer {
  readonly gates = 4;
  override readonly hasCell = true;
  readonly elementwise = { forward: 9, backward: 23 };

  constructor(
    k: Kernels,
    name: string,
    inSize: number,
    hidden: number,
    layout: LayoutBuilder,
    readonly forgetBias: number,
  ) {
    super(k, name, inSize, hidden, 4, layout, "lstm");
  }

  protected override initializeExtra(target: Float32Array): void {
    const H = this.hidden;
    target.fill(this.forgetBias, this.bOff + H, this.bOff + 2 * H);
  }

  override get auxWidth(): number {
    return this.hidden;
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
    const G = 4 * H;
    const nh = n * H;
    const k = this.k;
    k.gemm(false, false, n, G, H, 1, ws.hs, t * nh, H, p, base + this.uOff, G, 1, ws.z, zOff, G);
    // Gates, cell and output in one fused kernel (tanh(c_t) kept for the backward pass).
    k.lstmForward(
      n,
      H,
      ws.z,
      zOff,
      ws.cs,
      t * nh,
      ws.gatesBuf,
      t * n * G,
      ws.cs,
      (t + 1) * nh,
      ws.aux,
      t * nh,
      ws.hs,
      (t + 1) * nh,
    );
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
    const G = 4 * H;
    const nh = n * H;
    const sOff = t * nh;
    // ∂Z of the four gates, and ∂c carried to step t − 1, in one fused kernel.
    this.k.lstmBackward(
      n,
      H,
      ws.gatesBuf,
      t * n * G,
      ws.cs,
      sOff,
      ws.aux,
      sOff,
      ws.dh,
      0,
      ws.dcNext,
      0,
      ws.z,
      dzOff,
    );
    if (carry)
      this.k.gemm(false, true, n, H, G, 1, ws.z, dzOff, G, p, base + this.uOff, G, 0, ws.dhNext, 0, H);
  }
}
