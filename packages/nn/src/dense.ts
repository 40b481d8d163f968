import type { UniformSource } from "@arena/rng";
import type { Kernels } from "@arena/tensor";
import {
  type Activation,
  activationBackwardKernel,
  activationFlops,
  activationForwardKernel,
} from "./activations.ts";
import type { FlopParts } from "./flops.ts";
import { type OutputActivation, outputForward } from "./losses.ts";
import type { ModelMemory } from "./model-memory.ts";

/**
 * Dense layers y = f(x·W + b), batched: a minibatch of `rows` inputs (rows × in, row-major) goes
 * through one gemm per layer. W is stored in × out (row-major), b has `out` entries.
 *
 * A `DenseStack` is a chain of dense layers (an MLP, or the readout on top of a recurrent layer). It
 * holds only the layout (offsets into the flat parameter vector); every buffer lives in a
 * {@link DenseWorkspace}, so one model can keep a training pass pending in one workspace while it
 * evaluates in another.
 */
export interface DenseLayerDef {
  readonly name: string;
  readonly inSize: number;
  readonly outSize: number;
  /** Hidden activation, or the output activation for the last layer. */
  readonly activation: Activation | OutputActivation;
  /** Offsets of W (in × out) and b (out) in the flat vector. */
  readonly wOff: number;
  readonly bOff: number;
}

/** Preallocated buffers of a {@link DenseStack} for up to `capacity` rows; grows only for a bigger batch. */
export class DenseWorkspace {
  capacity = 0;
  /** Pre-activations and activations per layer (rows × out); `a[l] === z[l]` for linear layers. */
  z: Float32Array[] = [];
  a: Float32Array[] = [];
  /** Per layer: dropout mask (scaled by 1/keep) and masked input (rows × in), when dropout applies. */
  mask: (Float32Array | null)[] = [];
  dropped: (Float32Array | null)[] = [];
  /** What each layer read in the last forward pass: the array and offset of its rows × in input. */
  inArr: Float32Array[] = [];
  inOff: Int32Array;
  /** Gradient w.r.t. the last layer's pre-activation (rows × outputs), filled by the loss. */
  dOut: Float32Array = new Float32Array(0);
  /** Ping-pong gradient buffers (rows × widest layer). */
  d1: Float32Array = new Float32Array(0);
  d2: Float32Array = new Float32Array(0);
  /** Whether the last forward pass applied dropout. */
  trained = false;

  /**
   * Built by a model, over the model's own memory.
   * @internal
   */
  constructor(
    private readonly stack: DenseStack,
    private readonly memory: ModelMemory,
  ) {
    this.inOff = new Int32Array(stack.layers.length);
  }

  /** Makes room for `rows` rows (reallocating only when it exceeds the current capacity). */
  ensure(rows: number): void {
    if (rows <= this.capacity) return;
    const s = this.stack;
    const L = s.layers.length;
    const mem = this.memory;
    this.release();
    this.z = new Array(L);
    this.a = new Array(L);
    this.mask = new Array(L);
    this.dropped = new Array(L);
    this.inArr = new Array(L);
    let widest = 1;
    for (let l = 0; l < L; l++) {
      const d = s.layers[l];
      widest = Math.max(widest, d.inSize, d.outSize);
      this.z[l] = mem.alloc(rows * d.outSize);
      this.a[l] = d.activation === "linear" ? this.z[l] : mem.alloc(rows * d.outSize);
      const drop = s.dropsInput(l);
      this.mask[l] = drop ? mem.alloc(rows * d.inSize) : null;
      this.dropped[l] = drop ? mem.alloc(rows * d.inSize) : null;
    }
    this.dOut = mem.alloc(rows * s.layers[L - 1].outSize);
    this.d1 = mem.alloc(rows * widest);
    this.d2 = mem.alloc(rows * widest);
    this.capacity = rows;
  }

  /** Gives the current buffers back before a larger set replaces them. */
  private release(): void {
    const mem = this.memory;
    for (const group of [this.z, this.a, this.mask, this.dropped])
      for (const arr of group) if (arr !== null) mem.release(arr);
    mem.release(this.dOut);
    mem.release(this.d1);
    mem.release(this.d2);
  }
}

export class DenseStack {
  /**
   * @param dropout inverted-dropout rate on layer inputs in training mode (0 = none)
   * @param dropFirstInput whether the first layer's input is dropped too (the readout of a recurrent
   *   net: yes; the raw features of an MLP: no)
   */
  constructor(
    readonly k: Kernels,
    readonly layers: readonly DenseLayerDef[],
    readonly dropout: number,
    readonly dropFirstInput: boolean,
  ) {}

  get inSize(): number {
    return this.layers[0].inSize;
  }

  get outSize(): number {
    return this.layers[this.layers.length - 1].outSize;
  }

  /** Whether layer l's input goes through dropout in training mode. */
  dropsInput(l: number): boolean {
    return this.dropout > 0 && (l > 0 || this.dropFirstInput);
  }

