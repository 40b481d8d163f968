import type { Dataset } from "./dataset.ts";
import type { Splits } from "./split.ts";

/** A fitted scaler as plain JSON (stored in `Problem.info`, rebuilt with `restoreScaler`). */
export type ScalerState =
  | { readonly kind: "standard"; readonly mean: readonly number[]; readonly std: readonly number[] }
  | {
      readonly kind: "minmax";
      readonly min: readonly number[];
      readonly max: readonly number[];
      readonly range: readonly [number, number];
    };

export type ScalerKind = "standard" | "minmax";

/**
 * A per-column affine map x → (x − shift)·scale + offset over rows of `width` values. Arrays whose length is
 * a multiple of `width` are treated as rows, so a sequence sample [steps, features] is scaled per feature
 * with statistics pooled over all steps.
 */
export interface Scaler {
  readonly kind: ScalerKind;
  readonly width: number;
  /** A scaled copy. */
  transform(x: Float32Array): Float32Array;
  /** Scales `x` in place and returns it. */
  transformInPlace(x: Float32Array): Float32Array;
  /** Maps scaled values back to the original units (a copy). */
  inverseTransform(x: Float32Array): Float32Array;
  /** How much one scaled unit of column j is worth in original units (multiply an RMSE by it). */
  unitOf(j: number): number;
  state(): ScalerState;
}

abstract class AffineScaler implements Scaler {
  abstract readonly kind: ScalerKind;
  readonly width: number;
  // x' = (x - shift) * mul + add, in float64 for the arithmetic.
  protected readonly shift: Float64Array;
  protected readonly mul: Float64Array;
  protected readonly add: number;

  protected constructor(shift: Float64Array, mul: Float64Array, add: number) {
    this.width = shift.length;
    this.shift = shift;
    this.mul = mul;
    this.add = add;
  }

  private checkLength(what: string, x: Float32Array): void {
    if (x.length % this.width !== 0) {
      throw new RangeError(
        `${this.constructor.name}.${what}: ${x.length} values is not a multiple of width ${this.width}`,
      );
    }
  }

  transformInPlace(x: Float32Array): Float32Array {
    this.checkLength("transform", x);
    const w = this.width;
    const { shift, mul, add } = this;
    for (let i = 0; i < x.length; i += w) {
      for (let j = 0; j < w; j++) x[i + j] = (x[i + j] - shift[j]) * mul[j] + add;
    }
    return x;
  }

  transform(x: Float32Array): Float32Array {
    return this.transformInPlace(x.slice());
  }

  inverseTransform(x: Float32Array): Float32Array {
    this.checkLength("inverseTransform", x);
    const out = x.slice();
    const w = this.width;
    const { shift, mul, add } = this;
    for (let i = 0; i < out.length; i += w) {
      for (let j = 0; j < w; j++) out[i + j] = (out[i + j] - add) / mul[j] + shift[j];
    }
    return out;
  }

  unitOf(j: number): number {
    if (!Number.isInteger(j) || j < 0 || j >= this.width) {
      throw new RangeError(`${this.constructor.name}.unitOf: column ${j} is outside 0..${this.width - 1}`);
    }
    return 1 / this.mul[j];
  }

  abstract state(): ScalerState;
}

function checkFitInput(where: string, x: ArrayLike<number>, width: number): number {
  if (!Number.isInteger(width) || width < 1)
    throw new RangeError(`${where}: width must be an integer >= 1, got ${width}`);
  if (x.length === 0 || x.length % width !== 0) {
    throw new RangeError(
      `${where}: need a non-empty array whose length is a multiple of width ${width}, got ${x.length}`,
    );
  }
  return x.length / width;
}

/**
 * Standardisation: (x − mean)/std per column, with the population std (as scikit-learn). A constant column
 * (std 0) is only centred, so nothing divides by zero.
 *
 * @example
 * ```ts
 * import { StandardScaler } from "@arena/datasets";
 * const s = StandardScaler.fit(new Float32Array([1, 10, 3, 30]), 2); // 2 rows × 2 columns
 * s.transform(new Float32Array([2, 20])); // Float32Array [0, 0]
 * ```
 */
export class StandardScaler extends AffineScaler {
  readonly kind = "standard" as const;
  readonly mean: Float64Array;
  readonly std: Float64Array;

  constructor(mean: ArrayLike<number>, std: ArrayLike<number>) {
    if (mean.length !== std.length || mean.length === 0) {
      throw new RangeError(
        `StandardScaler: mean (${mean.length}) and std (${std.length}) must have the same non-zero length`,
      );
    }
    const m = Float64Array.from(mean);
    const s = Float64Array.from(std);
    for (let j = 0; j < s.length; j++) {
      if (!Number.isFinite(m[j]) || !(s[j] >= 0) || !Number.isFinite(s[j])) {
        throw new RangeError(
          `StandardScaler: column ${j} has mean ${m[j]}, std ${s[j]}; need finite, std >= 0`,
        );
      }
    }
    super(
      m,
      s.map((v) => (v > 0 ? 1 / v : 1)),
      0,
    );
    this.mean = m;
    this.std = s;
  }

  /** Fits mean and std per column on `x` (rows of `width` values). Two passes in float64. */
  static fit(x: ArrayLike<number>, width: number): StandardScaler {
    const rows = checkFitInput("StandardScaler.fit", x, width);
    const mean = new Float64Array(width);
    const m2 = new Float64Array(width);
    for (let i = 0; i < x.length; i += width) for (let j = 0; j < width; j++) mean[j] += x[i + j];
    for (let j = 0; j < width; j++) mean[j] /= rows;
    for (let i = 0; i < x.length; i += width) {
      for (let j = 0; j < width; j++) {
        const d = x[i + j] - mean[j];
        m2[j] += d * d;
      }
    }
    return new StandardScaler(
      mean,
      m2.map((v) => Math.sqrt(v / rows)),
    );
  }

