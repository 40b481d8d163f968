import {
  AskTellOptions,
  type AskTellState,
  type BoxJson,
  BoxOptions,
  checkPopulationRows,
  type JsonFloat,
  PopulationRows,
  type Precision,
  type WithPrecision,
} from "@arena/objectives";
import * as z from "zod";

/**
 * The options of {@link Shade} (SHADE and L-SHADE), the settings a run records, and its plain-JSON state.
 * Defaults follow each paper: SHADE (Tanabe & Fukunaga 2013) N = 100, H = 100, |A| = N, p_i ~ U[2/N, 0.2];
 * L-SHADE (2014) N_init = 18·dim, N_min = 4, H = 6, |A| = 2.6·N, p = 0.11.
 */

export const ShadeVariant = z
  .enum(["shade", "l-shade"])
  .describe('"shade" (2013) or "l-shade" (2014: linear population size reduction; needs maxEvaluations)');
export type ShadeVariant = z.infer<typeof ShadeVariant>;

/** The (initial) population size a variant takes by default: 100 for SHADE, 18·dim (at least 4) for L-SHADE. */
export function defaultShadePopulation(variant: ShadeVariant, dim: number): number {
  return variant === "l-shade" ? Math.max(4, Math.round(18 * dim)) : 100;
}

/** Options of {@link Shade}. */
export const ShadeOptions = z
  .strictObject({
    ...AskTellOptions.shape,
    variant: ShadeVariant.default("shade"),
    populationSize: z
      .number()
      .int()
      .min(4)
      .optional()
      .describe("(initial) population size: 100 for SHADE, 18·dim for L-SHADE"),
    minPopulationSize: z
      .number()
      .int()
      .min(4)
      .optional()
      .describe("L-SHADE only: the population size reached at maxEvaluations (4)"),
    maxEvaluations: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("L-SHADE only, required: the evaluation budget the population shrinks over"),
    memorySize: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("H, slots of M_CR and M_F: 100 (SHADE), 6 (L-SHADE)"),
    archiveRate: z
      .number()
      .min(0)
      .optional()
      .describe("archive size as a multiple of the population size: 1 (SHADE), 2.6 (L-SHADE)"),
    pBest: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe(
        "fraction of the population pbest is drawn from: 0.11 (L-SHADE); SHADE draws p_i ~ U[2/N, 0.2]",
      ),
    ...BoxOptions.shape,
    initialPopulation: PopulationRows.optional().describe(
      "the first rows of the first generation (rows of dim numbers inside the box; default: all uniform in the init range)",
    ),
  })
  .superRefine((o, ctx) => {
    const issue = (path: string, message: string, input: unknown) =>
      ctx.addIssue({ code: "custom", path: [path], message, input });
    if (o.initialPopulation !== undefined && ctx.issues.length === 0) {
      const populationSize = o.populationSize ?? defaultShadePopulation(o.variant, o.dim);
      checkPopulationRows(o.initialPopulation, { ...o, populationSize }, ctx, "initialPopulation");
    }
    if (o.variant === "shade") {
      if (o.maxEvaluations !== undefined)
        issue("maxEvaluations", 'only for variant "l-shade"', o.maxEvaluations);
      if (o.minPopulationSize !== undefined)
        issue("minPopulationSize", 'only for variant "l-shade"', o.minPopulationSize);
      return;
    }
    if (o.maxEvaluations === undefined) issue("maxEvaluations", 'required for variant "l-shade"', undefined);
    const n = o.populationSize ?? defaultShadePopulation(o.variant, o.dim);
    if ((o.minPopulationSize ?? 4) > n)
      issue("minPopulationSize", `expected <= populationSize = ${n}`, o.minPopulationSize);
  });
/** The options as the constructor takes them; `precision` (default float64) sets the array `ask()` returns. */
export type ShadeOptions<P extends Precision = "float64"> = WithPrecision<z.input<typeof ShadeOptions>, P>;

/** The options a run actually used, defaults filled in, as plain JSON (part of `state()`). */
export interface ShadeSettings extends BoxJson {
  variant: ShadeVariant;
  /** The initial population size (L-SHADE's N_init). */
  populationSize: number;
  /** Equal to populationSize for SHADE. */
  minPopulationSize: number;
  /** null for SHADE. */
  maxEvaluations: number | null;
  memorySize: number;
  archiveRate: number;
  /** null: SHADE's p_i ~ U[2/N, 0.2] per individual. */
  pBest: number | null;
}

/** Resolves the per-variant defaults of parsed options. */
export function shadeSettings(o: z.output<typeof ShadeOptions>, box: BoxJson): ShadeSettings {
  const l = o.variant === "l-shade";
  const populationSize = o.populationSize ?? defaultShadePopulation(o.variant, o.dim);
  return {
    variant: o.variant,
    populationSize,
    minPopulationSize: l ? (o.minPopulationSize ?? 4) : populationSize,
    maxEvaluations: l ? (o.maxEvaluations ?? null) : null,
    memorySize: o.memorySize ?? (l ? 6 : 100),
    archiveRate: o.archiveRate ?? (l ? 2.6 : 1),
    pBest: o.pBest ?? (l ? 0.11 : null),
    ...box,
  };
}

/** Plain-JSON state of a {@link Shade}; `populationSize` (of the base part) is the current size. */
export interface ShadeState<P extends Precision = Precision> extends AskTellState<P> {
  readonly options: ShadeSettings;
  readonly population: JsonFloat[];
  readonly populationF: JsonFloat[];
  /** The rows `ask()` returns, and the CR and F each trial was made with. */
  readonly trials: JsonFloat[];
  readonly trialCR: JsonFloat[];
  readonly trialF: JsonFloat[];
  readonly memoryCR: JsonFloat[];
  readonly memoryF: JsonFloat[];
  readonly memoryIndex: number;
  readonly archive: JsonFloat[];
  readonly archiveCapacity: number;
}
