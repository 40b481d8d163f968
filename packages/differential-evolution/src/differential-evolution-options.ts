import {
  AskTellOptions,
  type AskTellState,
  type BoxJson,
  BoxOptions,
  type JsonFloat,
  type Precision,
  type WithPrecision,
} from "@arena/objectives";
import * as z from "zod";

/**
 * The options of a {@link DifferentialEvolution} (a zod schema: types, defaults, checks and docs in one
 * place), the settings a run records, and its plain-JSON state.
 */

/** The classic strategies of Storn & Price (1997), both with binomial crossover. */
export const DeStrategy = z
  .enum(["rand/1/bin", "best/1/bin"])
  .describe(
    'mutation base: "rand/1/bin" v = x_r1 + F (x_r2 − x_r3) (default, the robust one) or "best/1/bin" v = x_best + F (x_r1 − x_r2) (faster, greedier)',
  );
export type DeStrategy = z.infer<typeof DeStrategy>;

/** Options of {@link DifferentialEvolution}. */
export const DifferentialEvolutionOptions = z.strictObject({
  ...AskTellOptions.shape,
  populationSize: z
    .number()
    .int()
    .min(4)
    .optional()
    .describe("NP, the rows of every ask() (default 10·dim, Storn & Price's advice; at least 4)"),
  strategy: DeStrategy.default("rand/1/bin"),
  F: z
    .number()
    .gt(0)
    .max(2)
    .default(0.5)
    .describe("differential weight F in (0, 2] (0.5, Storn & Price's usual choice)"),
  CR: z.number().min(0).max(1).default(0.9).describe("crossover probability CR in [0, 1] (0.9)"),
  ...BoxOptions.shape,
});
/** The options as the constructor takes them; `precision` (default float64) sets the array `ask()` returns. */
export type DifferentialEvolutionOptions<P extends Precision = "float64"> = WithPrecision<
  z.input<typeof DifferentialEvolutionOptions>,
  P
>;

/** The options a run actually used, as plain JSON (part of `state()`). */
export interface DifferentialEvolutionSettings extends BoxJson {
  populationSize: number;
  strategy: DeStrategy;
  F: number;
  CR: number;
}

/** Plain-JSON state of a {@link DifferentialEvolution}. */
export interface DifferentialEvolutionState<P extends Precision = Precision> extends AskTellState<P> {
  readonly options: DifferentialEvolutionSettings;
  /** The current population (the targets), row-major. */
  readonly population: JsonFloat[];
  readonly populationF: JsonFloat[];
  /** The rows `ask()` returns: the initial population in generation 0, then the trial vectors. */
  readonly trials: JsonFloat[];
}
