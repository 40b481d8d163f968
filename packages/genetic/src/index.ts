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
  GeneticAlgorithmOptions,
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
  CrossoverSpec,
  checkPopulationLimits,
  GENETIC_ALGORITHM_DEFAULTS,
  type GeneticOperatorDefaults,
  GeneticOperatorOptions,
  geneticOperatorOptions,
  MutationSpec,
  type ResolvedCrossover,
  type ResolvedMutation,
  type ResolvedSelection,
  SelectionSpec,
} from "./operator-specs.ts";
export {
  linearRankProbability,
  linearRankSelection,
  rouletteSelection,
  tournamentSelection,
  truncationSelection,
} from "./selection.ts";
