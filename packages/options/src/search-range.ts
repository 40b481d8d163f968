import * as z from "zod";

/**
 * Where a hyperparameter is searched: a numeric interval (uniform on a linear or a log scale, optionally
 * integers), or a set of values drawn with equal chance. Declared on an option's schema with
 * {@link searchable} (the default search space) or written in a suite file (a user's own space).
 */
const interval = z
  .strictObject({
    low: z.number().finite(),
    high: z.number().finite(),
    scale: z
      .enum(["linear", "log"])
      .default("linear")
      .describe('"log": log-uniform, for rates and scales that matter by their order of magnitude'),
    integer: z.boolean().default(false).describe("draw integers in [low, high] (population sizes)"),
  })
  .superRefine((r, ctx) => {
    if (!(r.low < r.high))
      ctx.addIssue({ code: "custom", path: ["high"], input: r.high, message: `expected > low = ${r.low}` });
    if (r.scale === "log" && !(r.low > 0))
      ctx.addIssue({ code: "custom", path: ["low"], input: r.low, message: "expected > 0 on a log scale" });
    if (r.integer && !(Number.isInteger(r.low) && Number.isInteger(r.high)))
      ctx.addIssue({
        code: "custom",
        path: ["low"],
        input: [r.low, r.high],
        message: "expected integer low and high for an integer range",
      });
  });

const choice = z.strictObject({
  values: z
    .array(z.union([z.number().finite(), z.string().max(200), z.boolean()]))
    .min(1)
    .max(100)
    .describe("the values to choose from, each equally likely"),
});

/** One hyperparameter's range: `{ low, high, scale?, integer? }` or `{ values: [...] }`. */
export const SearchRangeSchema = z
  .union([interval, choice], {
    error: "expected { low, high, scale?, integer? } or { values: [...] }",
  })
  .describe("a hyperparameter's range: { low, high, scale: linear|log, integer? } or { values }");

/** A range as written (defaults may be left out). */
export type SearchRangeInput = z.input<typeof SearchRangeSchema>;
/** A range with its defaults filled in. */
export type SearchRange = z.output<typeof SearchRangeSchema>;
/** A value a range can produce. */
export type SearchValue = number | string | boolean;

/**
 * A search space: option paths (`optimizer.lr`, `ga.mutation.rate`) and their ranges, in the order
 * they are drawn (each path is one coordinate of the quasi-random design).
 */
export type SearchSpace = Readonly<Record<string, SearchRange>>;

/** The metadata key under which {@link searchable} keeps an option's default range. */
export const SEARCH_META_KEY = "search";

/**
 * Declares an option's default search range on its schema, beside its type, default and docs: tuners
 * read it with `searchSpaceOf`. The range is checked here, so a bad declaration fails at import.
 *
 * @example
 * ```ts
 * import * as z from "zod";
 * import { searchable } from "@arena/options";
 * const lr = searchable(z.number().positive().default(0.01), { low: 1e-4, high: 1, scale: "log" });
 * ```
 */
export function searchable<S extends z.ZodType>(schema: S, range: SearchRangeInput): S {
  const parsed = SearchRangeSchema.safeParse(range);
  if (!parsed.success) throw new RangeError(`searchable: bad range ${JSON.stringify(range)}`);
  return schema.meta({ [SEARCH_META_KEY]: parsed.data }) as S;
}

/** The range declared on a schema itself (not on what it wraps), or undefined. */
export function declaredRange(schema: z.core.$ZodType): SearchRange | undefined {
  const meta = z.globalRegistry.get(schema) as Record<string, unknown> | undefined;
  const range = meta?.[SEARCH_META_KEY];
  return range === undefined ? undefined : (range as SearchRange);
}
