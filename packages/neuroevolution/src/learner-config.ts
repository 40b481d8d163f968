import { float32AtMost } from "@arena/objectives";
import { searchable } from "@arena/options";
import * as z from "zod";
import { InitScheme } from "./init-scheme.ts";

/**
 * Which data a generation's fitness is computed on: the whole training split, or `minibatch` samples
 * drawn afresh (seeded) each generation and shared by the whole population.
 */
export const FitnessSpec = z
  .union(
    [
      z.literal("full"),
      z.strictObject({
        minibatch: z
          .number()
          .int()
          .min(1)
          .describe("samples per generation (as many as the training split or more: the full split)"),
      }),
    ],
    { error: 'expected "full" or { minibatch: <samples> }' },
  )
  .describe('"full": the whole training split; { minibatch: m }: m samples drawn afresh per generation');
export type FitnessSpec = z.input<typeof FitnessSpec>;

/**
 * With minibatch fitness: every `every` generations (starting with the first), the `top` candidates of
 * the generation (by their minibatch fitness) are scored again on the full training split, and
 * `current()` becomes the best point so scored so far.
 */
export interface RescoreSpec {
  every: number;
  top: number;
}

/** The `rescore` config value: `false` turns re-scoring off; left-out keys take the defaults. */
export const RescoreConfig = z
  .union(
    [
      z.literal(false),
      z.strictObject({
        every: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe("re-score every this many generations (default: about 10 % extra evaluations)"),
        top: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe("how many of the generation's best to re-score (default 2, at most population)"),
      }),
    ],
    { error: "expected false or { every?, top? }" },
  )
  .describe(
    "minibatch fitness only: re-score the top candidates of every every-th generation on the full split; false: off",
  );
export type RescoreConfig = z.input<typeof RescoreConfig>;

/**
 * Stop early once the search has stalled: `finished()` turns true after `generations` generations in a
 * row in which the training loss of `current()` did not fall by more than `minDelta` (default 0), the
 * rule backprop's early stopping applies to validation. Spent budget is then not wasted on a converged
 * swarm or population.
 */
export const StagnationConfig = z
  .strictObject({
    generations: z
      .number()
      .int()
      .min(1)
      .describe("generations in a row without improvement after which the run ends"),
    minDelta: z
      .number()
      .min(0)
      .default(0)
      .describe("a fall of the loss by this much or less is no improvement"),
  })
  .describe("end the run once the loss of current() has stopped falling (default: never)");
export type StagnationConfig = z.input<typeof StagnationConfig>;
export type StagnationSpec = z.output<typeof StagnationConfig>;

/** Default box half-width: generous for weights of standardised-input nets, finite so that PSO can confine. */
export const DEFAULT_BOUNDS = 10;
/**
 * Re-scoring defaults: the 2 best candidates, and `every` the smallest interval that keeps the
 * re-scoring's evaluations within `overhead` (10 %) of the search's: ⌈top·N / (overhead·population·m)⌉
 * for N training samples and minibatches of m.
 */
export const DEFAULT_RESCORE = { top: 2, overhead: 0.1 } as const;

/**
 * The config keys every neuroevolution learner accepts, with the learner's defaults for `population`
 * and `init`: spread into each learner's schema.
 */
export function commonConfigShape(defaults: { readonly population: number; readonly init: InitScheme }) {
  return {
    population: searchable(z.number().int().min(2).default(defaults.population), {
      values: [10, 20, 50, 100, 200],
    }).describe("candidates per generation (GA individuals, PSO particles, random-search samples)"),
    fitness: FitnessSpec.default("full"),
    rescore: RescoreConfig.optional(),
    init: InitScheme.prefault(defaults.init),
    bounds: z
      .number()
      .positive()
      .default(DEFAULT_BOUNDS)
      .describe("every weight is kept in [−bounds, bounds]"),
    stagnation: StagnationConfig.optional(),
  };
}

/**
 * The common keys of a learner config (plain JSON), as written.
 * @interface
 */
export type CommonConfig = z.input<z.ZodObject<ReturnType<typeof commonConfigShape>>>;
/** The common keys as parsed: the schema's defaults filled in, before what depends on the data. */
export type ParsedCommonConfig = z.output<z.ZodObject<ReturnType<typeof commonConfigShape>>>;

/**
 * The rules between common keys, for a learner schema's `superRefine`: `rescore` only with minibatch
 * fitness, and `rescore.top` at most `population`.
 */
export function checkCommonConfig(c: ParsedCommonConfig, ctx: z.core.$RefinementCtx): void {
  if (c.rescore !== undefined && c.fitness === "full") {
    ctx.addIssue({
      code: "custom",
      path: ["rescore"],
      message:
        'applies only to minibatch fitness (with fitness "full" every score is already on the full training split)',
      input: c.rescore,
    });
  }
  if (c.rescore && c.rescore.top !== undefined && c.rescore.top > c.population) {
    ctx.addIssue({
      code: "custom",
      path: ["rescore", "top"],
      message: `expected <= population = ${c.population}`,
      input: c.rescore.top,
    });
  }
}

/** {@link CommonConfig} with every default filled in. */
export interface ResolvedCommonConfig {
  population: number;
  fitness: FitnessSpec;
  /** null with full fitness (nothing to re-score) or when turned off. */
  rescore: RescoreSpec | null;
  init: InitScheme;
  bounds: number;
  /** null: run until the budget is spent. */
  stagnation: StagnationSpec | null;
}

/** The default re-scoring interval (see {@link DEFAULT_RESCORE}). */
export function defaultRescoreEvery(
  top: number,
  trainSize: number,
  population: number,
  minibatch: number,
): number {
  return Math.max(1, Math.ceil((top * trainSize) / (DEFAULT_RESCORE.overhead * population * minibatch)));
}

/**
 * Fills in what depends on the training split: a minibatch as large as the split is the full split (as
 * backprop clamps its batch size, so one suite can name a minibatch for problems of every size), and the
 * re-scoring defaults; rounds `bounds` down to float32.
 */
export function resolveCommonConfig(c: ParsedCommonConfig, trainSize: number): ResolvedCommonConfig {
  const fitness = c.fitness !== "full" && c.fitness.minibatch >= trainSize ? "full" : c.fitness;
  let rescore: RescoreSpec | null = null;
  if (fitness !== "full" && c.rescore !== false) {
    const top = c.rescore?.top ?? Math.min(DEFAULT_RESCORE.top, c.population);
    const every = c.rescore?.every ?? defaultRescoreEvery(top, trainSize, c.population, fitness.minibatch);
    rescore = { every, top };
  }
  return {
    population: c.population,
    fitness,
    rescore,
    init: c.init,
    bounds: float32AtMost(c.bounds),
    stagnation: c.stagnation ?? null,
  };
}

/**
 * The learner config as a config object again (what the factories accept), for `state()`.
 */
export function commonConfigJson(c: ResolvedCommonConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {
    population: c.population,
    fitness: c.fitness,
    init: c.init,
    bounds: c.bounds,
  };
  if (c.fitness !== "full") out.rescore = c.rescore ?? false;
  if (c.stagnation !== null) out.stagnation = { ...c.stagnation };
  return out;
}
