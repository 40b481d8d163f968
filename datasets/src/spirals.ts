import { parseOptions } from "@arena/options";
import { type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import type { Dataset } from "./dataset.ts";
import { oneHot } from "./one-hot.ts";
import { type OptionsInput, withRule } from "./options.ts";

export const spiralsOptions = withRule(
  z.strictObject({
    samples: z
      .number()
      .int()
      .min(2)
      .max(1_000_000)
      .default(600)
      .describe("points in total, shared equally among the arms"),
    arms: z.number().int().min(2).max(16).default(2).describe("number of spiral arms (= classes)"),
    turns: z.number().gt(0).max(10).default(1.5).describe("turns each arm makes from the centre to radius 1"),
    noise: z
      .number()
      .min(0)
      .max(10)
      .default(0.03)
      .describe("standard deviation of Gaussian noise added to each coordinate"),
  }),
  (o) =>
    o.samples >= o.arms
      ? undefined
      : ["samples", `expected at least one point per arm, >= ${o.arms} (got ${o.samples})`],
);

/**
 * Interleaved spirals, one class per arm (after Lang & Witbrock 1988's two-spirals task). A point of arm a
 * has radius r ~ U[0, 1) and angle 2π·turns·r + 2π·a/arms, plus N(0, noise²) per coordinate (drawn after all
 * positions, so a seed gives the same clean points at every noise level); classes are one-hot. Arm a gets floor(samples/arms) points, plus one for the first samples mod arms arms.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { spirals } from "@arena/datasets";
 * const ds = spirals(new Rng(1), { samples: 200, noise: 0 });
 * console.log(ds.xShape, ds.yShape); // [2] [2]
 * ```
 */
export function spirals(rng: RngLike, options: OptionsInput<typeof spiralsOptions> = {}): Dataset {
  rng = toRng(rng, "spirals");
  const o = parseOptions("spirals", spiralsOptions, options);
  const n = o.samples;
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  let i = 0;
  for (let a = 0; a < o.arms; a++) {
    const count = Math.floor(n / o.arms) + (a < n % o.arms ? 1 : 0);
    const offset = (2 * Math.PI * a) / o.arms;
    for (let k = 0; k < count; k++, i++) {
      const r = rng.float();
      const phi = 2 * Math.PI * o.turns * r + offset;
      x[2 * i] = r * Math.cos(phi);
      x[2 * i + 1] = r * Math.sin(phi);
      labels[i] = a;
    }
  }
  // Noise is drawn after all positions, so the same seed gives the same clean points at any noise level.
  if (o.noise > 0) for (let j = 0; j < x.length; j++) x[j] += rng.normal(0, o.noise);
  return { n, x, xShape: [2], y: oneHot(labels, o.arms), yShape: [o.arms] };
}

/**
 * The original two-spirals benchmark of Lang & Witbrock (1988), exactly: 97 points per spiral,
 * angle i·π/16 and radius 6.5·(104 − i)/104 for i = 0..96; spiral 1 at (r·sin φ, r·cos φ) is class 1,
 * its point reflection is class 0. 194 points, deterministic, one-hot classes [2].
 */
export function langWitbrockSpirals(): Dataset {
  const n = 194;
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < 97; i++) {
    const phi = (i * Math.PI) / 16;
    const r = (6.5 * (104 - i)) / 104;
    const px = r * Math.sin(phi);
    const py = r * Math.cos(phi);
    x[4 * i] = px;
    x[4 * i + 1] = py;
    labels[2 * i] = 1;
    x[4 * i + 2] = -px;
    x[4 * i + 3] = -py;
    labels[2 * i + 1] = 0;
  }
  return { n, x, xShape: [2], y: oneHot(labels, 2), yShape: [2] };
}
