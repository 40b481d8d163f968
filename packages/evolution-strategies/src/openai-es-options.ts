import type { BoxJson, Precision, WithPrecision } from "@arena/objectives";
import * as z from "zod";
import type { AdamState } from "./adam.ts";
import {
  checkInitialMean,
  GaussianSearchOptions,
  type GaussianSearchState,
} from "./gaussian-search-options.ts";

/**
 * The options of {@link OpenAIES} (a zod schema: types, defaults, checks and docs in one place), the
 * settings a run records, and its plain-JSON state. Defaults are those of Salimans et al. 2017 where
 * the paper gives one (σ 0.02, Adam step 0.01, L2 coefficient 0.005 from OpenAI's MuJoCo configuration).
 */
export const OpenAIESOptions = z
  .strictObject({
    ...GaussianSearchOptions.shape,
    populationSize: z
      .number()
      .int()
      .min(2)
      .multipleOf(2)
      .default(50)
      .describe(
        "samples per ask(), even: populationSize/2 mirrored pairs (the paper used thousands of workers; 50 is a cheap start)",
      ),
    sigma: z
      .number()
      .positive()
      .finite()
      .default(0.02)
      .describe("the fixed noise standard deviation σ (0.02, as OpenAI's MuJoCo runs); it is never adapted"),
    learningRate: z
      .number()
      .positive()
      .finite()
      .default(0.01)
      .describe("Adam's step size on the gradient estimate (0.01, as the paper)"),
    weightDecay: z
      .number()
      .min(0)
      .finite()
      .default(0.005)
      .describe(
        "L2 coefficient: weightDecay · μ is added to the gradient estimate (0.005, as the paper; 0: none)",
      ),
  })
  .superRefine((o, ctx) => {
    if (ctx.issues.length === 0) checkInitialMean(o, ctx);
  });
/** The options as the constructor takes them; `precision` (default float64) sets the array `ask()` returns. */
export type OpenAIESOptions<P extends Precision = "float64"> = WithPrecision<
  z.input<typeof OpenAIESOptions>,
  P
>;

/** The options a run actually used, as plain JSON (part of `state()`). */
export interface OpenAIESSettings extends BoxJson {
  populationSize: number;
  sigma: number;
  learningRate: number;
  weightDecay: number;
}

/** Plain-JSON state of an {@link OpenAIES}. */
export interface OpenAIESState<P extends Precision = Precision> extends GaussianSearchState<P> {
  readonly options: OpenAIESSettings;
  readonly adam: AdamState;
}
