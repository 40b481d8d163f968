/**
 * @arena/baselines: the baselines that need no training budget — majority class or mean, ridge least
 * squares (AR(L) on forecasting windows), naive and seasonal naive forecasts — fitted on a Problem's
 * training split, with any setting chosen on validation, and scored on all three splits by nn's own
 * metric functions, so a report can show them beside the learners.
 */
export { baselineMethods, fitBaseline, fitBaselines } from "./baselines.ts";
export { cholesky, choleskyFlops, solveCholesky } from "./cholesky.ts";
export { LAMBDA_FACTORS, LINEAR_FLOP_LIMIT } from "./linear.ts";
export {
  applyLinear,
  type LinearMap,
  type RidgeSystem,
  ridgeFlops,
  ridgeSolver,
  ridgeSystem,
  solveRidge,
} from "./ridge.ts";
export {
  BASELINE_METHODS,
  type BaselineLoss,
  type BaselineMethod,
  type BaselineOptions,
  type BaselinePlan,
  type BaselineResult,
  type BaselineRole,
  type SplitFigures,
} from "./types.ts";
