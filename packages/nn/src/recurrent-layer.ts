import type { Rng } from "@arena/rng";
import type { Kernels } from "@arena/tensor";
import type { FlopParts } from "./flops.ts";
import { type Initializer, initOrthogonal, initWeights, type RecurrentInitializer } from "./init.ts";
import type { LayoutBuilder } from "./layout.ts";
import type { ModelMemory } from "./model-memory.ts";

/**
 * The machinery every recurrent layer shares: parameter layout, time-major workspaces and
 * backpropagation through time over a window of stored steps. A cell (Rnn, Lstm, Gru) supplies one
 * step forward and one step backward.
 *
 * Layout per layer: W (in × G·H) input weights, U (H × G·H) recurrent weights, b (G·H), gate blocks
 * side by side in that order (G = 1 for the Elman RNN, 4 for LSTM, 3 for GRU).
 *
 * Time-major storage: step t of a batch of n occupies rows [t·n, (t+1)·n) of every per-step buffer,
 * so each step is one contiguous n × width block and every weight gradient is one gemm over the whole
 * window. Hidden states have one slot more than steps: slot 0 holds the state the window starts from
 * and slot t + 1 the state after step t.
 */
export abstract class RecurrentLayer {
  /** Gate blocks: the width of the pre-activation is gates × hidden. */
  abstract readonly gates: number;
  /** Whether the cell keeps a memory cell c besides h (LSTM). */
  readonly hasCell: boolean = false;
  readonly wOff: number;
  readonly uOff: number;
  readonly bOff: number;

  constructor(
    readonly k: Kernels,
    readonly name: string,
    readonly inSize: number,
    readonly hidden: number,
    gates: number,
    layout: LayoutBuilder,
    kind: "rnn" | "lstm" | "gru",
  ) {
    const gh = gates * hidden;
    layout.layer(name, kind);
    this.wOff = layout.tensor("W", [inSize, gh], true);
    this.uOff = layout.tensor("U", [hidden, gh], true);
    this.bOff = layout.tensor("b", [gh], false);
  }

  /** Draws initial weights into `target`: W by `init` (fans in, G·H as Keras does), U per gate block. */
  initialize(rng: Rng, target: Float32Array, init: Initializer, recurrentInit: RecurrentInitializer): void {
    const H = this.hidden;
    const gh = this.gates * H;
    initWeights(init, rng, target, this.wOff, this.inSize * gh, this.inSize, gh);
    if (recurrentInit === "orthogonal") {
      for (let g = 0; g < this.gates; g++) initOrthogonal(rng, target, this.uOff + g * H, gh, H);
    } else {
      initWeights(recurrentInit, rng, target, this.uOff, H * gh, H, gh);
    }
    target.fill(0, this.bOff, this.bOff + gh);
    this.initializeExtra(target);
  }

  /** Cell-specific bias set-up (LSTM forget bias, GRU's recurrent candidate bias). */
  protected initializeExtra(_target: Float32Array): void {}

  /** A workspace for this layer, its buffers taken from `memory`. */
  createWorkspace(memory: ModelMemory): SequenceLayerWorkspace {
    return new SequenceLayerWorkspace(
      memory,
      this.hidden,
      this.gates,
      this.hasCell,
      this.auxWidth,
      this.recurrentWidth,
    );
  }

  /** Width of the per-step auxiliary buffer (LSTM tanh(c), GRU recurrent candidate), 0 if none. */
  protected get auxWidth(): number {
    return 0;
  }

  /** Width of a separate recurrent-projection buffer (GRU), 0 if none. */
  protected get recurrentWidth(): number {
    return 0;
  }

  /**
   * Forward over `steps` new steps stored at window positions [t0, t0 + steps), from the state in
   * slot t0. `inp` holds the steps' inputs, (steps·n) × inSize from `inOff`.
   */
  forward(
    p: Float32Array,
    base: number,
    ws: SequenceLayerWorkspace,
    n: number,
    t0: number,
    steps: number,
    inp: Float32Array,
    inOff: number,
  ): void {
    const k = this.k;
    const gh = this.gates * this.hidden;
    const rows = steps * n;
    // Input projection of every new step at once: Z = X·W + b.
    k.gemm(
      false,
      false,
      rows,
      gh,
      this.inSize,
      1,
      inp,
      inOff,
      this.inSize,
      p,
      base + this.wOff,
      gh,
      0,
      ws.z,
      0,
      gh,
    );
    k.addRowBias(rows, gh, p, base + this.bOff, ws.z, 0, gh);
    for (let s = 0; s < steps; s++) this.stepForward(p, base, ws, n, t0 + s, s * n * gh);
  }

