import {
  AskTellOptions,
  type AskTellState,
  type BoxJson,
  BoxOptions,
  checkPopulationRows,
  type JsonFloat,
  PopulationRow,
  type Precision,
  type WithPrecision,
} from "@arena/objectives";
import type { RngState } from "@arena/rng";
import * as z from "zod";
import { type Regime, type ResolvedRestarts, type RestartLedger, RestartSpec } from "./restarts.ts";
import type { CmaStopReason } from "./stop-criteria.ts";

/**
 * The options of {@link CMAES} (a zod schema: types, defaults, checks and docs in one place), the
 * settings a run records, and its plain-JSON state.
 */

/** How CMA-ES searches: everything but the dimension, the first population size, the box, x0 and the stream. */
export const CmaBehaviorOptions = z.strictObject({
  sigma0: z
    .number()
    .positive()
    .finite()
    .optional()
    .describe("initial step size σ0 (default: 0.3 × the mean width of the init range, as Hansen advises)"),
  covariance: z
    .enum(["full", "diagonal"])
    .default("full")
    .describe(
      '"full": CMA-ES, O(n²) per sample; "diagonal": sep-CMA-ES (Ros & Hansen 2008), O(n) per sample, learning rates × (n+2)/3',
    ),
  active: z
    .boolean()
    .default(true)
    .describe(
      "active CMA: the worse half of the samples get negative weights in the rank-μ update (Hansen 2016, as pycma's CMA_active); full covariance only, sep-CMA-ES keeps positive weights",
    ),
  restarts: RestartSpec.optional(),
  tolX: z
    .number()
    .positive()
    .default(1e-12)
    .describe("stop a run when every σ·p_c,i and σ·√C_ii is below tolX × σ0 (default 1e-12)"),
  tolFun: z
    .number()
    .min(0)
    .default(1e-12)
    .describe("stop a run when the recent best values and the latest values span less than tolFun (1e-12)"),
  tolConditionCov: z
    .number()
    .gt(1)
    .default(1e14)
    .describe("stop a run when the condition number of C exceeds this (default 1e14)"),
});
export type CmaBehaviorOptions = z.input<typeof CmaBehaviorOptions>;

/** Options of {@link CMAES}. */
export const CMAESOptions = z
  .strictObject({
    ...AskTellOptions.shape,
    populationSize: z
      .number()
      .int()
      .min(2)
      .optional()
      .describe("λ of the first run (default 4 + ⌊3 ln dim⌋); a restart asks its own λ rows per generation"),
    x0: PopulationRow.optional().describe(
      "the first run's mean, dim numbers inside the box (default: uniform in the init range)",
    ),
    ...CmaBehaviorOptions.shape,
    ...BoxOptions.shape,
  })
  .superRefine((o, ctx) => {
    if (ctx.issues.length > 0 || o.x0 === undefined) return;
    const rows: ArrayLike<number>[] = [o.x0];
    checkPopulationRows(rows, { ...o, populationSize: 1 }, ctx, "x0");
    // checkPopulationRows names the row (x0[0][d]); x0 is one row, so drop that index.
    for (const issue of ctx.issues)
      if (issue.path?.[0] === "x0" && issue.path[1] === 0) issue.path.splice(1, 1);
  });
/** The options as the constructor takes them; `precision` (default float64) sets the array `ask()` returns. */
export type CMAESOptions<P extends Precision = "float64"> = WithPrecision<z.input<typeof CMAESOptions>, P>;

/** The options a run actually used, as plain JSON (part of `state()`). */
export interface CMAESSettings extends BoxJson {
  populationSize: number;
  /** null when the first mean was drawn in the init range. */
  x0: JsonFloat[] | null;
  sigma0: number;
  covariance: "full" | "diagonal";
  /** Active CMA (negative weights; used by the full model only). */
  active: boolean;
  /** null without restarts. */
  restarts: ResolvedRestarts | null;
  tolX: number;
  tolFun: number;
  tolConditionCov: number;
}

/** One run of a restart sequence, as `runs()` reports it. */
export interface RunSummary {
  readonly lambda: number;
  readonly regime: Regime;
  readonly sigma0: number;
  /** Evaluations this run has spent (told samples). */
  readonly evaluations: number;
  /** Why it ended, null while it runs. */
  readonly stopReason: CmaStopReason | null;
}

/** Plain-JSON state of the current run's distribution and its partly told generation. */
export interface CmaRunState {
  readonly lambda: number;
  readonly regime: Regime;
  readonly sigma0: number;
  /** A BIPOP small run's evaluation budget, null for any other run. */
  readonly maxEvaluations: number | null;
  readonly mean: JsonFloat[];
  readonly sigma: JsonFloat;
  readonly C: JsonFloat[];
  readonly B: JsonFloat[];
  readonly D: JsonFloat[];
  readonly pc: JsonFloat[];
  readonly ps: JsonFloat[];
  readonly generation: number;
  readonly eigenGeneration: number;
  /** The λ samples of the current generation (in the optimizer's precision). */
  readonly samples: JsonFloat[];
  /** Best value of each recent generation, for tolFun. */
  readonly history: JsonFloat[];
}

/** Plain-JSON state of a {@link CMAES}. */
export interface CMAESState<P extends Precision = Precision> extends AskTellState<P> {
  readonly options: CMAESSettings;
  readonly run: CmaRunState;
  readonly ledger: RestartLedger;
  readonly runs: RunSummary[];
  /** Why the optimizer stopped for good (no restart left), null while it searches. */
  readonly stopReason: CmaStopReason | null;
  readonly rng: RngState;
}
