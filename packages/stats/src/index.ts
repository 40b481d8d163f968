export {
  canReachSignificance,
  minAttainableAdjustedP,
  type PAdjustMethod,
  type SignificanceDesign,
} from "./attainable-significance.ts";
export { type BestOfK, bestOfK, bestOfKCurve } from "./best-of-k.ts";
export {
  type BootstrapOptions,
  bootstrapCi,
  type ConfidenceInterval,
  meanCi,
  medianCi,
  type Statistic,
} from "./bootstrap.ts";
export { type Description, describe } from "./describe.ts";
export {
  type EcdfSteps,
  ecdf,
  ecdfSteps,
  type HitTable,
  type TimeToTargetOptions,
  timeToTarget,
} from "./ecdf.ts";
export { a12Magnitude, type EffectMagnitude, rankBiserial, varghaDelaneyA12 } from "./effect-size.ts";
export { ert, type RunOutcome, successRate } from "./ert.ts";
export { fmt } from "./format.ts";
export { type HodgesLehmannOptions, type HodgesLehmannResult, hodgesLehmannShift } from "./hodges-lehmann.ts";
export { holm } from "./holm.ts";
export {
  type Alternative,
  EXACT_MAX_CELLS,
  type MannWhitneyOptions,
  type MannWhitneyResult,
  mannWhitneyExactDistribution,
  mannWhitneyU,
} from "./mann-whitney.ts";
export { type MannWhitneyMinPOptions, mannWhitneyMinP } from "./mann-whitney-min-p.ts";
export { type DispersionOptions, mean, standardDeviation, variance } from "./moments.ts";
export { erfc, normalCdf, normalQuantile, normalSf } from "./normal.ts";
export {
  bootstrapOptions,
  DEFAULT_RESAMPLES,
  dispersionOptions,
  hodgesLehmannOptions,
  mannWhitneyMinPOptions,
  mannWhitneyOptions,
  pAdjustMethod,
  significanceDesign,
  timeToTargetOptions,
  type UniformSource,
} from "./options.ts";
export { performanceProfile, performanceRatios, profileScore } from "./performance-profile.ts";
export { iqr, median, quantile, quantileSorted, quantiles, sortedCopy } from "./quantile.ts";
export { type Midranks, midranks } from "./ranks.ts";
