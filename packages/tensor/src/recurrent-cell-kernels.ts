/**
 * The fused recurrent step kernels of `Kernels`: one LSTM or GRU time step's elementwise work
 * (gates, cell update) and its gradient in one pass per step, the same bits on every backend.
 * Implemented by `lstm-cell.ts` and `gru-cell.ts` (TypeScript) and `wasm/assembly/{lstm,gru}-cell.ts`.
 */
export interface RecurrentCellKernels {
  /**
   * One LSTM time step's elementwise work for n rows of `hidden` units, fused (see `lstm-cell.ts`):
   * from the pre-activations z (n × 4·hidden, gate blocks i, f, g, o) and the previous cell cPrev,
   * writes gates = (σ(z_i), σ(z_f), tanh(z_g), σ(z_o)), c = f ⊙ cPrev + i ⊙ g, tanhC = tanh(c) and
   * h = o ⊙ tanh(c). The rational tanh and σ of `activation`, evaluated in float64 and rounded once
   * per stored value: every backend gives the same bits. Outputs must not overlap inputs.
   */
  lstmForward(
    n: number,
    hidden: number,
    z: Float32Array,
    zOff: number,
    cPrev: Float32Array,
    cPrevOff: number,
    gates: Float32Array,
    gatesOff: number,
    c: Float32Array,
    cOff: number,
    tanhC: Float32Array,
    tanhCOff: number,
    h: Float32Array,
    hOff: number,
  ): void;
  /**
   * The LSTM step back, from lstmForward's gates, cPrev and tanhC and ∂L/∂h: writes the gradients of
   * the pre-activations into dz (n × 4·hidden) and replaces dc, ∂L/∂c_t on entry, by ∂L/∂c_{t−1}.
   * The same bits on every backend; dz must not overlap inputs.
   */
  lstmBackward(
    n: number,
    hidden: number,
    gates: Float32Array,
    gatesOff: number,
    cPrev: Float32Array,
    cPrevOff: number,
    tanhC: Float32Array,
    tanhCOff: number,
    dh: Float32Array,
    dhOff: number,
    dc: Float32Array,
    dcOff: number,
    dz: Float32Array,
    dzOff: number,
  ): void;
  /**
   * One "reset after" GRU time step's elementwise work for n rows, fused (see `gru-cell.ts`): from the
   * input part x (n × 3·hidden, blocks z, r, n: x·W + b), the recurrent product rec (h_{t−1}·U, no
   * bias), the candidate's recurrent bias bhn and hPrev, writes gates = (u, r, cand), hn = rec_n + bhn
   * and h = cand + u ⊙ (hPrev − cand). The same bits on every backend; outputs must not overlap inputs.
   */
  gruForward(
    n: number,
    hidden: number,
    x: Float32Array,
    xOff: number,
    rec: Float32Array,
    recOff: number,
    bhn: Float32Array,
    bhnOff: number,
    hPrev: Float32Array,
    hPrevOff: number,
    gates: Float32Array,
    gatesOff: number,
    hn: Float32Array,
    hnOff: number,
    h: Float32Array,
    hOff: number,
  ): void;
  /**
   * The GRU step back, from gruForward's gates and hn, hPrev and ∂L/∂h: writes the gradients of the
   * input part's pre-activations into dz, those of the recurrent product into dzRec (both
   * n × 3·hidden), and dhPrev = ∂h ⊙ u, the part of ∂L/∂h_{t−1} that bypasses U (the caller adds
   * dzRec·Uᵀ). The same bits on every backend; outputs must not overlap inputs.
   */
  gruBackward(
    n: number,
    hidden: number,
    gates: Float32Array,
    gatesOff: number,
    hPrev: Float32Array,
    hPrevOff: number,
    hn: Float32Array,
    hnOff: number,
    dh: Float32Array,
    dhOff: number,
    dz: Float32Array,
    dzOff: number,
    dzRec: Float32Array,
    dzRecOff: number,
    dhPrev: Float32Array,
    dhPrevOff: number,
  ): void;
}
