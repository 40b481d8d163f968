export {
  BACKPROP_CONFIG_KEYS,
  type BackpropConfig,
  type BackpropLearnerConfig,
  backpropLearnerConfig,
  DEFAULT_BATCH_SIZE,
  type ResolvedBackpropConfig,
  resolveBackpropConfig,
} from "./backprop-config.ts";
export {
  BackpropLearner,
  type BackpropLearnerState,
  backpropLearner,
  resumeBackpropLearner,
} from "./backprop-learner.ts";
export { BackpropStepper } from "./backprop-stepper.ts";
export { type BpttChunk, type BpttConfig, bpttChunks, bpttConfig, type ResolvedBptt } from "./bptt-chunks.ts";
export {
  type ClipConfig,
  clipConfig,
  clipGradNorm,
  clipGradValue,
  gradNorm,
  type ResolvedClip,
} from "./clipping.ts";
export {
  EarlyStopping,
  type EarlyStoppingConfig,
  type EarlyStoppingState,
  earlyStoppingConfig,
  type ResolvedEarlyStopping,
} from "./early-stopping.ts";
export { EpochSampler, type EpochSamplerState } from "./epoch-sampler.ts";
export {
  estimatorPrefix,
  FEEDBACK_FORK,
  FeedbackGradient,
  type FeedbackState,
  GRADIENT_ESTIMATORS,
  type GradientEstimator,
  gradientConfig,
} from "./gradient-estimator.ts";
export { Adagrad, type AdagradConfig, type AdagradOptions, adagradConfig } from "./optimizers/adagrad.ts";
export {
  Adam,
  type AdamConfig,
  type AdamOptions,
  AdamW,
  adamConfig,
  adamwConfig,
} from "./optimizers/adam.ts";
export {
  createOptimizer,
  OPTIMIZER_KINDS,
  type OptimizerConfig,
  optimizerConfig,
  type ResolvedOptimizerConfig,
  restoreOptimizer,
} from "./optimizers/create-optimizer.ts";
export type {
  GradientOptimizer,
  OptimizerConfigBase,
  OptimizerKind,
  OptimizerState,
} from "./optimizers/gradient-optimizer.ts";
export { RmsProp, type RmsPropConfig, type RmsPropOptions, rmspropConfig } from "./optimizers/rmsprop.ts";
export {
  DEFAULT_MOMENTUM,
  Momentum,
  type MomentumConfig,
  type MomentumOptions,
  momentumConfig,
  Nesterov,
  nesterovConfig,
  SGD_DEFAULT_LR,
  Sgd,
  type SgdConfig,
  type SgdOptions,
  sgdConfig,
} from "./optimizers/sgd.ts";
export {
  type ConstantScheduleConfig,
  type CosineScheduleConfig,
  constantSchedule,
  cosineSchedule,
  createSchedule,
  type ExponentialScheduleConfig,
  exponentialSchedule,
  type LearningRate,
  learningRate,
  type ResolvedScheduleConfig,
  SCHEDULE_KINDS,
  type Schedule,
  type ScheduleConfig,
  type StepScheduleConfig,
  scheduleConfig,
  stepSchedule,
  type WarmupScheduleConfig,
  warmupSchedule,
} from "./schedules.ts";
export type { StepperOptions, StepResult } from "./stepper-options.ts";
export type { StepperState } from "./stepper-state.ts";
export { train } from "./train.ts";
export {
  type BestCheckpoint,
  type TrainCheckpoint,
  type TrainData,
  type TrainOptions,
  type TrainResult,
  trainOptions,
} from "./train-options.ts";
