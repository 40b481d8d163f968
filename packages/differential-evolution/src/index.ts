export { binomialCrossover } from "./binomial-crossover.ts";
export { midpointToParent, resampleOutside } from "./bounds-repair.ts";
export { DifferentialEvolution } from "./differential-evolution.ts";
export {
  DeStrategy,
  DifferentialEvolutionOptions,
  type DifferentialEvolutionSettings,
  type DifferentialEvolutionState,
} from "./differential-evolution-options.ts";
export { ExternalArchive } from "./external-archive.ts";
export { pickDistinct, pickOther } from "./pick-indices.ts";
export { keepBest, linearPopulationSize } from "./population-reduction.ts";
export { Shade } from "./shade.ts";
export {
  ShadeOptions,
  type ShadeSettings,
  type ShadeState,
  ShadeVariant,
  shadeSettings,
} from "./shade-options.ts";
export {
  improvementWeights,
  type Successes,
  sampleCR,
  sampleF,
  TERMINAL_CR,
  updateMemory,
  weightedLehmerMean,
  weightedMean,
} from "./success-history.ts";
