import {
  AskTellOptions,
  type AskTellState,
  BoxOptions,
  checkPopulationRows,
  type JsonFloat,
  PopulationRow,
  type Precision,
} from "@arena/objectives";
import * as z from "zod";

/**
 * The options and state both evolution strategies share: the ask/tell basics, the box, and where the
 * search distribution starts. Each strategy's schema spreads this shape into its own.
 */
export const GaussianSearchOptions = z.strictObject({
  ...AskTellOptions.shape,
  ...BoxOptions.shape,
  initialMean: PopulationRow.optional().describe(
    "the starting mean, dim finite numbers inside the box (default: drawn uniformly in the init range)",
  ),
});

/**
 * The rule between `initialMean` and the other options, for a schema's `superRefine`: `dim` entries,
 * inside the box once stored in `precision`. `checkPopulationRows` does the work on a one-row
 * population; its row index is taken out of the path so the error names `initialMean[d]`.
 */
export function checkInitialMean(
  o: {
    readonly dim: number;
    readonly precision: Precision;
    readonly initialMean?: ArrayLike<number>;
    readonly lower?: number | ArrayLike<number>;
    readonly upper?: number | ArrayLike<number>;
  },
  ctx: z.core.$RefinementCtx,
): void {
  if (o.initialMean === undefined) return;
  const oneRow = {
    ...ctx,
    addIssue: (issue: string | z.core.$ZodSuperRefineIssue) =>
      ctx.addIssue(
        typeof issue === "string"
          ? issue
          : { ...issue, path: ["initialMean", ...(issue.path ?? []).slice(2)] },
      ),
  };
  checkPopulationRows([o.initialMean], { ...o, populationSize: 1 }, oneRow, "initialMean");
}

/** The part of a strategy's plain-JSON state that the search distribution owns. */
export interface GaussianSearchState<P extends Precision = Precision> extends AskTellState<P> {
  /** The mean μ of the search distribution, float64. */
  readonly mean: JsonFloat[];
  /** Its per-dimension standard deviation σ, float64. */
  readonly sigma: JsonFloat[];
  /** The standard-normal draws s behind the pending candidates, populationSize × dim, float64. */
  readonly noise: JsonFloat[];
  /** The pending candidates clamp(μ + σ ⊙ s), in the strategy's precision. */
  readonly candidates: JsonFloat[];
}
