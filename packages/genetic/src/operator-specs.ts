import {
  checkOptionKeys,
  checkOptionsObject,
  integerOption,
  numberOption,
  probabilityOption,
} from "@arena/objectives";

/**
 * The operators a {@link GeneticAlgorithm} uses, chosen by name in its options. Every parameter has a
 * documented default, filled in by the `resolve…` functions so that `state()` records exactly what ran.
 */

/** Parent selection, by `kind`. */
export type SelectionSpec =
  /** Best of `size` drawn with replacement; default size 3 (DEAP's eaSimple examples). */
  | { kind: "tournament"; size?: number }
  /** Linear ranking (Baker 1985) with selection pressure in [1, 2]; default 1.5. */
  | { kind: "rank"; pressure?: number }
  /** Fitness-proportionate with windowing (weight f_worst − f). */
  | { kind: "roulette" }
  /** Uniform among the best `fraction`; default 0.3 (Mühlenbein & Schlierkamp-Voosen 1993 use 0.1–0.5). */
  | { kind: "truncation"; fraction?: number };

/** Crossover, by `kind`. */
export type CrossoverSpec =
  /** Each gene swapped with probability `swapProbability` (default 0.5). */
  | { kind: "uniform"; swapProbability?: number }
  | { kind: "one-point" }
  | { kind: "two-point" }
  /** Whole arithmetic, one random weight per pair. */
  | { kind: "arithmetic" }
  /** BLX-α, default α = 0.5 (Eshelman & Schaffer 1993). */
  | { kind: "blx"; alpha?: number }
  /** SBX with distribution index η, default 15 (pymoo's default; Deb's NSGA-II code uses 20). */
  | { kind: "sbx"; eta?: number };

/**
 * Mutation, by `kind`. `geneRate` is the per-gene probability, default 1/dim (one gene per mutated
 * individual on average, as DEAP's examples and pymoo's polynomial mutation do).
 */
export type MutationSpec =
  /** x += N(0, (sigma · span)²); `sigma` is a fraction of each dimension's span, default 0.1. */
  | { kind: "gaussian"; sigma?: number; geneRate?: number }
  /** Polynomial mutation with distribution index η, default 20 (Deb's NSGA-II code and pymoo). */
  | { kind: "polynomial"; eta?: number; geneRate?: number }
  /** Redraw the gene uniformly in the box (the initialisation range where unbounded). */
  | { kind: "uniform-reset"; geneRate?: number };

export type ResolvedSelection =
  | { kind: "tournament"; size: number }
  | { kind: "rank"; pressure: number }
  | { kind: "roulette" }
  | { kind: "truncation"; fraction: number };

export type ResolvedCrossover =
  | { kind: "uniform"; swapProbability: number }
  | { kind: "one-point" }
  | { kind: "two-point" }
  | { kind: "arithmetic" }
  | { kind: "blx"; alpha: number }
  | { kind: "sbx"; eta: number };

export type ResolvedMutation =
  | { kind: "gaussian"; sigma: number; geneRate: number }
  | { kind: "polynomial"; eta: number; geneRate: number }
  | { kind: "uniform-reset"; geneRate: number };

const SELECTION_KINDS = ["tournament", "rank", "roulette", "truncation"];
const CROSSOVER_KINDS = ["uniform", "one-point", "two-point", "arithmetic", "blx", "sbx"];
const MUTATION_KINDS = ["gaussian", "polynomial", "uniform-reset"];

function kindOf(
  owner: string,
  name: string,
  spec: unknown,
  kinds: readonly string[],
): Record<string, unknown> {
  checkOptionsObject(owner, name, spec);
  const s = spec as Record<string, unknown>;
  if (typeof s.kind !== "string" || !kinds.includes(s.kind)) {
    throw new RangeError(`${owner}: ${name}.kind must be one of ${kinds.join(", ")}, got ${String(s.kind)}`);
  }
  return s;
}

/** Validates a selection spec (unknown keys rejected) and fills in its defaults. */
export function resolveSelection(owner: string, spec: unknown, populationSize: number): ResolvedSelection {
  const s = kindOf(owner, "selection", spec, SELECTION_KINDS);
  switch (s.kind) {
    case "tournament":
      checkOptionKeys(owner, "selection", s, ["kind", "size"]);
      return {
        kind: "tournament",
        size: integerOption(owner, "selection.size", s.size, 3, 1, populationSize),
      };
    case "rank":
      checkOptionKeys(owner, "selection", s, ["kind", "pressure"]);
      return {
        kind: "rank",
        pressure: numberOption(owner, "selection.pressure", s.pressure, 1.5, { min: 1, max: 2 }),
      };
    case "roulette":
      checkOptionKeys(owner, "selection", s, ["kind"]);
      return { kind: "roulette" };
    default:
      checkOptionKeys(owner, "selection", s, ["kind", "fraction"]);
      return {
        kind: "truncation",
        fraction: numberOption(owner, "selection.fraction", s.fraction, 0.3, {
          min: 0,
          max: 1,
          exclusiveMin: true,
        }),
      };
  }
}

/** Validates a crossover spec (unknown keys rejected) and fills in its defaults. */
export function resolveCrossover(owner: string, spec: unknown): ResolvedCrossover {
  const s = kindOf(owner, "crossover", spec, CROSSOVER_KINDS);
  switch (s.kind) {
    case "uniform":
      checkOptionKeys(owner, "crossover", s, ["kind", "swapProbability"]);
      return {
        kind: "uniform",
        swapProbability: probabilityOption(owner, "crossover.swapProbability", s.swapProbability, 0.5),
      };
    case "one-point":
    case "two-point":
    case "arithmetic":
      checkOptionKeys(owner, "crossover", s, ["kind"]);
      return { kind: s.kind };
    case "blx":
      checkOptionKeys(owner, "crossover", s, ["kind", "alpha"]);
      return { kind: "blx", alpha: numberOption(owner, "crossover.alpha", s.alpha, 0.5, { min: 0 }) };
    default:
      checkOptionKeys(owner, "crossover", s, ["kind", "eta"]);
      return { kind: "sbx", eta: numberOption(owner, "crossover.eta", s.eta, 15, { min: 0 }) };
  }
}

/** Validates a mutation spec (unknown keys rejected) and fills in its defaults. */
export function resolveMutation(owner: string, spec: unknown, dim: number): ResolvedMutation {
  const s = kindOf(owner, "mutation", spec, MUTATION_KINDS);
  const geneRate = probabilityOption(owner, "mutation.geneRate", s.geneRate, 1 / dim);
  switch (s.kind) {
    case "gaussian":
      checkOptionKeys(owner, "mutation", s, ["kind", "sigma", "geneRate"]);
      return {
        kind: "gaussian",
        sigma: numberOption(owner, "mutation.sigma", s.sigma, 0.1, { min: 0 }),
        geneRate,
      };
    case "polynomial":
      checkOptionKeys(owner, "mutation", s, ["kind", "eta", "geneRate"]);
      return {
        kind: "polynomial",
        eta: numberOption(owner, "mutation.eta", s.eta, 20, { min: 0 }),
        geneRate,
      };
    default:
      checkOptionKeys(owner, "mutation", s, ["kind", "geneRate"]);
      return { kind: "uniform-reset", geneRate };
  }
}
