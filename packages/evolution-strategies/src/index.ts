export { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, Adam, type AdamState } from "./adam.ts";
export { centredRanks } from "./centred-ranks.ts";
export { GaussianSearch, type GaussianSearchSetup } from "./gaussian-search.ts";
export {
  checkInitialMean,
  GaussianSearchOptions,
  type GaussianSearchState,
} from "./gaussian-search-options.ts";
export { OpenAIES } from "./openai-es.ts";
export { OpenAIESOptions, type OpenAIESSettings, type OpenAIESState } from "./openai-es-options.ts";
export { SNES } from "./snes.ts";
export {
  SNES_LEARNING_RATE_MEAN,
  snesLearningRateSigma,
  snesPopulationSize,
  snesUtilities,
} from "./snes-defaults.ts";
export { SNESOptions, type SNESSettings, type SNESState } from "./snes-options.ts";
