import type { Samples } from "@arena/nn";
import type { Rng } from "@arena/rng";
import { shapeSize } from "@arena/tensor";

/**
 * Draws a fresh random minibatch of a training split at every `draw()`, into preallocated buffers: `size`
 * distinct samples picked uniformly (a partial Fisher–Yates shuffle over a reset index, so a draw
 * depends on the stream position only, never on earlier draws). There are no epochs: a sample may come
 * back in the next draw and another may wait many draws. The learner draws once per generation and
 * scores the whole population on the same minibatch (common random numbers), so the ranking inside a
 * generation compares like with like.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { RandomBatchSampler } from "@arena/neuroevolution";
 * const data = { n: 4, x: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), xShape: [2], y: new Float32Array([0, 1, 1, 0]), yShape: [1] };
 * const sampler = new RandomBatchSampler(data, 2, new Rng(1));
 * console.log(sampler.draw().x); // two of the four points
 * ```
 */
export class RandomBatchSampler {
  readonly size: number;
  /** The minibatch of the last `draw()`; its arrays are reused by the next. */
  readonly batch: Samples;
  private rng: Rng;
  private readonly index: Int32Array;
  private readonly xStride: number;
  private readonly yStride: number;

  constructor(
    private readonly data: Samples,
    size: number,
    rng: Rng,
  ) {
    if (!Number.isInteger(size) || size < 1 || size > data.n) {
      throw new RangeError(
        `RandomBatchSampler: minibatch size must be an integer in [1, ${data.n}] (the training samples), got ${size}`,
      );
    }
    this.size = size;
    this.rng = rng;
    this.xStride = data.n > 0 ? data.x.length / data.n : shapeSize(data.xShape ?? []);
    this.yStride = data.n > 0 ? data.y.length / data.n : shapeSize(data.yShape ?? []);
    if (data.xShape !== undefined && shapeSize(data.xShape) !== this.xStride) {
      throw new RangeError(
        `RandomBatchSampler: x holds ${this.xStride} values per sample, xShape [${data.xShape.join(", ")}] says ${shapeSize(data.xShape)}`,
      );
    }
    if (data.yShape !== undefined && shapeSize(data.yShape) !== this.yStride) {
      throw new RangeError(
        `RandomBatchSampler: y holds ${this.yStride} values per sample, yShape [${data.yShape.join(", ")}] says ${shapeSize(data.yShape)}`,
      );
    }
    this.index = new Int32Array(data.n);
    this.batch = {
      n: size,
      x: new Float32Array(size * this.xStride),
      y: new Float32Array(size * this.yStride),
      ...(data.xShape ? { xShape: data.xShape } : {}),
      ...(data.yShape ? { yShape: data.yShape } : {}),
    };
  }

  /** The random stream (for saving the learner's state). */
  get stream(): Rng {
    return this.rng;
  }

  /** Replaces the random stream (to resume a saved learner). */
  set stream(rng: Rng) {
    this.rng = rng;
  }

  /** Draws the next minibatch into `batch` and returns it. */
  draw(): Samples {
    const { index, rng, size, xStride, yStride, data } = this;
    const n = data.n;
    for (let i = 0; i < n; i++) index[i] = i;
    const bx = this.batch.x;
    const by = this.batch.y;
    for (let i = 0; i < size; i++) {
      const j = rng.int(i, n);
      const s = index[j];
      index[j] = index[i];
      index[i] = s;
      const xs = s * xStride;
      const xd = i * xStride;
      for (let k = 0; k < xStride; k++) bx[xd + k] = data.x[xs + k];
      const ys = s * yStride;
      const yd = i * yStride;
      for (let k = 0; k < yStride; k++) by[yd + k] = data.y[ys + k];
    }
    return this.batch;
  }
}
