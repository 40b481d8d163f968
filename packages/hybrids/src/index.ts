export {
  GradientRefiner,
  type GradientRefinerOptions,
  type GradientRefinerState,
} from "./gradient-refiner.ts";
export {
  LOCAL_SEARCH_DEFAULTS,
  LocalSearchConfig,
  RefinementMode,
  type ResolvedLocalSearch,
} from "./local-search-config.ts";
export {
  MemeticLearner,
  MemeticLearnerConfig,
  type MemeticState,
  memeticLearner,
  type ResolvedMemeticConfig,
} from "./memetic-learner.ts";
export { SEARCH_KINDS, type SearchKind } from "./population-search.ts";
export { type HybridState, resumeHybridLearner } from "./resume.ts";
export {
  type ResolvedTwoStageConfig,
  TWO_STAGE_BACKPROP_DEFAULT,
  type TwoStageBudget,
  TwoStageLearner,
  TwoStageLearnerConfig,
  type TwoStageParts,
  type TwoStageState,
  twoStageLearner,
} from "./two-stage-learner.ts";
