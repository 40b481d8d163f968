export {
  floatFromJson,
  floatsFromJson,
  floatsToJson,
  floatToJson,
  type JsonFloat,
} from "@arena/float-json";
export { RngOption } from "@arena/options";
export {
  AskTellOptimizer,
  AskTellOptions,
  type AskTellState,
  type WithPrecision,
} from "./ask-tell-optimizer.ts";
export {
  BoundSpec,
  type Box,
  type BoxJson,
  BoxOptions,
  boxFromJson,
  boxToJson,
  clampToBox,
  resolveBox,
  sampleInBox,
} from "./box.ts";
export { rankOrder, sanitizeFitness } from "./fitness.ts";
export { float32AtLeast, float32AtMost } from "./float32-at-most.ts";
export { checkPopulationRows, PopulationRow, PopulationRows } from "./initial-population.ts";
export {
  type GenerationInfo,
  MinimizeOptions,
  type MinimizeResult,
  minimize,
  type StopReason,
} from "./minimize.ts";
export { evaluatePopulation, type Objective } from "./objective.ts";
export type { BestPoint, PopulationOptimizer } from "./population-optimizer.ts";
export {
  newVector,
  type Precision,
  PrecisionOption,
  precisionOf,
  statePrecision,
  type Vector,
  type VectorOf,
} from "./precision.ts";
export { randomRotation } from "./random-rotation.ts";
export { RandomSearch, RandomSearchOptions, type RandomSearchState } from "./random-search.ts";
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
