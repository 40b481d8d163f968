import type { ModelMemory } from "../model-memory.ts";

/**
 * Buffers of one recurrent layer for up to `nCap` sequences × `tCap` window steps, time-major.
 * Growing keeps the stored steps (a carried state or kept window survives).
 */
export class SequenceLayerWorkspace {
  nCap = 0;
  tCap = 0;
  /** Hidden states, (tCap + 1) slots of n × H. */
  hs: Float32Array = new Float32Array(0);
  /** LSTM memory cells, same slots as hs. */
  cs: Float32Array = new Float32Array(0);
  /** Post-activation gates per step, n × G·H (LSTM, GRU). */
  gatesBuf: Float32Array = new Float32Array(0);
  /** Per-step auxiliary values, n × auxWidth (LSTM tanh(c_t), GRU h_{t−1}·U_n + b_hn). */
  aux: Float32Array = new Float32Array(0);
  /** Pre-activations during forward; pre-activation gradients ∂Z during backward. */
  z: Float32Array = new Float32Array(0);
  /** GRU: gradient w.r.t. the recurrent projection h·U (differs from ∂Z in the candidate block). */
  dzRec: Float32Array | null = null;
  /** GRU: the recurrent projection of one step, n × 3H. */
  rec: Float32Array = new Float32Array(0);
  /** ∂L/∂h injected from above per step. */
  dIn: Float32Array = new Float32Array(0);
  dh: Float32Array = new Float32Array(0);
  dhNext: Float32Array = new Float32Array(0);
  dcNext: Float32Array = new Float32Array(0);
  /** ‖∂L/∂h_t‖ per backpropagated step, oldest first. */
  norms = new Float64Array(0);
  /** Steps recorded in `norms` by the last backward pass. */
  normCount = 0;

  /**
   * Built by a recurrent layer for its model, over the model's own memory.
   * @internal
   */
  constructor(
    private readonly memory: ModelMemory,
    readonly hidden: number,
    readonly gates: number,
    readonly hasCell: boolean,
    readonly auxWidth: number,
    readonly recurrentWidth: number,
  ) {}

  /** Makes room for n sequences × t steps; keeps stored states and gates when it grows. */
  ensure(n: number, t: number): void {
    if (n <= this.nCap && t <= this.tCap) return;
    const nCap = Math.max(n, this.nCap);
    const tCap = Math.max(t, this.tCap);
    const H = this.hidden;
    const gh = this.gates * H;
    const mem = this.memory;
    this.hs = mem.resize(this.hs, (tCap + 1) * nCap * H, true);
    if (this.hasCell) this.cs = mem.resize(this.cs, (tCap + 1) * nCap * H, true);
    if (this.gates > 1) this.gatesBuf = mem.resize(this.gatesBuf, tCap * nCap * gh, true);
    if (this.auxWidth > 0) this.aux = mem.resize(this.aux, tCap * nCap * this.auxWidth, true);
    this.z = mem.resize(this.z, tCap * nCap * gh);
    if (this.recurrentWidth > 0) {
      const dzLength = tCap * nCap * gh;
      this.dzRec = this.dzRec === null ? mem.alloc(dzLength) : mem.resize(this.dzRec, dzLength);
      this.rec = mem.resize(this.rec, nCap * this.recurrentWidth);
    }
    this.dIn = mem.resize(this.dIn, tCap * nCap * H);
    this.dh = mem.resize(this.dh, nCap * H);
    this.dhNext = mem.resize(this.dhNext, nCap * H);
    this.dcNext = mem.resize(this.dcNext, nCap * H);
    this.norms = new Float64Array(tCap);
    this.nCap = nCap;
    this.tCap = tCap;
  }
}
