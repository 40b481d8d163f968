import type { DenseStack } from "../dense.ts";
import { DenseWorkspace } from "../dense.ts";
import type { ModelMemory } from "../model-memory.ts";
import type { SequenceLayerWorkspace } from "./layer-workspace.ts";
import type { RecurrentLayer } from "./recurrent-layer.ts";

/**
 * All buffers of one forward/backward of a whole recurrent net, and which window they hold. A net has
 * two (training and inference), so evaluating never disturbs a pending training pass.
 */
export class NetWorkspace {
  readonly layers: SequenceLayerWorkspace[];
  readonly head: DenseWorkspace;
  /** The chunk's inputs, time-major (kept steps first). */
  xs: Float32Array = new Float32Array(0);
  /** Every-step targets of the chunk, time-major. */
  yT: Float32Array = new Float32Array(0);
  /** Every-step outputs in the data's (sample-major) layout. */
  out: Float32Array = new Float32Array(0);
  outView: Float32Array = new Float32Array(0);
  nCap = 0;
  tCap = 0;
  /** Whether training passes apply dropout between the stacked layers (the buffers below exist). */
  readonly interDropout: boolean;
  /**
   * Dropout between stacked layers, per upper layer l >= 1 (index 0 unused): the mask and the masked
   * input, laid out like the lower layer's `hs` (slot t + 1 is step t). Empty without such dropout.
   */
  readonly dropMask: Float32Array[];
  readonly dropIn: Float32Array[];
  /** Whether the stored window went through dropout between layers (a training pass). */
  interDropped = false;
  /** The stored window: batch n, `window` steps of which the last `steps` are new, starting at `first`. */
  n = 0;
  window = 0;
  first = 0;
  steps = 0;
  stepOffset = 0;
  valid = false;
  /** Per layer, the width of the dropout buffers (the layer below's hidden size), 0 for none. */
  private readonly hiddenBelow: number[];
  /** One candidate's parameters for `lossBatch`, in the model's memory (see `candidate`). */
  private candidateBuf: Float32Array = new Float32Array(0);

  constructor(
    cells: readonly RecurrentLayer[],
    head: DenseStack,
    readonly inSize: number,
    readonly outSize: number,
    private readonly memory: ModelMemory,
    interDropout: boolean,
  ) {
    this.layers = cells.map((c) => c.createWorkspace(memory));
    this.head = new DenseWorkspace(head, memory);
    this.interDropout = interDropout && cells.length > 1;
    this.hiddenBelow = cells.map((_, l) => (l > 0 && this.interDropout ? cells[l - 1].hidden : 0));
    this.dropMask = cells.map(() => new Float32Array(0));
    this.dropIn = cells.map(() => new Float32Array(0));
  }

  /**
   * A buffer of `size` floats in the model's memory for one candidate's parameters: a population
   * usually lives outside the backend's memory, and reading a candidate's weights in place there
   * would make every step's kernels copy them in again (h·U once per step); one copy per candidate
   * keeps them resident for all its steps.
   */
  candidate(size: number): Float32Array {
    if (this.candidateBuf.length < size) this.candidateBuf = this.memory.resize(this.candidateBuf, size);
    return this.candidateBuf;
  }

  /** Makes room for n sequences × t window steps; keeps stored states when it grows. */
  ensure(n: number, t: number): void {
    for (const l of this.layers) l.ensure(n, t);
    if (n <= this.nCap && t <= this.tCap) return;
    const nCap = Math.max(n, this.nCap);
    const tCap = Math.max(t, this.tCap);
    const mem = this.memory;
    this.xs = mem.resize(this.xs, tCap * nCap * this.inSize, true);
    this.yT = mem.resize(this.yT, tCap * nCap * this.outSize);
    this.out = mem.resize(this.out, tCap * nCap * this.outSize);
    this.hiddenBelow.forEach((H, l) => {
      if (H === 0) return;
      // Copied when growing: a kept window (truncated BPTT) still reads the previous chunk's masks.
      this.dropMask[l] = mem.resize(this.dropMask[l], (tCap + 1) * nCap * H, true);
      this.dropIn[l] = mem.resize(this.dropIn[l], (tCap + 1) * nCap * H, true);
    });
    this.nCap = nCap;
    this.tCap = tCap;
  }
}
