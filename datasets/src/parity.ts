import { parseOptions } from "@arena/options";
import * as z from "zod";
import type { Dataset } from "./dataset.ts";
import type { OptionsInput } from "./options.ts";

export const parityOptions = z.strictObject({
  bits: z.number().int().min(1).max(16).default(4).describe("input bits; all 2^bits patterns are generated"),
  encoding: z
    .enum(["binary", "bipolar"])
    .default("binary")
    .describe("inputs in {0, 1} (the classic) or {-1, 1}"),
});

/**
 * n-bit parity (Rumelhart, Hinton & Williams 1986; Minsky & Papert 1969): all 2^n bit patterns, in
 * counting order (pattern i holds the bits of i, most significant first), with target 1 when the number
 * of ones is odd (yShape [1], one sigmoid output). Deterministic. XOR is 2-bit parity.
 *
 * @example
 * ```ts
 * import { parity } from "@arena/datasets";
 * const ds = parity({ bits: 3 });
 * console.log(ds.n, ds.y); // 8 Float32Array [0, 1, 1, 0, 1, 0, 0, 1]
 * ```
 */
export function parity(options: OptionsInput<typeof parityOptions> = {}): Dataset {
  const o = parseOptions("parity", parityOptions, options);
  const b = o.bits;
  const n = 1 << b;
  const lo = o.encoding === "binary" ? 0 : -1;
  const x = new Float32Array(n * b);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let ones = 0;
    for (let j = 0; j < b; j++) {
      const bit = (i >> (b - 1 - j)) & 1;
      ones += bit;
      x[i * b + j] = bit === 1 ? 1 : lo;
    }
    y[i] = ones & 1;
  }
  return { n, x, xShape: [b], y, yShape: [1] };
}
