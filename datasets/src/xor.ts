import { parseOptions } from "@arena/options";
import * as z from "zod";
import type { Dataset } from "./dataset.ts";
import type { OptionsInput } from "./options.ts";

export const xorOptions = z.strictObject({
  encoding: z
    .enum(["binary", "bipolar"])
    .default("binary")
    .describe("inputs in {0, 1} (the classic) or {-1, 1}"),
});

/**
 * The four XOR points of the classic 2-2-1 experiment (Rumelhart, Hinton & Williams 1986): inputs
 * (0,0), (0,1), (1,0), (1,1) and targets 0, 1, 1, 0 in yShape [1] (one sigmoid output). Deterministic.
 *
 * @example
 * ```ts
 * import { xor } from "@arena/datasets";
 * xor().y; // Float32Array [0, 1, 1, 0]
 * ```
 */
export function xor(options: OptionsInput<typeof xorOptions> = {}): Dataset {
  const o = parseOptions("xor", xorOptions, options);
  const lo = o.encoding === "binary" ? 0 : -1;
  const x = new Float32Array([lo, lo, lo, 1, 1, lo, 1, 1]);
  const y = new Float32Array([0, 1, 1, 0]);
  return { n: 4, x, xShape: [2], y, yShape: [1] };
}
