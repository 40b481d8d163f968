import type { Kernels } from "@arena/tensor";
import type { LayoutBuilder } from "../layout.ts";
import { sigmoidApprox, tanhApprox } from "../tanh-approx.ts";
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
    const rec = ws.rec;
    k.gemm(false, false, n, G, H, 1, ws.hs, t * nh, H, p, base + this.uOff, G, 0, rec, 0, G);
    k.addRowBias(n, H, p, base + this.bhnOff, rec, 2 * H, G);
    const z = ws.z;
    const gates = ws.gatesBuf;
    const hn = ws.aux;
    const hs = ws.hs;
    const gBase = t * n * G;
    const hPrev = t * nh;
    const hNext = (t + 1) * nh;
    for (let r = 0; r < n; r++) {
      const zr = zOff + r * G;
      const rr = r * G;
      const gr = gBase + r * G;
      const hr = r * H;
      for (let j = 0; j < H; j++) {
        const u = sigmoidApprox(z[zr + j] + rec[rr + j]);
        const rg = sigmoidApprox(z[zr + H + j] + rec[rr + H + j]);
        const hc = rec[rr + 2 * H + j];
        const cand = tanhApprox(z[zr + 2 * H + j] + rg * hc);
        gates[gr + j] = u;
        gates[gr + H + j] = rg;
        gates[gr + 2 * H + j] = cand;
        hn[hPrev + hr + j] = hc;
        const hp = hs[hPrev + hr + j];
        hs[hNext + hr + j] = cand + u * (hp - cand);
      }
    }
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
    const dz = ws.z;
    const dzr = ws.dzRec!;
    const gates = ws.gatesBuf;
    const hn = ws.aux;
    const hs = ws.hs;
    const dh = ws.dh;
    const dhNext = ws.dhNext;
    const gBase = t * n * G;
    const sOff = t * nh;
    for (let r = 0; r < n; r++) {
      const gr = gBase + r * G;
      const dr = dzOff + r * G;
      const hr = r * H;
      for (let j = 0; j < H; j++) {
        const u = gates[gr + j];
        const rg = gates[gr + H + j];
        const cand = gates[gr + 2 * H + j];
        const dhv = dh[hr + j];
        const dan = dhv * (1 - u) * (1 - cand * cand);
        const du = dhv * (hs[sOff + hr + j] - cand) * u * (1 - u);
        const dr2 = dan * hn[sOff + hr + j] * rg * (1 - rg);
        dz[dr + j] = du;
        dz[dr + H + j] = dr2;
        dz[dr + 2 * H + j] = dan;
        dzr[dr + j] = du;
        dzr[dr + H + j] = dr2;
        dzr[dr + 2 * H + j] = dan * rg;
        if (carry) dhNext[hr + j] = dhv * u;
      }
    }
    if (carry) this.k.gemm(false, true, n, H, G, 1, dzr, dzOff, G, p, base + this.uOff, G, 1, dhNext, 0, H);
  }

  override extraBiasGradient(g: Float32Array, ws: SequenceLayerWorkspace, rows: number): void {
    const H = this.hidden;
    this.k.colSums(rows, H, 1, ws.dzRec!, 2 * H, 3 * H, 1, g, this.bhnOff);
  }
}
