import { FLOAT_TOKENS, floatFromJson, floatToJson } from "@arena/float-json";
import * as z from "zod";

/**
 * How numbers that JSON cannot hold are stored. JSON has no NaN or ±Infinity (JSON.stringify would
 * silently write `null`) and no -0 (written `0`), yet a diverged run has a NaN loss and an unreached
 * target has an infinite ERT. In the fields typed {@link anyNumber}, such values are written with the
 * one exact float encoding of Arena (`@arena/float-json`): the strings `"NaN"`, `"Infinity"`,
 * `"-Infinity"` and `"-0"`, read back as the numbers, so a record round-trips exactly. Records written
 * before `"-0"` existed (with `0` for -0) still parse.
 *
 * `null` is never used for a non-finite number: it means "no value" (e.g. a target that was not
 * reached has `flops: null`).
 */
const stored = z.union([z.number(), z.enum(FLOAT_TOKENS)], {
  error: `expected a number or one of ${FLOAT_TOKENS.map((t) => JSON.stringify(t)).join(", ")}`,
});

const inMemory = z.custom<number>((v) => typeof v === "number", { error: "expected a number" });

/**
 * Any number, NaN, ±Infinity and -0 included: stored as a JSON number when finite (and not -0), else as a
 * token string. Decoding turns the token back into the number; encoding does the reverse.
 */
export const anyNumber = z.codec(stored, inMemory, {
  // `stored` has checked the value, so floatFromJson cannot throw here.
  decode: (v) => floatFromJson("anyNumber", "value", v),
  encode: (v) => floatToJson(v),
});

/** A finite number ≥ 0 (costs, counts of FLOPs, milliseconds, bytes). */
export const nonNegative = z.number().nonnegative();

/** An integer ≥ 0 (indices, counts). */
export const count = z.int().nonnegative();
