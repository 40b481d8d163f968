import { shapeSize } from "@arena/tensor";

/**
 * Where each layer's tensors live in the model's one flat parameter vector. Offsets are fixed at
 * construction, so the same layout reads a model's own `params`, or any row of a population matrix.
 */

/** One named tensor of a layer: its place in the flat vector and its shape. */
export interface TensorInfo {
  /** e.g. "W" (input weights), "U" (recurrent weights), "b" (bias). */
  readonly name: string;
  readonly offset: number;
  readonly length: number;
  readonly shape: readonly number[];
  /** Whether L1/L2 penalties apply (weights do, biases do not). */
  readonly regularized: boolean;
}

/** A layer's slice of the parameter vector, with `subarray` views of its tensors into params and grads. */
export interface LayerInfo {
  /** e.g. "dense0", "lstm0", "head1". */
  readonly name: string;
  readonly kind: "dense" | "rnn" | "lstm" | "gru";
  readonly offset: number;
  readonly size: number;
  readonly tensors: readonly TensorInfo[];
  /** Views into the model's `params`, by tensor name. */
  readonly params: Readonly<Record<string, Float32Array>>;
  /** Views into the model's `grads`, by tensor name. */
  readonly grads: Readonly<Record<string, Float32Array>>;
}

interface PendingLayer {
  name: string;
  kind: LayerInfo["kind"];
  offset: number;
  tensors: TensorInfo[];
}

/** Assigns consecutive offsets to layers and their tensors. */
export class LayoutBuilder {
  private readonly pending: PendingLayer[] = [];
  private next = 0;

  /** Starts a new layer; tensors added next belong to it. */
  layer(name: string, kind: LayerInfo["kind"]): this {
    this.pending.push({ name, kind, offset: this.next, tensors: [] });
    return this;
  }

  /** Adds a tensor of the given shape to the current layer; returns its offset. */
  tensor(name: string, shape: readonly number[], regularized: boolean): number {
    const layer = this.pending[this.pending.length - 1];
    if (layer === undefined) throw new Error("LayoutBuilder.tensor: call layer() first");
    const length = shapeSize(shape);
    const offset = this.next;
    layer.tensors.push({ name, offset, length, shape: [...shape], regularized });
    this.next += length;
    return offset;
  }

  get size(): number {
    return this.next;
  }

  /** The finished layers, with views into params and grads. */
  build(params: Float32Array, grads: Float32Array): LayerInfo[] {
    return this.pending.map((l) => {
      const size = l.tensors.reduce((a, t) => a + t.length, 0);
      const pv: Record<string, Float32Array> = {};
      const gv: Record<string, Float32Array> = {};
      for (const t of l.tensors) {
        pv[t.name] = params.subarray(t.offset, t.offset + t.length);
        gv[t.name] = grads.subarray(t.offset, t.offset + t.length);
      }
      return {
        name: l.name,
        kind: l.kind,
        offset: l.offset,
        size,
        tensors: l.tensors,
        params: pv,
        grads: gv,
      };
    });
  }
}

/** The (offset, length) pairs of every regularised tensor, flattened for the penalty loops. */
export function regularizedRanges(layers: readonly LayerInfo[]): Int32Array {
  const out: number[] = [];
  for (const l of layers) for (const t of l.tensors) if (t.regularized) out.push(t.offset, t.length);
  return Int32Array.from(out);
}
