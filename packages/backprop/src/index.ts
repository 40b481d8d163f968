export { clipGradNorm, clipGradValue, gradNorm } from "./clipping.ts";
export { Adagrad, type AdagradConfig, type AdagradOptions } from "./optimizers/adagrad.ts";
export { Adam, type AdamConfig, type AdamOptions, AdamW } from "./optimizers/adam.ts";
export {
  createOptimizer,
  OPTIMIZER_KINDS,
  type OptimizerConfig,
  type ResolvedOptimizerConfig,
  restoreOptimizer,
} from "./optimizers/create-optimizer.ts";
export type {
  GradientOptimizer,
  OptimizerConfigBase,
  OptimizerKind,
  OptimizerState,
} from "./optimizers/gradient-optimizer.ts";
export { RmsProp, type RmsPropConfig, type RmsPropOptions } from "./optimizers/rmsprop.ts";
export {
  DEFAULT_MOMENTUM,
  Momentum,
  type MomentumConfig,
  type MomentumOptions,
  Nesterov,
  SGD_DEFAULT_LR,
  Sgd,
  type SgdConfig,
  type SgdOptions,
} from "./optimizers/sgd.ts";
export {
  type ConstantScheduleConfig,
  type CosineScheduleConfig,
  createSchedule,
  type ExponentialScheduleConfig,
  type LearningRate,
  SCHEDULE_KINDS,
  type Schedule,
  type ScheduleConfig,
  type StepScheduleConfig,
  type WarmupScheduleConfig,
} from "./schedules.ts";
