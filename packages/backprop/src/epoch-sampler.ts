/** Plain-JSON state of a {@link EpochSampler} (see `state()`). */
export interface EpochSamplerState {
  order: number[];
  position: number;
  epoch: number;
  last: number;
  rng: RngState;
}

/**
 * Minibatches: a permutation of the training samples reshuffled at the start of every epoch, and the
 * rows of each batch gathered into preallocated buffers, so a training step allocates nothing.
 */
import type { Samples } from "@arena/nn";
import { Rng, type RngLike, type RngState, toRng } from "@arena/rng";
import { shapeSize } from "@arena/tensor";

/** Values per sample of a split: prod(shape) when a shape is given, else length / n. */
function valuesPerSample(owner: string, what: "x" | "y", data: Samples): number {
  const shape = what === "x" ? data.xShape : data.yShape;
  const arr = what === "x" ? data.x : data.y;
  if (shape !== undefined) {
    const p = shapeSize(shape);
    if (arr.length < data.n * p) {
      throw new RangeError(
        `${owner}: ${what} has ${arr.length} values, ${data.n} samples of shape [${shape.join(", ")}] need ${data.n * p}`,
      );
    }
    return p;
  }
  const per = arr.length / data.n;
  if (!Number.isInteger(per) || per < 1) {
    throw new RangeError(
      `${owner}: ${what} has ${arr.length} values, not a whole number per sample for n = ${data.n}`,
    );
  }
  return per;
}

/**
 * Draws minibatches of a split without replacement: every epoch visits each sample exactly once, in an
 * order reshuffled from `rng` at the start of the epoch (the order of PyTorch's `DataLoader(shuffle=True)`
 * with `drop_last=False`: the last batch of an epoch holds the remaining `n mod batchSize` samples).
 * With `shuffle: false` the order is 0..n−1 every epoch. Sequence samples are copied whole (all steps).
 * `alloc` makes the batch arrays (a trainer passes its backend's, so kernels read the batch in place).
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { EpochSampler } from "@arena/backprop";
 * const data = { n: 5, x: new Float32Array([0, 1, 2, 3, 4]), y: new Float32Array([0, 10, 20, 30, 40]) };
 * const s = new EpochSampler(data, 2, new Rng(1));
 * const n = s.next(); // 2 samples, in s.x[0..1] and s.y[0..1]
 * console.log(n, s.epoch, s.position); // 2 0 2
 * ```
 */
export class EpochSampler {
  /** Inputs of the current batch: `batchSize` rows of `xPerSample` values (the first `batchN` are valid). */
  readonly x: Float32Array;
  /** Targets of the current batch, `yPerSample` values per row. */
  readonly y: Float32Array;
  readonly xPerSample: number;
  readonly yPerSample: number;
  readonly batchSize: number;
  /** Samples per epoch. */
  readonly n: number;
  /** The sample indices of the current epoch, in visiting order. */
  readonly order: Int32Array;
  private readonly data: Samples;
  private rng: Rng;
  private readonly shuffle: boolean;
  private pos = 0;
  private epochs = 0;
  private last = 0;

