export { AskTellOptimizer, type AskTellState } from "./ask-tell-optimizer.ts";
export {
  BOX_OPTION_KEYS,
  type BoundSpec,
  type Box,
  type BoxOptions,
  boxFromJson,
  boxToJson,
  clampToBox,
  resolveBox,
  sampleInBox,
} from "./box.ts";
export { rankOrder, sanitizeFitness } from "./fitness.ts";
export { floatFromJson, floatsFromJson, floatsToJson, floatToJson, type JsonFloat } from "./float-json.ts";
export {
  type GenerationInfo,
  type MinimizeOptions,
  type MinimizeResult,
  minimize,
  type StopReason,
} from "./minimize.ts";
export { evaluatePopulation, type Objective } from "./objective.ts";
export {
  checkOptionKeys,
  checkOptionsObject,
  integerOption,
  type NumberLimits,
  numberOption,
  probabilityOption,
} from "./options.ts";
export type { BestPoint, PopulationOptimizer } from "./population-optimizer.ts";
export { RandomSearch, type RandomSearchOptions, type RandomSearchState } from "./random-search.ts";
export {
  ackley,
  ellipsoid,
  griewank,
  rastrigin,
  rosenbrock,
  rotated,
  sphere,
  type TestFunction,
} from "./test-functions.ts";
