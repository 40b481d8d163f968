export {
  BACKPROP_CONFIG_KEYS,
  type BackpropConfig,
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
export {
  BackpropStepper,
  type StepperOptions,
  type StepperState,
  type StepResult,
} from "./backprop-stepper.ts";
export { type BpttChunk, type BpttConfig, bpttChunks } from "./bptt-chunks.ts";
export { clipGradNorm, clipGradValue, gradNorm } from "./clipping.ts";
export { EarlyStopping, type EarlyStoppingState } from "./early-stopping.ts";
export { MinibatchSampler, type MinibatchSamplerState } from "./minibatch-sampler.ts";
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
export {
  type BestCheckpoint,
  type TrainCheckpoint,
  type TrainData,
  type TrainOptions,
  type TrainResult,
  train,
} from "./train.ts";
export {
  type ClipConfig,
  type EarlyStoppingConfig,
  type ResolvedBptt,
  type ResolvedClip,
  type ResolvedEarlyStopping,
  resolveBptt,
  resolveClip,
  resolveEarlyStopping,
} from "./training-config.ts";