  constructor(
    data: Samples,
    batchSize: number,
    rng: RngLike,
    shuffle = true,
    alloc: (n: number) => Float32Array = (n) => new Float32Array(n),
  ) {
    const owner = "EpochSampler";
    rng = toRng(rng, owner);
    if (!Number.isInteger(data.n) || data.n < 1) {
      throw new RangeError(`${owner}: the data must hold at least one sample, got n = ${data.n}`);
    }
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`${owner}: batchSize must be an integer >= 1, got ${batchSize}`);
    }
    this.data = data;
    this.n = data.n;
    this.batchSize = Math.min(batchSize, data.n);
    this.xPerSample = valuesPerSample(owner, "x", data);
    this.yPerSample = valuesPerSample(owner, "y", data);
    this.x = alloc(this.batchSize * this.xPerSample);
    this.y = alloc(this.batchSize * this.yPerSample);
    this.order = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) this.order[i] = i;
    this.rng = rng;
    this.shuffle = shuffle;
  }

  /** Epochs completed (an epoch completes when its last batch has been drawn). */
  get epoch(): number {
    return this.epochs;
  }

  /** Samples of the current epoch drawn so far. */
  get position(): number {
    return this.pos;
  }

  /** Where the sampler stands, as plain JSON: the epoch's order, the position in it, the stream. */
  state(): EpochSamplerState {
    return {
      order: Array.from(this.order),
      position: this.pos,
      epoch: this.epochs,
      last: this.last,
      rng: this.rng.state(),
    };
  }

  /**
   * Continues from `state()` of a sampler over the same data: the same order, position and stream
   * (the current batch's `x`/`y` are not restored; the next `next()` gathers its own).
   */
  restore(state: EpochSamplerState): void {
    const owner = "EpochSampler.restore";
    const { order, position, epoch, last } = state ?? ({} as EpochSamplerState);
    if (!Array.isArray(order) || order.length !== this.n) {
      throw new RangeError(
        `${owner}: order must list the ${this.n} sample indices, got ${String(order?.length)}`,
      );
    }
    const seen = new Uint8Array(this.n);
    for (const i of order) {
      if (!Number.isInteger(i) || i < 0 || i >= this.n || seen[i]) {
        throw new RangeError(`${owner}: order must be a permutation of 0..${this.n - 1}, found ${String(i)}`);
      }
      seen[i] = 1;
    }
    for (const [name, v, max] of [
      ["position", position, this.n - 1],
      ["last", last, this.batchSize],
      ["epoch", epoch, Number.MAX_SAFE_INTEGER],
    ] as const) {
      if (!Number.isInteger(v) || v < 0 || v > max) {
        throw new RangeError(`${owner}: ${name} must be an integer in [0, ${max}], got ${String(v)}`);
      }
    }
    this.order.set(order);
    this.pos = position;
    this.epochs = epoch;
    this.last = last;
    this.rng = Rng.fromState(state.rng);
  }

  /** Samples in the current batch (the last `next()`). */
  get batchN(): number {
    return this.last;
  }

  /** Samples the next full batch holds: `batchSize`, or fewer at the end of an epoch. */
  get nextCount(): number {
    return Math.min(this.batchSize, this.n - this.pos);
  }

  /**
   * Gathers the next batch into `x` and `y` and returns its number of samples. The first call of an
   * epoch reshuffles the order (Fisher–Yates on the previous order, which is again uniform).
   * `limit` (an integer >= 1) cuts the batch to its first `limit` samples; the epoch goes on from there
   * (a budget's last, smaller batch).
   */
  next(limit?: number): number {
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
      throw new RangeError(`EpochSampler.next: limit must be an integer >= 1, got ${limit}`);
    }
    if (this.pos === 0 && this.shuffle) this.rng.shuffle(this.order);
    const count = Math.min(this.batchSize, this.n - this.pos, limit ?? Number.POSITIVE_INFINITY);
    const xs = this.xPerSample;
    const ys = this.yPerSample;
    const srcX = this.data.x;
    const srcY = this.data.y;
    const bx = this.x;
    const by = this.y;
    for (let r = 0; r < count; r++) {
      const s = this.order[this.pos + r];
      copyRow(srcX, s * xs, bx, r * xs, xs);
      copyRow(srcY, s * ys, by, r * ys, ys);
    }
    this.pos += count;
    if (this.pos === this.n) {
      this.pos = 0;
      this.epochs++;
    }
    this.last = count;
    return count;
  }
}

/**
 * dst[to..to+len) = src[from..from+len). Long rows (a faces image is 1024 values) go through
 * TypedArray.set, a memcpy; short ones through a loop, cheaper than the view `set` needs.
 */
function copyRow(src: Float32Array, from: number, dst: Float32Array, to: number, len: number): void {
  if (len >= 64) dst.set(src.subarray(from, from + len), to);
  else for (let j = 0; j < len; j++) dst[to + j] = src[from + j];
}
