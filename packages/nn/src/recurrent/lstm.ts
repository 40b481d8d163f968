import type { Kernels } from "@arena/tensor";
import type { LayoutBuilder } from "../layout.ts";
import { sigmoidApprox, tanhApprox } from "../tanh-approx.ts";
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
    this.k.gemm(false, false, n, G, H, 1, ws.hs, t * nh, H, p, base + this.uOff, G, 1, ws.z, zOff, G);
    const z = ws.z;
    const gates = ws.gatesBuf;
    const cs = ws.cs;
    const hs = ws.hs;
    const tanhC = ws.aux;
    const gBase = t * n * G;
    const cPrev = t * nh;
    const cNext = (t + 1) * nh;
    for (let r = 0; r < n; r++) {
      const zr = zOff + r * G;
      const gr = gBase + r * G;
      const hr = r * H;
      for (let j = 0; j < H; j++) {
        const ig = sigmoidApprox(z[zr + j]);
        const fg = sigmoidApprox(z[zr + H + j]);
        const gg = tanhApprox(z[zr + 2 * H + j]);
        const og = sigmoidApprox(z[zr + 3 * H + j]);
        gates[gr + j] = ig;
        gates[gr + H + j] = fg;
        gates[gr + 2 * H + j] = gg;
        gates[gr + 3 * H + j] = og;
        const c = fg * cs[cPrev + hr + j] + ig * gg;
        cs[cNext + hr + j] = c;
        const tc = tanhApprox(c);
        tanhC[cPrev + hr + j] = tc;
        hs[cNext + hr + j] = og * tc;
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
    const G = 4 * H;
    const nh = n * H;
    const dz = ws.z;
    const gates = ws.gatesBuf;
    const cs = ws.cs;
    const tanhC = ws.aux;
    const dh = ws.dh;
    const dcNext = ws.dcNext;
    const gBase = t * n * G;
    const sOff = t * nh;
    for (let r = 0; r < n; r++) {
      const gr = gBase + r * G;
      const dr = dzOff + r * G;
      const hr = r * H;
      for (let j = 0; j < H; j++) {
        const ig = gates[gr + j];
        const fg = gates[gr + H + j];
        const gg = gates[gr + 2 * H + j];
        const og = gates[gr + 3 * H + j];
        const tc = tanhC[sOff + hr + j];
        const dhv = dh[hr + j];
        const dc = dcNext[hr + j] + dhv * og * (1 - tc * tc);
        dz[dr + j] = dc * gg * ig * (1 - ig);
        dz[dr + H + j] = dc * cs[sOff + hr + j] * fg * (1 - fg);
        dz[dr + 2 * H + j] = dc * ig * (1 - gg * gg);
        dz[dr + 3 * H + j] = dhv * tc * og * (1 - og);
        dcNext[hr + j] = dc * fg;
      }
    }
    if (carry) this.k.gemm(false, true, n, H, G, 1, dz, dzOff, G, p, base + this.uOff, G, 0, ws.dhNext, 0, H);
  }
}
