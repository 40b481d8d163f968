import { parseOptions } from "@arena/options";
import { type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import type { Dataset } from "./dataset.ts";
import { oneHot } from "./one-hot.ts";
import type { OptionsInput } from "./options.ts";

export const moonsOptions = z.strictObject({
  samples: z
    .number()
    .int()
    .min(2)
    .max(1_000_000)
    .default(400)
    .describe("points in total (the first moon gets the extra one)"),
  noise: z
    .number()
    .min(0)
    .max(10)
    .default(0.1)
    .describe("standard deviation of Gaussian noise added to each coordinate"),
});

/**
 * Two interleaving half circles, as scikit-learn's `make_moons`: class 0 at (cos t, sin t) and class 1
 * at (1 − cos t, 0.5 − sin t) for t evenly spaced over [0, π], plus N(0, noise²) per coordinate. One-hot.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { moons } from "@arena/datasets";
 * console.log(moons(new Rng(1), { samples: 100 }).n); // 100
 * ```
 */
export function moons(rng: RngLike, options: OptionsInput<typeof moonsOptions> = {}): Dataset {
  rng = toRng(rng, "moons");
  const o = parseOptions("moons", moonsOptions, options);
  const n = o.samples;
  const nOut = Math.ceil(n / 2);
  const nIn = n - nOut;
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  const at = (count: number, k: number) => (count > 1 ? (Math.PI * k) / (count - 1) : 0);
  for (let i = 0; i < n; i++) {
    const inner = i >= nOut;
    const t = inner ? at(nIn, i - nOut) : at(nOut, i);
    const px = inner ? 1 - Math.cos(t) : Math.cos(t);
    const py = inner ? 0.5 - Math.sin(t) : Math.sin(t);
    x[2 * i] = px + (o.noise > 0 ? rng.normal(0, o.noise) : 0);
    x[2 * i + 1] = py + (o.noise > 0 ? rng.normal(0, o.noise) : 0);
    labels[i] = inner ? 1 : 0;
  }
  return { n, x, xShape: [2], y: oneHot(labels, 2), yShape: [2] };
}
