import { parseOptions } from "@arena/options";
import * as z from "zod";
import type { Dataset } from "./dataset.ts";

/** The distinct characters of `text`, sorted by code point: index i is class i. */
export function charVocabulary(text: string): string[] {
  const seen = new Set<string>();
  for (const ch of text) seen.add(ch);
  return [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** How windows of text are encoded. */
export const charWindowOptions = z.strictObject({
  length: z.number().int().min(1).describe("characters fed to the model per window (T)"),
  readout: z
    .enum(["every-step", "last"])
    .describe(
      '"every-step": predict the next character after each input one (yShape [T, V]); "last": only after the window (yShape [V])',
    ),
  encoding: z
    .enum(["one-hot", "index"])
    .describe('"one-hot": xShape [T, V]; "index": xShape [T, 1] holding the vocabulary index as a number'),
});
/** What `charWindows` accepts (see `charWindowOptions`). */
export type CharWindowOptions = z.input<typeof charWindowOptions>;

/**
 * Windows of a text for next-character prediction (char-rnn, Karpathy 2015). Window w starts at
 * `starts[w]`: inputs are the T characters from there, the targets the characters one position later
 * (one-hot over the vocabulary). Characters outside `vocabulary` are rejected.
 *
 * @example
 * ```ts
 * import { charVocabulary, charWindows } from "@arena/datasets";
 * const text = "hello world";
 * const ds = charWindows(text, charVocabulary(text), [0, 6], { length: 4, readout: "last", encoding: "index" });
 * console.log(ds.xShape, ds.yShape); // [4, 1] [8]
 * ```
 */
export function charWindows(
  text: string,
  vocabulary: readonly string[],
  starts: ArrayLike<number>,
  options: CharWindowOptions,
): Dataset {
  const o = parseOptions("charWindows", charWindowOptions, options);
  const T = o.length;
  const V = vocabulary.length;
  const index = new Map<number, number>();
  vocabulary.forEach((ch, i) => {
    if (ch.length !== 1)
      throw new RangeError(
        `charWindows: vocabulary entry ${i} must be one UTF-16 unit, got ${JSON.stringify(ch)}`,
      );
    index.set(ch.charCodeAt(0), i);
  });
  const code = (pos: number): number => {
    const c = index.get(text.charCodeAt(pos));
    if (c === undefined)
      throw new RangeError(
        `charWindows: character ${JSON.stringify(text[pos])} at ${pos} is not in the vocabulary`,
      );
    return c;
  };
  const n = starts.length;
  const xw = o.encoding === "one-hot" ? V : 1;
  const every = o.readout === "every-step";
  const x = new Float32Array(n * T * xw);
  const y = new Float32Array(n * (every ? T : 1) * V);
  for (let w = 0; w < n; w++) {
    const s = starts[w];
    if (!Number.isInteger(s) || s < 0 || s + T + 1 > text.length) {
      throw new RangeError(
        `charWindows: window ${w} starts at ${s}; a window needs [s, s + ${T + 1}) inside 0..${text.length}`,
      );
    }
    for (let t = 0; t < T; t++) {
      const c = code(s + t);
      if (o.encoding === "one-hot") x[(w * T + t) * V + c] = 1;
      else x[w * T + t] = c;
      if (every) y[(w * T + t) * V + code(s + t + 1)] = 1;
    }
    if (!every) y[w * V + code(s + T)] = 1;
  }
  return { n, x, xShape: [T, xw], y, yShape: every ? [T, V] : [V] };
}
