import { parseOptions } from "@arena/options";
import * as z from "zod";
import type { Dataset } from "./dataset.ts";

/** Window geometry for a univariate series. */
export const windowOptions = z.strictObject({
  inputLength: z.number().int().min(1).describe("steps fed to the model"),
  horizon: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe("how many future values to predict (1: the next value)"),
  stride: z.number().int().min(1).default(1).describe("steps between window starts"),
});
/** What `slidingWindows` and `windowCount` accept (see `windowOptions`). */
export type WindowOptions = z.input<typeof windowOptions>;

/** How many windows `slidingWindows` makes from a series of `length` values. */
export function windowCount(length: number, o: WindowOptions): number {
  const h = o.horizon ?? 1;
  const stride = o.stride ?? 1;
  const span = o.inputLength + h;
  return length < span ? 0 : Math.floor((length - span) / stride) + 1;
}

/**
 * Sliding windows over a univariate series: sample i reads `inputLength` consecutive values starting at
 * i·stride (xShape [inputLength, 1], a time-major sequence of one feature, which an MLP reads as a flat
 * vector) and predicts the `horizon` values that follow (yShape [horizon]).
 *
 * @example
 * ```ts
 * import { slidingWindows } from "@arena/datasets";
 * const ds = slidingWindows([1, 2, 3, 4, 5], { inputLength: 3 });
 * console.log(ds.n, ds.x, ds.y); // 2 Float32Array [1, 2, 3, 2, 3, 4] Float32Array [4, 5]
 * ```
 */
export function slidingWindows(series: ArrayLike<number>, o: WindowOptions): Dataset {
  const { inputLength: L, horizon: h, stride } = parseOptions("slidingWindows", windowOptions, o);
  const n = windowCount(series.length, o);
  if (n === 0) {
    throw new RangeError(
      `slidingWindows: a series of ${series.length} values is shorter than inputLength + horizon = ${L + h}`,
    );
  }
  const x = new Float32Array(n * L);
  const y = new Float32Array(n * h);
  for (let i = 0; i < n; i++) {
    const s = i * stride;
    for (let t = 0; t < L; t++) x[i * L + t] = series[s + t];
    for (let t = 0; t < h; t++) y[i * h + t] = series[s + L + t];
  }
  return { n, x, xShape: [L, 1], y, yShape: [h] };
}
