import { searchable } from "@arena/options";
import * as z from "zod";

/**
 * The operators a {@link GeneticAlgorithm} uses, chosen by `kind` in its options. Each is a zod schema:
 * the type, the defaults (filled in, so that `state()` records exactly what ran), the validation and the
 * documentation of the options in one place.
 */

const probability = z.number().min(0).max(1);

/** Parent selection, by `kind`. */
export const SelectionSpec = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("tournament").describe("best of `size` drawn with replacement"),
      size: z
        .number()
        .int()
        .min(1)
        .default(3)
        .describe("tournament size, at most populationSize (3: DEAP's eaSimple examples)"),
    }),
    z.strictObject({
      kind: z.literal("rank").describe("linear ranking (Baker 1985)"),
      pressure: z.number().min(1).max(2).default(1.5).describe("selection pressure in [1, 2]"),
    }),
    z.strictObject({
      kind: z.literal("roulette").describe("fitness-proportionate with windowing (weight f_worst − f)"),
    }),
    z.strictObject({
      kind: z.literal("truncation").describe("uniform among the best `fraction`"),
      fraction: z
        .number()
        .gt(0)
        .max(1)
        .default(0.3)
        .describe("share of the population selected from (Mühlenbein & Schlierkamp-Voosen 1993 use 0.1–0.5)"),
    }),
  ])
  .describe("parent selection, by kind: tournament, rank, roulette or truncation");
export type SelectionSpec = z.input<typeof SelectionSpec>;
export type ResolvedSelection = z.output<typeof SelectionSpec>;

/** Crossover, by `kind`. */
export const CrossoverSpec = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("uniform").describe("each gene swapped independently"),
      swapProbability: probability.default(0.5).describe("probability that a gene is swapped"),
    }),
    z.strictObject({ kind: z.literal("one-point").describe("swap the genes after one random cut") }),
    z.strictObject({ kind: z.literal("two-point").describe("swap the genes between two random cuts") }),
    z.strictObject({
      kind: z.literal("arithmetic").describe("whole arithmetic, one random weight per pair"),
    }),
    z.strictObject({
      kind: z.literal("blx").describe("BLX-α: children uniform in the parents' interval widened by α"),
      alpha: z.number().min(0).default(0.5).describe("BLX-α's α (Eshelman & Schaffer 1993)"),
    }),
    z.strictObject({
      kind: z.literal("sbx").describe("simulated binary crossover (Deb & Agrawal 1995)"),
      eta: z
        .number()
        .min(0)
        .default(15)
        .describe("SBX distribution index η (15: pymoo's default; Deb's NSGA-II code uses 20)"),
    }),
  ])
  .describe("crossover operator, by kind: uniform, one-point, two-point, arithmetic, blx or sbx");
export type CrossoverSpec = z.input<typeof CrossoverSpec>;
export type ResolvedCrossover = z.output<typeof CrossoverSpec>;

const geneRate = probability
  .optional()
  .describe("per-gene probability (default 1/dim: one gene per mutated child on average, as DEAP and pymoo)");

/** Mutation, by `kind`; `geneRate` defaults to 1/dim, filled in by the GA (it depends on `dim`). */
export const MutationSpec = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("gaussian").describe("x += N(0, (sigma · span)²)"),
      sigma: searchable(z.number().min(0).default(0.1), { low: 0.01, high: 0.5, scale: "log" }).describe(
        "σ as a fraction of each dimension's span",
      ),
      geneRate,
    }),
    z.strictObject({
      kind: z.literal("polynomial").describe("polynomial mutation (Deb & Goyal 1996)"),
      eta: z
        .number()
        .min(0)
        .default(20)
        .describe("polynomial mutation's distribution index η (Deb's NSGA-II code and pymoo)"),
      geneRate,
    }),
    z.strictObject({
      kind: z
        .literal("uniform-reset")
        .describe("redraw the gene in the box (the initialisation range where unbounded)"),
      geneRate,
    }),
  ])
  .describe("mutation operator, by kind: gaussian, polynomial or uniform-reset");
export type MutationSpec = z.input<typeof MutationSpec>;
export type ResolvedMutation = z.output<typeof MutationSpec> & { geneRate: number };

/** Defaults of {@link geneticOperatorOptions}: what a GA does when an option is left out. */
export interface GeneticOperatorDefaults {
  readonly elitism: number;
  readonly selection: SelectionSpec;
  readonly crossover: CrossoverSpec;
  readonly crossoverRate: number;
  readonly mutation: MutationSpec;
  readonly mutationRate: number;
}

/**
 * The GA's operator options (everything but the dimension, the population size, the box and the
 * stream) with the given defaults: the GA's own ({@link GeneticOperatorOptions}), or a learner's.
 */
export function geneticOperatorOptions(defaults: GeneticOperatorDefaults) {
  return z.strictObject({
    elitism: z
      .number()
      .int()
      .min(0)
      .default(defaults.elitism)
      .describe("how many of the best carry over unchanged each generation (at most populationSize − 1)"),
    selection: SelectionSpec.prefault(defaults.selection),
    crossover: CrossoverSpec.prefault(defaults.crossover),
    crossoverRate: searchable(probability.default(defaults.crossoverRate), { low: 0.5, high: 1 }).describe(
      "probability that a pair of parents is crossed rather than copied",
    ),
    mutation: MutationSpec.prefault(defaults.mutation),
    mutationRate: searchable(probability.default(defaults.mutationRate), { low: 0.1, high: 1 }).describe(
      "probability that a child is mutated at all; its genes then mutate with mutation.geneRate",
    ),
  });
}

/**
 * The GA's defaults: elitism 1, tournament of 3 (DEAP), SBX η = 15 with rate 0.9 and polynomial mutation
 * η = 20 at 1/dim per gene (the real-coded settings of Deb's NSGA-II code and pymoo).
 */
export const GENETIC_ALGORITHM_DEFAULTS: GeneticOperatorDefaults = {
  elitism: 1,
  selection: { kind: "tournament" },
  crossover: { kind: "sbx" },
  crossoverRate: 0.9,
  mutation: { kind: "polynomial" },
  mutationRate: 1,
};

/** The operator options of {@link GeneticAlgorithm} with its defaults. */
export const GeneticOperatorOptions = geneticOperatorOptions(GENETIC_ALGORITHM_DEFAULTS);
export type GeneticOperatorOptions = z.input<typeof GeneticOperatorOptions>;

/**
 * The limits that depend on the population size: at most `populationSize − 1` elites, tournaments of at
 * most `populationSize`. Adds an issue at `path` for each one broken; for a schema's `superRefine`.
 */
export function checkPopulationLimits(
  o: { readonly elitism: number; readonly selection: ResolvedSelection },
  populationSize: number,
  ctx: z.core.$RefinementCtx,
  path: PropertyKey[] = [],
): void {
  if (o.elitism > populationSize - 1) {
    ctx.addIssue({
      code: "custom",
      path: [...path, "elitism"],
      message: `expected <= populationSize − 1 = ${populationSize - 1}`,
      input: o.elitism,
    });
  }
  if (o.selection.kind === "tournament" && o.selection.size > populationSize) {
    ctx.addIssue({
      code: "custom",
      path: [...path, "selection", "size"],
      message: `expected <= populationSize = ${populationSize}`,
      input: o.selection.size,
    });
  }
}
