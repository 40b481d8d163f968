/**
 * The chunk plan of truncated backpropagation through time, BPTT(k1, k2) (Williams & Peng 1990,
 * "An efficient gradient-based algorithm for on-line training of recurrent network trajectories";
 * the (k1, k2) notation is Sutskever's, 2013 thesis §2.8.6): the sequence is run forward k1 steps at
 * a time, carrying the hidden state from chunk to chunk, and after each chunk the gradient is
 * backpropagated through the last k2 steps only.
 */
import * as z from "zod";

/** One chunk of a sequence: what `RecurrentNet.forwardSequence` / `backwardSequence` are called with. */
export interface BpttChunk {
  /** First step of the chunk within the sequence. */
  readonly offset: number;
  /** New steps forwarded (k1, or fewer for the last chunk). */
  readonly steps: number;
  /**
   * Steps of the previous window kept in front of this chunk (`forwardSequence`'s `keep`) so that the
   * backward pass can reach k2 steps back when k2 > steps; their activations are reused, not recomputed.
   */
  readonly keep: number;
  /** Steps the backward pass goes through: min(k2, keep + steps), the window's last `lastK` steps. */
  readonly lastK: number;
}

/** Truncated BPTT(k1, k2) as plain JSON. */
export const bpttConfig = z
  .strictObject({
    k1: z
      .number()
      .int()
      .min(1)
      .describe('steps forwarded per chunk (and, with update "chunk", between parameter updates), >= 1'),
    k2: z.number().int().min(1).describe("steps backpropagated after each chunk, >= 1"),
    update: z
      .enum(["chunk", "sequence"])
      .default("chunk")
      .describe(
        '"chunk": one update after every chunk (Williams & Peng, on-line); "sequence": the chunks\' gradients summed, weighted by their share of the steps, one update per sequence',
      ),
  })
  .describe("truncated BPTT(k1, k2) for recurrent models; absent: full BPTT over each sequence");

/** A truncated-BPTT config as written. */
export type BpttConfig = z.input<typeof bpttConfig>;
/** A truncated-BPTT config with its defaults filled in. */
export type ResolvedBptt = z.output<typeof bpttConfig>;

/**
 * Splits `totalSteps` into chunks of `k1` new steps, each backpropagated over its last `k2` steps.
 * The window a chunk's backward pass sees is the kept tail of the previous window plus its new steps;
 * `keep` is chosen so that the window holds min(k2, steps so far) steps where it can, and so no window
 * is longer than max(k1, k2): memory stays bounded whatever the sequence length.
 *
 * k1 = k2 = totalSteps (or larger) gives one chunk, full BPTT.
 *
 * @example
 * ```ts
 * import { bpttChunks } from "@arena/backprop";
 * console.log(bpttChunks(10, 4, 6));
 * // [ { offset: 0, steps: 4, keep: 0, lastK: 4 }, { offset: 4, steps: 4, keep: 2, lastK: 6 },
 * //   { offset: 8, steps: 2, keep: 4, lastK: 6 } ]
 * ```
 */
export function bpttChunks(totalSteps: number, k1: number, k2: number): BpttChunk[] {
  for (const [name, v] of [
    ["totalSteps", totalSteps],
    ["k1", k1],
    ["k2", k2],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 1) {
      throw new RangeError(`bpttChunks: ${name} must be an integer >= 1, got ${v}`);
    }
  }
  const chunks: BpttChunk[] = [];
  let window = 0;
  for (let offset = 0; offset < totalSteps; offset += k1) {
    const steps = Math.min(k1, totalSteps - offset);
    const keep = Math.min(Math.max(0, k2 - steps), window);
    window = keep + steps;
    chunks.push({ offset, steps, keep, lastK: Math.min(k2, window) });
  }
  return chunks;
}