  state(): ScalerState {
    return { kind: "standard", mean: Array.from(this.mean), std: Array.from(this.std) };
  }
}

/**
 * Min-max scaling of each column to `range` (default [0, 1]) using the fitted minimum and maximum; a
 * constant column is shifted to the range's low end.
 */
export class MinMaxScaler extends AffineScaler {
  readonly kind = "minmax" as const;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly range: readonly [number, number];

  constructor(min: ArrayLike<number>, max: ArrayLike<number>, range: readonly [number, number] = [0, 1]) {
    if (min.length !== max.length || min.length === 0) {
      throw new RangeError(
        `MinMaxScaler: min (${min.length}) and max (${max.length}) must have the same non-zero length`,
      );
    }
    const [lo, hi] = range;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
      throw new RangeError(`MinMaxScaler: range must be [lo, hi] with finite lo < hi, got [${lo}, ${hi}]`);
    }
    const mn = Float64Array.from(min);
    const mx = Float64Array.from(max);
    const mul = new Float64Array(mn.length);
    for (let j = 0; j < mn.length; j++) {
      if (!Number.isFinite(mn[j]) || !Number.isFinite(mx[j]) || mx[j] < mn[j]) {
        throw new RangeError(
          `MinMaxScaler: column ${j} has min ${mn[j]}, max ${mx[j]}; need finite, min <= max`,
        );
      }
      mul[j] = mx[j] > mn[j] ? (hi - lo) / (mx[j] - mn[j]) : 1;
    }
    super(mn, mul, lo);
    this.min = mn;
    this.max = mx;
    this.range = [lo, hi];
  }

  /** Fits min and max per column on `x` (rows of `width` values). */
  static fit(x: ArrayLike<number>, width: number, range: readonly [number, number] = [0, 1]): MinMaxScaler {
    checkFitInput("MinMaxScaler.fit", x, width);
    const mn = new Float64Array(width).fill(Number.POSITIVE_INFINITY);
    const mx = new Float64Array(width).fill(Number.NEGATIVE_INFINITY);
    for (let i = 0; i < x.length; i += width) {
      for (let j = 0; j < width; j++) {
        const v = x[i + j];
        if (v < mn[j]) mn[j] = v;
        if (v > mx[j]) mx[j] = v;
      }
    }
    return new MinMaxScaler(mn, mx, range);
  }

  state(): ScalerState {
    return { kind: "minmax", min: Array.from(this.min), max: Array.from(this.max), range: this.range };
  }
}

/** Fits a scaler of the given kind. */
export function fitScaler(kind: ScalerKind, x: ArrayLike<number>, width: number): Scaler {
  return kind === "standard" ? StandardScaler.fit(x, width) : MinMaxScaler.fit(x, width);
}

/** Rebuilds a scaler from `state()` (e.g. from `Problem.info.featureScaler`). */
export function restoreScaler(s: ScalerState): Scaler {
  if (s?.kind === "standard") return new StandardScaler(s.mean, s.std);
  if (s?.kind === "minmax") return new MinMaxScaler(s.min, s.max, s.range);
  throw new TypeError(
    `restoreScaler: expected a state with kind "standard" or "minmax", got ${JSON.stringify(s)}`,
  );
}

/** The result of scaling splits: new splits plus the scaler fitted on the training split. */
export interface ScaledSplits extends Splits {
  readonly scaler: Scaler | undefined;
}

function scaleSplitsOf(
  part: "x" | "y",
  splits: Splits,
  kind: ScalerKind | "none",
  inPlace: boolean,
): ScaledSplits {
  if (kind === "none") return { ...splits, scaler: undefined };
  const shape = part === "x" ? splits.train.xShape : splits.train.yShape;
  const width = shape[shape.length - 1];
  // Fitted on the training split only: validation and test never influence the statistics.
  const scaler = fitScaler(kind, splits.train[part], width);
  const scale = (v: Float32Array) => (inPlace ? scaler.transformInPlace(v) : scaler.transform(v));
  const apply = (ds: Dataset): Dataset => ({
    ...ds,
    [part]: ds.n > 0 ? scale(ds[part]) : ds[part],
  });
  return {
    train: apply(splits.train),
    validation: apply(splits.validation),
    test: apply(splits.test),
    scaler,
  };
}

/**
 * Fits a feature scaler on `train.x` (per feature: the last dimension of xShape) and applies it to all three
 * splits. Returns new Datasets; the inputs are not changed, unless `inPlace` (for splits that are fresh
 * copies nobody else holds: their arrays are scaled where they are, instead of copied first).
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem, scaleFeatures } from "@arena/datasets";
 * const p = getProblem("iris").load(new Rng(1), { scale: "none" });
 * const s = scaleFeatures(p, "standard");
 * console.log(s.scaler?.state().kind); // "standard"
 * ```
 */
export function scaleFeatures(splits: Splits, kind: ScalerKind | "none", inPlace = false): ScaledSplits {
  return scaleSplitsOf("x", splits, kind, inPlace);
}

/**
 * Fits a target scaler on `train.y` (per output) and applies it to all three splits (for regression);
 * `inPlace` as for `scaleFeatures`.
 */
export function scaleTargets(splits: Splits, kind: ScalerKind | "none", inPlace = false): ScaledSplits {
  return scaleSplitsOf("y", splits, kind, inPlace);
}
