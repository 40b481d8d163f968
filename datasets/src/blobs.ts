import { parseOptions } from "@arena/options";
import { type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import type { Dataset } from "./dataset.ts";
import { oneHot } from "./one-hot.ts";
import { type OptionsInput, withRule } from "./options.ts";

export const blobsOptions = withRule(
  z.strictObject({
    samples: z
      .number()
      .int()
      .min(2)
      .max(1_000_000)
      .default(300)
      .describe("points in total, shared equally among the blobs"),
    centers: z.number().int().min(2).max(100).default(3).describe("number of blobs (= classes)"),
    features: z.number().int().min(1).max(1_000).default(2).describe("dimensions"),
    std: z.number().min(0).max(100).default(1).describe("standard deviation of each blob (the noise level)"),
    box: z
      .number()
      .gt(0)
      .max(1e6)
      .default(10)
      .describe("centres are drawn uniformly from [-box, box] in every dimension"),
  }),
  (o) =>
    o.samples >= o.centers
      ? undefined
      : ["samples", `expected at least one point per blob, >= ${o.centers} (got ${o.samples})`],
);

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
export function blobs(rng: RngLike, options: OptionsInput<typeof blobsOptions> = {}): Blobs {
  rng = toRng(rng, "blobs");
  const o = parseOptions("blobs", blobsOptions, options);
  const n = o.samples;
  const d = o.features;
  const k = o.centers;
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
