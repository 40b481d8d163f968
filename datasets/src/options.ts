/**
 * Options are zod schemas (see @arena/options): one strict object per generator, problem, split or CSV
 * loader gives the TypeScript type, the defaults, the validation and the documentation (`.describe()`), and
 * `parseOptions` turns any problem into one `OptionsError` naming the key, the value and what was expected.
 * This module holds the pieces several schemas share.
 */
import * as z from "zod";

/** Options after parsing: defaults filled in. */
export type ResolvedOptions<S extends z.ZodType> = z.output<S>;
/** What a caller may pass: keys with a default may be left out. */
export type OptionsInput<S extends z.ZodType> = z.input<S>;

/** The options schema of a problem, generator or loader: a strict zod object (unknown keys are errors). */
export type OptionsSchema = z.ZodObject;

/**
 * Adds a rule between options to a schema. `rule` sees the parsed options (it runs only when every key is
 * valid on its own) and returns the key to blame and the message in the usual style, `expected … (got …)`,
 * or undefined.
 */
export function withRule<S extends OptionsSchema>(
  schema: S,
  rule: (o: z.output<S>) => readonly [key: string, message: string] | undefined,
): S {
  return schema.check((ctx) => {
    if (ctx.issues.length > 0) return;
    const bad = rule(ctx.value);
    if (bad) ctx.issues.push({ code: "custom", path: [bad[0]], message: bad[1], input: undefined });
  });
}

/** The shares of validation and test must leave some samples for training. */
export function sharesLeaveTraining(o: {
  readonly validation: number;
  readonly test: number;
}): readonly [string, string] | undefined {
  if (o.validation + o.test < 1) return undefined;
  return [
    "test",
    `expected validation + test < 1, leaving samples to train on (got ${o.validation} + ${o.test})`,
  ];
}

/** `withRule(schema, sharesLeaveTraining)`: for every schema with `validation` and `test` shares. */
export function withSharesRule<S extends OptionsSchema>(schema: S): S {
  return withRule(schema, (o) => sharesLeaveTraining(o as { validation: number; test: number }));
}

/** A share of the samples in [0, max]. */
export function share(def: number, max: number, doc: string) {
  return z.number().min(0).max(max).default(def).describe(doc);
}

/** A scaler choice: "standard", "minmax" or "none". */
export function scalerOption(def: "standard" | "minmax" | "none", doc: string) {
  return z.enum(["standard", "minmax", "none"]).default(def).describe(doc);
}

/** The keys of `schema` taken from `options` (for handing a sub-schema's options on). */
export function pickOptions<S extends OptionsSchema>(
  schema: S,
  options: Readonly<Record<string, unknown>>,
): z.input<S> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) if (options[key] !== undefined) out[key] = options[key];
  return out as z.input<S>;
}
