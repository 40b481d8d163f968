import { parseOptions } from "@arena/options";
import { type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import type { OptionsInput } from "./options.ts";

/**
 * The noise the registry's `sine` problem adds by default (the generator itself defaults to a clean wave):
 * enough to make every window distinct, so the problem's validation and test windows are held out.
 */
export const SINE_NOISE = 0.05;

/** The generator's options; the registry's `sine` problem uses them with `noise` defaulting to SINE_NOISE. */
export const sineOptions = z.strictObject({
  length: z.number().int().min(2).max(10_000_000).default(1000).describe("values in the series"),
  period: z.number().min(2).max(1e9).default(25).describe("period in steps"),
  amplitude: z.number().gt(0).max(1e9).default(1).describe("amplitude"),
  noise: z
    .number()
    .min(0)
    .max(1e9)
    .default(0)
    .describe("standard deviation of Gaussian noise added to each value"),
});

/**
 * A sampled sine wave a·sin(2π·t/period + φ) for t = 0..length−1, with a random phase φ ~ U[0, 2π) drawn
 * from `rng` and optional N(0, noise²) per value. The generator defaults to no noise; the `sine` problem
 * of the registry defaults to `SINE_NOISE`, because a clean wave with an integer period repeats every
 * period steps, so a chronological split of it holds nothing out.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { sineSeries } from "@arena/datasets";
 * const s = sineSeries(new Rng(1), { length: 100, period: 20 });
 * console.log(s.length); // 100
 * ```
 */
export function sineSeries(rng: RngLike, options: OptionsInput<typeof sineOptions> = {}): Float64Array {
  rng = toRng(rng, "sineSeries");
  const o = parseOptions("sine", sineOptions, options);
  const phase = rng.uniform(0, 2 * Math.PI);
  const w = (2 * Math.PI) / o.period;
  const out = new Float64Array(o.length);
  for (let t = 0; t < o.length; t++) {
    out[t] = o.amplitude * Math.sin(w * t + phase) + (o.noise > 0 ? rng.normal(0, o.noise) : 0);
  }
  return out;
}