  /**
   * Forward pass of `rows` rows from (x, xOff) (rows × in, contiguous) with parameters read from
   * `p` at `base`. With `rng` given and dropout > 0 it is a training pass: masks are drawn and kept
   * for backward. The output is `ws.a[last]` (rows × outputs).
   */
  forward(
    p: Float32Array,
    base: number,
    ws: DenseWorkspace,
    x: Float32Array,
    xOff: number,
    rows: number,
    rng: UniformSource | null,
  ): Float32Array {
    const k = this.k;
    ws.ensure(rows);
    let cur = x;
    let curOff = xOff;
    const last = this.layers.length - 1;
    const train = rng !== null && this.dropout > 0;
    ws.trained = train;
    for (let l = 0; l <= last; l++) {
      const d = this.layers[l];
      if (train && this.dropsInput(l)) {
        const mask = ws.mask[l]!;
        const dropped = ws.dropped[l]!;
        const n = rows * d.inSize;
        const keep = 1 - this.dropout;
        const scale = 1 / keep;
        for (let i = 0; i < n; i++) mask[i] = rng.float() < keep ? scale : 0;
        k.mul(n, cur, curOff, mask, 0, dropped, 0);
        cur = dropped;
        curOff = 0;
      }
      ws.inArr[l] = cur;
      ws.inOff[l] = curOff;
      const z = ws.z[l];
      k.gemm(
        false,
        false,
        rows,
        d.outSize,
        d.inSize,
        1,
        cur,
        curOff,
        d.inSize,
        p,
        base + d.wOff,
        d.outSize,
        0,
        z,
        0,
        d.outSize,
      );
      k.addRowBias(rows, d.outSize, p, base + d.bOff, z, 0, d.outSize);
      if (l === last) {
        outputForward(k, d.activation, rows, d.outSize, z, 0, d.outSize, ws.a[l], 0, d.outSize);
      } else {
        activationForwardKernel(k, d.activation as Activation, rows * d.outSize, z, 0, ws.a[l], 0);
      }
      cur = ws.a[l];
      curOff = 0;
    }
    return ws.a[last];
  }

  /**
   * Backward pass from `ws.dOut` (∂loss/∂z of the last layer, rows × outputs, filled by the loss):
   * accumulates ∂loss/∂W and ∂loss/∂b into `g` (at the layout's offsets, base 0), reading weights
   * from `p` at `base`. When `dIn` is given, writes ∂loss/∂input (rows × in) there at `dInOff`.
   */
  backward(
    p: Float32Array,
    base: number,
    g: Float32Array,
    ws: DenseWorkspace,
    rows: number,
    dIn: Float32Array | null,
    dInOff: number,
  ): void {
    const k = this.k;
    let dz = ws.dOut;
    let spare = ws.d1;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const d = this.layers[l];
      this.layerGradient(l, ws, rows, dz, g);
      if (l === 0 && dIn === null) break;
      // dInput = dZ · Wᵀ
      const target = l === 0 ? dIn! : spare;
      const tOff = l === 0 ? dInOff : 0;
      k.gemm(
        false,
        true,
        rows,
        d.inSize,
        d.outSize,
        1,
        dz,
        0,
        d.outSize,
        p,
        base + d.wOff,
        d.outSize,
        0,
        target,
        tOff,
        d.inSize,
      );
      if (ws.trained && this.dropsInput(l))
        k.mul(rows * d.inSize, target, tOff, ws.mask[l]!, 0, target, tOff);
      if (l === 0) break;
      const prev = this.layers[l - 1];
      // dZ of the layer below = dA ⊙ f′(z), in place
      activationBackwardKernel(
        k,
        prev.activation as Activation,
        rows * prev.outSize,
        ws.z[l - 1],
        0,
        ws.a[l - 1],
        0,
        target,
        0,
        target,
        0,
      );
      spare = dz === ws.dOut ? ws.d2 : dz;
      dz = target;
    }
  }

  /**
   * Layer l's parameter gradient from its dZ (rows × out, contiguous) and the input it read in the last
   * forward pass: dW += inputᵀ · dZ, db += column sums of dZ (into `g` at the layout's offsets). Shared
   * by `backward` and the feedback-alignment estimators, which differ only in how dZ is obtained.
   */
  layerGradient(l: number, ws: DenseWorkspace, rows: number, dz: Float32Array, g: Float32Array): void {
    const d = this.layers[l];
    this.k.gemm(
      true,
      false,
      d.inSize,
      d.outSize,
      rows,
      1,
      ws.inArr[l],
      ws.inOff[l],
      d.inSize,
      dz,
      0,
      d.outSize,
      1,
      g,
      d.wOff,
      d.outSize,
    );
    this.k.colSums(rows, d.outSize, 1, dz, 0, d.outSize, 1, g, d.bOff);
  }

  /**
   * FLOPs of a forward (and backward) pass over `rows` rows, per layer, split into matmul (gemm,
   * 2·m·n·k), bias (addRowBias / colSums, one per entry) and elementwise (activations, dropout).
   * The output activation's cost is charged with the loss, not here.
   */
  flops(rows: number, inputGrad: boolean, train: boolean): DenseFlops[] {
    return this.layers.map((d, l) => {
      const io = d.inSize * d.outSize;
      const act =
        l === this.layers.length - 1
          ? { forward: 0, backward: 0 }
          : activationFlops(d.activation as Activation);
      const drop = train && this.dropsInput(l) ? rows * d.inSize : 0;
      const needDx = l > 0 || inputGrad;
      return {
        name: d.name,
        forward: {
          matmul: 2 * rows * io,
          bias: rows * d.outSize,
          elementwise: act.forward * rows * d.outSize + drop,
        },
        backward: {
          matmul: 2 * rows * io * (needDx ? 2 : 1),
          bias: rows * d.outSize,
          elementwise:
            (l > 0
              ? activationFlops(this.layers[l - 1].activation as Activation).backward * rows * d.inSize
              : 0) + (needDx ? drop : 0),
        },
      };
    });
  }
}

export interface DenseFlops {
  name: string;
  forward: FlopParts;
  backward: FlopParts;
}
