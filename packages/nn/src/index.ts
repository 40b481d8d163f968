export {
  ACTIVATIONS,
  type Activation,
  activate,
  activationBackwardFlat,
  activationBackwardKernel,
  activationDerivative,
  activationFlops,
  activationForward,
  activationForwardFlat,
  activationForwardKernel,
  derivativeNeedsInput,
  ELU_ALPHA,
  isActivation,
  LEAKY_RELU_SLOPE,
  sigmoid,
  softplus,
} from "./activations.ts";
export { checkModelForData } from "./check-model-for-data.ts";
export { type AnyModel, createModel, modelFromJSON, modelJson } from "./create-model.ts";
export { type DenseFlops, type DenseLayerDef, DenseStack, DenseWorkspace } from "./dense.ts";
export {
  assembleFlops,
  checkFlopBatch,
  type FlopCount,
  type FlopOptions,
  type FlopParts,
  type LayerFlops,
  regularizedCount,
} from "./flops.ts";
export {
  checkGradient,
  checkModelGradient,
  type GradientCheckFailure,
  type GradientCheckOptions,
  type GradientCheckResult,
} from "./gradcheck.ts";
export {
  defaultInitializer,
  INITIALIZERS,
  type Initializer,
  initOrthogonal,
  initVariance,
  initWeights,
  RECURRENT_INITIALIZERS,
  type RecurrentInitializer,
} from "./init.ts";
export { type LayerInfo, LayoutBuilder, regularizedRanges, type TensorInfo } from "./layout.ts";
export { type Cost, DivergenceError, type Learner } from "./learner.ts";
export {
  defaultLoss,
  groupedLossSums,
  isOutputActivation,
  LOSSES,
  type Loss,
  lossDenominator,
  lossFlops,
  type OutputActivation,
  outputForward,
  outputLoss,
} from "./losses.ts";
export {
  accuracy,
  countCorrect,
  countCorrectEntries,
  mae,
  rmse,
  sumAbsoluteError,
  sumSquaredError,
} from "./metrics.ts";
export { createFeedback } from "./mlp/create-feedback.ts";
export {
  checkFeedbackKind,
  drawFeedback,
  FEEDBACK_KINDS,
  type FeedbackBlock,
  type FeedbackKind,
  feedbackFlops,
  gradientAngles,
  type MlpFeedback,
} from "./mlp/feedback-alignment.ts";
export type { MlpFlopOptions } from "./mlp/flops.ts";
export { Mlp } from "./mlp/mlp.ts";
export {
  EvalAccumulator,
  type EvaluateOptions,
  type Evaluation,
  type ForwardOptions,
  type LayerNorm,
  type Model,
  type ModelJSON,
  type Samples,
} from "./model.ts";
export { EVAL_BATCH, ModelBase } from "./model-base.ts";
export { type ModelOptions, modelOptions } from "./model-options.ts";
export { modelObjective, type Objective } from "./objective.ts";
export { Gru } from "./recurrent/gru.ts";
export { SequenceLayerWorkspace } from "./recurrent/layer-workspace.ts";
export { Lstm } from "./recurrent/lstm.ts";
export { RecurrentLayer } from "./recurrent/recurrent-layer.ts";
export { RecurrentNet } from "./recurrent/recurrent-net.ts";
export { Rnn } from "./recurrent/rnn.ts";
export type { SequenceBackwardOptions, SequenceForwardOptions } from "./recurrent/sequence-options.ts";
export type { RecurrentState } from "./recurrent/state.ts";
export { penaltyFlops, penaltyGradient, penaltyValue } from "./regularization.ts";
export {
  type RunEnd,
  type RunLearnerOptions,
  type RunLearnerResult,
  type RunLimits,
  type RunProgress,
  runLearner,
} from "./run-learner.ts";
export {
  type MlpSpec,
  type ModelSpec,
  mlpSpec,
  modelSpec,
  type RecurrentKind,
  type RecurrentSpec,
  type ResolvedMlpSpec,
  type ResolvedRecurrentSpec,
  type ResolvedSpec,
  recurrentSpec,
  validateSpec,
} from "./spec.ts";
export { sigmoidApprox, tanhApprox } from "./tanh-approx.ts";
