import type { Rng } from "@arena/rng";
import type { Dataset } from "./dataset.ts";
import { oneHot } from "./one-hot.ts";
import { integerOption, numberOption, type OptionsInput, resolveOptions } from "./options.ts";

export const blobsOptions = {
  samples: integerOption(300, 2, 1_000_000, "points in total, shared equally among the blobs"),
  centers: integerOption(3, 2, 100, "number of blobs (= classes)"),
  features: integerOption(2, 1, 1_000, "dimensions"),
  std: numberOption(1, 0, 100, "standard deviation of each blob (the noise level)"),
  box: numberOption(10, 0, 1e6, "centres are drawn uniformly from [-box, box] in every dimension", true),
} as const;

/** Gaussian blobs plus the centres they were drawn around (centres × features, row-major). */
export interface Blobs extends Dataset {
  readonly centers: Float64Array;
}

/**
 * Isotropic Gaussian blobs, as scikit-learn's `make_blobs`: `centers` centres uniform in [-box, box]^d,
 * then each point is its blob's centre plus N(0, std²) per coordinate. One-hot classes.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { blobs } from "@arena/datasets";
 * const b = blobs(new Rng(1), { centers: 4, std: 0.5 });
 * console.log(b.yShape, b.centers.length); // [4] 8
 * ```
 */
export function blobs(rng: Rng, options: OptionsInput<typeof blobsOptions> = {}): Blobs {
  const o = resolveOptions("blobs", blobsOptions, options);
  const n = o.samples;
  const d = o.features;
  const k = o.centers;
  if (n < k) throw new RangeError(`blobs: samples (${n}) must be >= centers (${k})`);
  const centers = rng.fillUniform(new Float64Array(k * d), -o.box, o.box);
  const x = new Float32Array(n * d);
  const labels = new Int32Array(n);
  let i = 0;
  for (let c = 0; c < k; c++) {
    const count = Math.floor(n / k) + (c < n % k ? 1 : 0);
    for (let m = 0; m < count; m++, i++) {
      for (let j = 0; j < d; j++) x[i * d + j] = centers[c * d + j] + (o.std > 0 ? rng.normal(0, o.std) : 0);
      labels[i] = c;
    }
  }
  return { n, x, xShape: [d], y: oneHot(labels, k), yShape: [k], centers };
}
