export { MAX_RESAMPLES, sampleCandidate } from "./bounded-sampling.ts";
export { CMAES } from "./cmaes.ts";
export {
  CMAESOptions,
  type CMAESSettings,
  type CMAESState,
  CmaBehaviorOptions,
  type CmaRunState,
  type RunSummary,
} from "./cmaes-options.ts";
export {
  conditionNumber,
  createDistribution,
  type Distribution,
  refreshEigen,
  sampleDirection,
  whiten,
} from "./distribution.ts";
export {
  planRestart,
  type Regime,
  type ResolvedRestarts,
  type RestartLedger,
  RestartSpec,
  type RunPlan,
} from "./restarts.ts";
export { type CmaStopReason, checkStop, type StopTolerances, tolFunHistoryLength } from "./stop-criteria.ts";
export { defaultPopulationSize, type StrategyParameters, strategyParameters } from "./strategy-parameters.ts";
export { symmetricEigen } from "./symmetric-eigen.ts";
export { updateDistribution } from "./update.ts";
