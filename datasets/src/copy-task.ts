import { parseOptions } from "@arena/options";
import { type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import type { Dataset } from "./dataset.ts";
import type { OptionsInput } from "./options.ts";

export const copyTaskOptions = z.strictObject({
  samples: z.number().int().min(1).max(10_000_000).default(2000).describe("sequences to generate"),
  symbols: z.number().int().min(1).max(1_000).default(8).describe("alphabet size K of the pattern"),
  length: z.number().int().min(1).max(10_000).default(5).describe("pattern length L to remember"),
  delay: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(10)
    .describe("steps from the end of the pattern to the delimiter (inclusive)"),
});

/**
 * The copy (memory) task, as in Arjovsky, Shah & Bengio (2016) after Hochreiter & Schmidhuber (1997):
 * a random pattern of L symbols from 1..K, then delay − 1 blanks, a delimiter, and L blanks; the target is
 * blank everywhere except the last L steps, which must reproduce the pattern. Sequence length
 * T = 2L + delay. Inputs are one-hot over K + 2 symbols (0 blank, 1..K, K+1 delimiter): xShape [T, K+2];
 * targets are one-hot over K + 1 classes (0 blank, 1..K) at every step: yShape [T, K+1].
 *
 * The memoryless baseline (blanks, then a uniform guess) has cross-entropy L·ln K / T per step.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { copyTask } from "@arena/datasets";
 * const ds = copyTask(new Rng(1), { samples: 2, symbols: 4, length: 3, delay: 5 });
 * console.log(ds.xShape, ds.yShape); // [11, 6] [11, 5]
 * ```
 */
export function copyTask(rng: RngLike, options: OptionsInput<typeof copyTaskOptions> = {}): Dataset {
  rng = toRng(rng, "copyTask");
  const o = parseOptions("copy", copyTaskOptions, options);
  const K = o.symbols;
  const L = o.length;
  const T = 2 * L + o.delay;
  const ix = K + 2;
  const oy = K + 1;
  const n = o.samples;
  const x = new Float32Array(n * T * ix);
  const y = new Float32Array(n * T * oy);
  const recall = L + o.delay;
  for (let s = 0; s < n; s++) {
    const xb = s * T * ix;
    const yb = s * T * oy;
    for (let t = 0; t < T; t++) {
      let input = 0;
      let target = 0;
      if (t < L) input = rng.int(1, K + 1);
      else if (t === recall - 1) input = K + 1;
      if (t >= recall) target = argmaxAt(x, xb + (t - recall) * ix, ix);
      x[xb + t * ix + input] = 1;
      y[yb + t * oy + target] = 1;
    }
  }
  return { n, x, xShape: [T, ix], y, yShape: [T, oy] };
}

function argmaxAt(a: Float32Array, offset: number, k: number): number {
  for (let j = 0; j < k; j++) if (a[offset + j] === 1) return j;
  return 0;
}
