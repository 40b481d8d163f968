export {
  CMAES_LEARNER_DEFAULTS,
  CmaesBlock,
  CmaesLearnerConfig,
  cmaesFlopsPerGeneration,
  cmaesLearner,
  FULL_CMA_MAX_PARAMS,
  type ResolvedCmaesBlock,
} from "./cmaes-learner.ts";
export {
  ES_ADAM_FLOPS_PER_COORDINATE,
  fullCmaFlopsPerGeneration,
  JACOBI_SWEEPS,
  jacobiEigenFlops,
  openAiEsFlopsPerGeneration,
  sepCmaFlopsPerGeneration,
  shadeFlopsPerGeneration,
  snesFlopsPerGeneration,
} from "./es-flops.ts";
export {
  GA_LEARNER_DEFAULTS,
  GaBlock,
  GaLearnerConfig,
  gaLearner,
  type ResolvedGaConfig,
} from "./ga-learner.ts";
export { INIT_SCALE_DRAWS, initScale } from "./init-scale.ts";
export { biasRanges, CandidateSampler, clampSymmetric, InitScheme } from "./init-scheme.ts";
export {
  type CommonConfig,
  DEFAULT_BOUNDS,
  DEFAULT_RESCORE,
  defaultRescoreEvery,
  FitnessSpec,
  RescoreConfig,
  type RescoreSpec,
  type ResolvedCommonConfig,
  StagnationConfig,
  type StagnationSpec,
} from "./learner-config.ts";
export {
  ModelRandomSearch,
  ModelRandomSearchOptions,
  type ModelRandomSearchState,
} from "./model-random-search.ts";
export type { NeuroevolutionState } from "./neuroevolution-state.ts";
export {
  OPENAI_ES_LEARNER_DEFAULTS,
  OpenAiEsBlock,
  OpenAiEsLearnerConfig,
  openAiEsLearner,
  type ResolvedOpenAiEsBlock,
} from "./openai-es-learner.ts";
export {
  CROSSOVER_FLOPS_PER_GENE,
  gaFlopsPerGeneration,
  MUTATION_FLOPS_PER_GENE,
  PSO_FLOPS_PER_COORDINATE,
  PSO_HYPERSPHERE_FLOPS_PER_COORDINATE,
  psoFlopsPerGeneration,
  randomSearchFlopsPerGeneration,
} from "./optimizer-flops.ts";
export { PopulationLearner } from "./population-learner.ts";
export type {
  CandidateRefiner,
  NeuroevolutionKind,
  PopulationLearnerParts,
} from "./population-learner-parts.ts";
export {
  PSO_LEARNER_DEFAULTS,
  PsoBlock,
  PsoLearnerConfig,
  psoLearner,
  type ResolvedPsoConfig,
  VelocityInit,
} from "./pso-learner.ts";
export { RandomBatchSampler } from "./random-batch-sampler.ts";
export {
  RANDOM_SEARCH_LEARNER_DEFAULTS,
  RandomSearchLearnerConfig,
  randomSearchLearner,
} from "./random-search-learner.ts";
export { resumeLearner } from "./resume.ts";
export {
  type ResolvedShadeBlock,
  SHADE_LEARNER_DEFAULTS,
  ShadeBlock,
  ShadeLearnerConfig,
  shadeLearner,
} from "./shade-learner.ts";
export {
  type ResolvedSnesBlock,
  SNES_LEARNER_DEFAULTS,
  SnesBlock,
  SnesLearnerConfig,
  snesLearner,
} from "./snes-learner.ts";
