import { parseOptions } from "@arena/options";
import { type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import type { Dataset } from "./dataset.ts";
import { oneHot } from "./one-hot.ts";
import type { OptionsInput } from "./options.ts";

export const circlesOptions = z.strictObject({
  samples: z
    .number()
    .int()
    .min(2)
    .max(1_000_000)
    .default(400)
    .describe("points in total (the outer circle gets the extra one)"),
  factor: z
    .number()
    .gt(0)
    .max(0.99)
    .default(0.5)
    .describe("radius of the inner circle relative to the outer one (radius 1)"),
  noise: z
    .number()
    .min(0)
    .max(10)
    .default(0.05)
    .describe("standard deviation of Gaussian noise added to each coordinate"),
});

/**
 * Two concentric circles, as scikit-learn's `make_circles`: class 0 on the unit circle, class 1 on the
 * circle of radius `factor`, angles evenly spaced over [0, 2π), plus N(0, noise²) per coordinate. One-hot.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { circles } from "@arena/datasets";
 * console.log(circles(new Rng(1), { samples: 100, factor: 0.3 }).n); // 100
 * ```
 */
export function circles(rng: RngLike, options: OptionsInput<typeof circlesOptions> = {}): Dataset {
  rng = toRng(rng, "circles");
  const o = parseOptions("circles", circlesOptions, options);
  const n = o.samples;
  const nOut = Math.ceil(n / 2);
  const nIn = n - nOut;
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const inner = i >= nOut;
    const t = inner ? (2 * Math.PI * (i - nOut)) / nIn : (2 * Math.PI * i) / nOut;
    const r = inner ? o.factor : 1;
    x[2 * i] = r * Math.cos(t) + (o.noise > 0 ? rng.normal(0, o.noise) : 0);
    x[2 * i + 1] = r * Math.sin(t) + (o.noise > 0 ? rng.normal(0, o.noise) : 0);
    labels[i] = inner ? 1 : 0;
  }
  return { n, x, xShape: [2], y: oneHot(labels, 2), yShape: [2] };
}