  /** One step t: reads Z (input part, at zOff) and state slot t, writes state slot t + 1. */
  protected abstract stepForward(
    p: Float32Array,
    base: number,
    ws: SequenceLayerWorkspace,
    n: number,
    t: number,
    zOff: number,
  ): void;

  /**
   * Backpropagation through time over window steps [ts, tw). The gradient injected into h_t from
   * above (the readout or the layer above) is `ws.dIn` at step t for t ≥ injStart; no gradient flows
   * into the window from before ts (truncation). Accumulates ∂W, ∂U, ∂b into `g`, records ‖∂L/∂h_t‖
   * per step in `ws.norms`, and writes ∂L/∂input for the window into `dInput` at `dInOff` when given.
   * `inp` at `inOff` is the window's input, (tw − ts)·n × inSize.
   */
  backward(
    p: Float32Array,
    base: number,
    g: Float32Array,
    ws: SequenceLayerWorkspace,
    n: number,
    ts: number,
    tw: number,
    injStart: number,
    inp: Float32Array,
    inOff: number,
    dInput: Float32Array | null,
    dInOff: number,
  ): void {
    const k = this.k;
    const H = this.hidden;
    const gh = this.gates * H;
    const nh = n * H;
    ws.dhNext.fill(0, 0, nh);
    if (this.hasCell) ws.dcNext.fill(0, 0, nh);
    for (let t = tw - 1; t >= ts; t--) {
      // dL/dh_t = injected from above + carried back from step t + 1.
      if (t >= injStart) k.add(nh, ws.dhNext, 0, ws.dIn, t * nh, ws.dh, 0);
      else k.copy(nh, ws.dhNext, 0, ws.dh, 0);
      ws.norms[t - ts] = k.norm2(nh, ws.dh, 0);
      const dzOff = (t - ts) * n * gh;
      this.stepBackward(p, base, ws, n, t, dzOff, t > ts);
    }
    const K = tw - ts;
    const rows = K * n;
    const dzr = ws.dzRec ?? ws.z;
    k.gemm(true, false, this.inSize, gh, rows, 1, inp, inOff, this.inSize, ws.z, 0, gh, 1, g, this.wOff, gh);
    k.gemm(true, false, H, gh, rows, 1, ws.hs, ts * nh, H, dzr, 0, gh, 1, g, this.uOff, gh);
    k.colSums(rows, gh, 1, ws.z, 0, gh, 1, g, this.bOff);
    this.extraBiasGradient(g, ws, rows);
    if (dInput !== null) {
      k.gemm(
        false,
        true,
        rows,
        this.inSize,
        gh,
        1,
        ws.z,
        0,
        gh,
        p,
        base + this.wOff,
        gh,
        0,
        dInput,
        dInOff,
        this.inSize,
      );
    }
  }

  /**
   * One step back: from ws.dh (∂L/∂h_t) writes the pre-activation gradients at dzOff in ws.z (and
   * ws.dzRec for GRU), updates the cell gradient, and, when `carry`, sets ws.dhNext = ∂L/∂h_{t−1}.
   */
  protected abstract stepBackward(
    p: Float32Array,
    base: number,
    ws: SequenceLayerWorkspace,
    n: number,
    t: number,
    dzOff: number,
    carry: boolean,
  ): void;

  protected extraBiasGradient(_g: Float32Array, _ws: SequenceLayerWorkspace, _rows: number): void {}

  /** Elementwise FLOPs per hidden unit per step, forward and backward (see each cell). */
  abstract readonly elementwise: { forward: number; backward: number };

  /**
   * FLOPs of `steps` forward steps and `backSteps` backward steps over a batch of n. Backward:
   * ∂W, ∂U gemms over the window, ∂h_{t−1} = ∂Z·Uᵀ for every step but the window's first, ∂input
   * when the layer has one below (`inputGrad`).
   */
  flops(
    n: number,
    steps: number,
    backSteps: number,
    inputGrad: boolean,
  ): { forward: FlopParts; backward: FlopParts } {
    const H = this.hidden;
    const gh = this.gates * H;
    const F = this.inSize;
    const extraBias = this.extraBiasWidth;
    return {
      forward: {
        matmul: 2 * steps * n * (F + H) * gh,
        bias: steps * n * (gh + extraBias),
        elementwise: steps * n * H * this.elementwise.forward,
      },
      backward: {
        matmul:
          backSteps === 0
            ? 0
            : 2 * backSteps * n * (F + H) * gh +
              2 * (backSteps - 1) * n * gh * H +
              (inputGrad ? 2 * backSteps * n * F * gh : 0),
        bias: backSteps * n * (gh + extraBias),
        elementwise: backSteps * n * H * this.elementwise.backward,
      },
    };
  }

  /** Width of extra bias vectors added with kernels (GRU's recurrent candidate bias). */
  protected get extraBiasWidth(): number {
    return 0;
  }
}

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
