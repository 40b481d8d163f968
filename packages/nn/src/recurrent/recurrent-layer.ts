import type { Rng } from "@arena/rng";
import type { Kernels } from "@arena/tensor";
import { type Initializer, initOrthogonal, initWeights, type RecurrentInitializer } from "../init.ts";
import type { LayoutBuilder } from "../layout.ts";
import type { ModelMemory } from "../model-memory.ts";
import { SequenceLayerWorkspace } from "./layer-workspace.ts";

/**
 * What every recurrent layer shares: its parameter layout, initialisation and workspace shape. A cell
 * (Rnn, Lstm, Gru) adds one step forward and one step backward; the loops over time that call them
 * are in `bptt.ts`.
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
  /** Elementwise FLOPs per hidden unit per step, forward and backward (see each cell). */
  abstract readonly elementwise: { forward: number; backward: number };
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

  /**
   * A workspace for this layer, its buffers taken from `memory`.
   * @internal
   */
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
  get auxWidth(): number {
    return 0;
  }

  /** Width of a separate recurrent-projection buffer (GRU), 0 if none. */
  get recurrentWidth(): number {
    return 0;
  }

  /** Width of extra bias vectors added with kernels (GRU's recurrent candidate bias). */
  get extraBiasWidth(): number {
    return 0;
  }

  /**
   * One step t: reads Z (the input part, at zOff in ws.z) and state slot t, adds the recurrent part,
   * writes state slot t + 1.
   */
  abstract stepForward(
    p: Float32Array,
    base: number,
    ws: SequenceLayerWorkspace,
    n: number,
    t: number,
    zOff: number,
  ): void;

  /**
   * One step back: from ws.dh (∂L/∂h_t) writes the pre-activation gradients at dzOff in ws.z (and
   * ws.dzRec for GRU), updates the cell gradient, and, when `carry`, sets ws.dhNext = ∂L/∂h_{t−1}.
   */
  abstract stepBackward(
    p: Float32Array,
    base: number,
    ws: SequenceLayerWorkspace,
    n: number,
    t: number,
    dzOff: number,
    carry: boolean,
  ): void;

  /** Gradients of biases outside b (GRU's b_hn), over the window's `rows` rows; none by default. */
  extraBiasGradient(_g: Float32Array, _ws: SequenceLayerWorkspace, _rows: number): void {}
}
