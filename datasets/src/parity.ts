import type { Dataset } from "./dataset.ts";
import { enumOption, integerOption, type OptionsInput, resolveOptions } from "./options.ts";

export const parityOptions = {
  bits: integerOption(4, 1, 16, "input bits; all 2^bits patterns are generated"),
  encoding: enumOption(["binary", "bipolar"], "binary", "inputs in {0, 1} (the classic) or {-1, 1}"),
} as const;

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
  const o = resolveOptions("parity", parityOptions, options);
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
