import type { BoxJson, Precision, WithPrecision } from "@arena/objectives";
import * as z from "zod";
import {
  checkInitialMean,
  GaussianSearchOptions,
  type GaussianSearchState,
} from "./gaussian-search-options.ts";

/**
 * The options of {@link SNES} (a zod schema: types, defaults, checks and docs in one place), the settings
 * a run records, and its plain-JSON state. Left out, the population size and learning rates take the
 * dimension-dependent defaults of Wierstra et al. 2014, Table 1 (see `snes-defaults.ts`).
 */
export const SNESOptions = z
  .strictObject({
    ...GaussianSearchOptions.shape,
    populationSize: z
      .number()
      .int()
      .min(2)
      .optional()
      .describe("samples per ask() (default λ = 4 + ⌊3 ln dim⌋)"),
    learningRateMean: z
      .number()
      .positive()
      .finite()
      .optional()
      .describe("η_μ, the step on the mean (default 1)"),
    learningRateSigma: z
      .number()
      .positive()
      .finite()
      .optional()
      .describe("η_σ, the step on log σ (default (3 + ln dim) / (5 √dim))"),
    initialSigma: z
      .union([z.number().positive().finite(), z.array(z.number().positive().finite())])
      .optional()
      .describe(
        "the starting σ: one number, or one per dimension (default: a quarter of each dimension's init range)",
      ),
  })
  .superRefine((o, ctx) => {
    if (ctx.issues.length > 0) return;
    if (Array.isArray(o.initialSigma) && o.initialSigma.length !== o.dim) {
      ctx.addIssue({
        code: "custom",
        path: ["initialSigma"],
        message: `expected one number, or dim = ${o.dim} (one per dimension)`,
        input: o.initialSigma.length,
      });
    }
    checkInitialMean(o, ctx);
  });
/** The options as the constructor takes them; `precision` (default float64) sets the array `ask()` returns. */
export type SNESOptions<P extends Precision = "float64"> = WithPrecision<z.input<typeof SNESOptions>, P>;

/** The options a run actually used, defaults filled in, as plain JSON (part of `state()`). */
export interface SNESSettings extends BoxJson {
  populationSize: number;
  learningRateMean: number;
  learningRateSigma: number;
}

/** Plain-JSON state of an {@link SNES}. */
export interface SNESState<P extends Precision = Precision> extends GaussianSearchState<P> {
  readonly options: SNESSettings;
}
