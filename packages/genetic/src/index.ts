export {
  arithmeticCrossover,
  blxAlphaCrossover,
  onePointCrossover,
  sbxCrossover,
  sbxSpreadFactor,
  twoPointCrossover,
  uniformCrossover,
} from "./crossover.ts";
export {
  GeneticAlgorithm,
  type GeneticAlgorithmOptions,
  type GeneticAlgorithmSettings,
  type GeneticAlgorithmState,
} from "./genetic-algorithm.ts";
export {
  gaussianMutation,
  polynomialMutation,
  polynomialPerturbation,
  uniformResetMutation,
} from "./mutation.ts";
export {
  type CrossoverSpec,
  type MutationSpec,
  type ResolvedCrossover,
  type ResolvedMutation,
  type ResolvedSelection,
  resolveCrossover,
  resolveMutation,
  resolveSelection,
  type SelectionSpec,
} from "./operator-specs.ts";
export {
  linearRankProbability,
  linearRankSelection,
  rouletteSelection,
  tournamentSelection,
  truncationSelection,
} from "./selection.ts";
