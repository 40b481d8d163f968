import { parseOptions } from "@arena/options";
import { type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import type { Dataset } from "./dataset.ts";
import { type OptionsInput, withRule } from "./options.ts";

export const addingOptions = withRule(
  z.strictObject({
    samples: z.number().int().min(1).max(10_000_000).default(2000).describe("sequences to generate"),
    length: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(50)
      .describe("sequence length T (the paper's variant needs T >= 10)"),
    variant: z
      .enum(["modern", "hochreiter-1997"])
      .default("modern")
      .describe("modern: values U[0,1], target X1+X2; hochreiter-1997: values U[-1,1], target 0.5+(X1+X2)/4"),
  }),
  (o) =>
    o.variant === "hochreiter-1997" && o.length < 10
      ? ["length", `expected >= 10 for the hochreiter-1997 variant (got ${o.length})`]
      : undefined,
);

/**
 * The adding problem. Every step holds a pair (value, marker); two steps are marked and the target, read
 * at the end of the sequence, is their sum. xShape [T, 2] (time-major), yShape [1].
 *
 * - "modern" (Le, Jaitly & Hinton 2015; Arjovsky, Shah & Bengio 2016): values U[0, 1], one marked step
 *   uniform in the first half and one in the second half, markers 1 there and 0 elsewhere; target X1 + X2.
 *   Always predicting 1 gives MSE 1/6 ≈ 0.167, the baseline to beat.
 * - "hochreiter-1997" (Hochreiter & Schmidhuber 1997, "Long short-term memory", Experiment 4): values
 *   U[−1, 1]; X1 is one of the first ten steps, X2 one of the first T/2 − 1 still unmarked steps; markers
 *   1.0 on those, −1.0 on the first and last step (unless marked), 0 elsewhere; a marked first step has its
 *   value set to 0; target 0.5 + (X1 + X2)/4 in [0, 1]; a sequence counts as solved when the absolute
 *   error is below 0.04. The paper draws lengths in [T, T + T/10]; here every sequence has length T so
 *   that a batch is one array.
 *
 * With long T, plain BPTT on a tanh RNN fails (the gradient vanishes over the gap between the marks and
 * the end) while an LSTM learns it.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { addingProblem } from "@arena/datasets";
 * const ds = addingProblem(new Rng(1), { samples: 4, length: 20 });
 * console.log(ds.xShape, ds.yShape); // [20, 2] [1]
 * ```
 */
export function addingProblem(rng: RngLike, options: OptionsInput<typeof addingOptions> = {}): Dataset {
  rng = toRng(rng, "addingProblem");
  const o = parseOptions("adding", addingOptions, options);
  const T = o.length;
  const paper = o.variant === "hochreiter-1997";
  const n = o.samples;
  const x = new Float32Array(n * T * 2);
  const y = new Float32Array(n);
  const half = Math.floor(T / 2);
  for (let s = 0; s < n; s++) {
    const base = s * T * 2;
    for (let t = 0; t < T; t++) x[base + 2 * t] = paper ? rng.uniform(-1, 1) : rng.float();
    let i1: number;
    let i2: number;
    if (paper) {
      i1 = rng.int(0, 10);
      // One of the first T/2 − 1 positions other than i1.
      const span = Math.max(1, half - 1);
      i2 = rng.int(0, span);
      if (i2 >= i1) i2++;
      x[base + 1] = -1;
      x[base + 2 * (T - 1) + 1] = -1;
    } else {
      i1 = rng.int(0, half);
      i2 = rng.int(half, T);
    }
    x[base + 2 * i1 + 1] = 1;
    x[base + 2 * i2 + 1] = 1;
    if (paper && (i1 === 0 || i2 === 0)) x[base] = 0;
    const sum = x[base + 2 * i1] + x[base + 2 * i2];
    y[s] = paper ? 0.5 + sum / 4 : sum;
  }
  return { n, x, xShape: [T, 2], y, yShape: [1] };
}
