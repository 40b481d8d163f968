import type { Kernels } from "@arena/tensor";
import type { LayoutBuilder } from "../layout.ts";
import type { SequenceLayerWorkspace } from "./layer-workspace.ts";
import { RecurrentLayer } from "./recurrent-layer.ts";

/**
 * Gated recurrent unit (Cho et al. 2014) in the "reset after" form of cuDNN, PyTorch and Keras
 * (`reset_after=True`), gate blocks in the order z (update), r (reset), n (candidate):
 *
 *   z = σ(x·W_z + h·U_z + b_z),  r = σ(x·W_r + h·U_r + b_r)
 *   n = tanh(x·W_n + b_n + r ⊙ (h·U_n + b_hn)),   h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
 *
 * Applying r after the recurrent product lets one gemm per step compute h·U for all three blocks;
 * the candidate block keeps its own recurrent bias b_hn (a tensor "bhn" of H entries after b).
 *
 * Elementwise FLOPs per unit and step: forward 10 (z and r: add + σ each; n: product, add, tanh;
 * h_t: 3); backward 17 (∂h sum 1, then 16 in the loop below).
 *
 * This file holds the cell's one step forward and back; the loops over time are in bptt.ts.
 */
export class Gru extends RecurrentLayer {
  readonly gates = 3;
  readonly elementwise = { forward: 10, backward: 17 };
  readonly bhnOff: number;

  constructor(k: Kernels, name: string, inSize: number, hidden: number, layout: LayoutBuilder) {
    super(k, name, inSize, hidden, 3, layout, "gru");
    this.bhnOff = layout.tensor("bhn", [hidden], false);
  }

  protected override initializeExtra(target: Float32Array): void {
    target.fill(0, this.bhnOff, this.bhnOff + this.hidden);
  }

  override get auxWidth(): number {
    return this.hidden;
  }

  override get recurrentWidth(): number {
    return 3 * this.hidden;
  }

  override get extraBiasWidth(): number {
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
    const G = 3 * H;
    const nh = n * H;
    const k = this.k;
    k.gemm(false, false, n, G, H, 1, ws.hs, t * nh, H, p, base + this.uOff, G, 0, ws.rec, 0, G);
    // Gates, candidate (with b_hn) and output in one fused kernel; h·U_n + b_hn kept for backward.
    k.gruForward(
      n,
      H,
      ws.z,
      zOff,
      ws.rec,
      0,
      p,
      base + this.bhnOff,
      ws.hs,
      t * nh,
      ws.gatesBuf,
      t * n * G,
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
    const G = 3 * H;
    const nh = n * H;
    const sOff = t * nh;
    const dzr = ws.dzRec!;
    // ∂Z, ∂(h·U) and the direct part of ∂h_{t−1} (∂h ⊙ u, u the update gate) in one fused kernel;
    // the gemm adds ∂(h·U)·Uᵀ to the latter.
    this.k.gruBackward(
      n,
      H,
      ws.gatesBuf,
      t * n * G,
      ws.hs,
      sOff,
      ws.aux,
      sOff,
      ws.dh,
      0,
      ws.z,
      dzOff,
      dzr,
      dzOff,
      ws.dhNext,
      0,
    );
    if (carry)
      this.k.gemm(false, true, n, H, G, 1, dzr, dzOff, G, p, base + this.uOff, G, 1, ws.dhNext, 0, H);
  }

  override extraBiasGradient(g: Float32Array, ws: SequenceLayerWorkspace, rows: number): void {
    const H = this.hidden;
    this.k.colSums(rows, H, 1, ws.dzRec!, 2 * H, 3 * H, 1, g, this.bhnOff);
  }
}
