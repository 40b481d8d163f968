import * as z from "zod";

/**
 * How numbers that JSON cannot hold are stored. JSON has no NaN or ±Infinity (JSON.stringify would
 * silently write `null`), yet a diverged run has a NaN loss and an unreached target has an infinite
 * ERT. In the fields typed {@link anyNumber}, such values are written as the strings `"NaN"`,
 * `"Infinity"` and `"-Infinity"` and read back as the numbers, so a record round-trips exactly.
 *
 * `null` is never used for a non-finite number: it means "no value" (e.g. a target that was not
 * reached has `flops: null`).
 */
export const NON_FINITE_TOKENS = ["NaN", "Infinity", "-Infinity"] as const;

/** One of the strings that stand for a non-finite number. */
export type NonFiniteToken = (typeof NON_FINITE_TOKENS)[number];

const stored = z.union([z.number(), z.enum(NON_FINITE_TOKENS)], {
  error: 'expected a number or one of "NaN", "Infinity", "-Infinity"',
});

const inMemory = z.custom<number>((v) => typeof v === "number", { error: "expected a number" });

/**
 * Any number, NaN and ±Infinity included: stored as a JSON number when finite, else as a token string.
 * Decoding turns the token back into the number; encoding does the reverse.
 */
export const anyNumber = z.codec(stored, inMemory, {
  decode: (v) => (typeof v === "number" ? v : Number(v)),
  encode: (v) => (Number.isFinite(v) ? v : (String(v) as NonFiniteToken)),
});

/** A finite number ≥ 0 (costs, counts of FLOPs, milliseconds, bytes). */
export const nonNegative = z.number().nonnegative();

/** An integer ≥ 0 (indices, counts). */
export const count = z.int().nonnegative();
