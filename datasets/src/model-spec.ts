/**
 * Model suggestions as plain JSON, in the spec format the nn package builds from. Declared here so this
 * package does not depend on nn (the dependency points the other way: a harness reads a problem's
 * suggestion and hands it to nn).
 */

/** A multilayer perceptron: `layers` = [input, ...hidden, output]. */
export interface MlpSpec {
  readonly kind: "mlp";
  readonly layers: readonly number[];
  readonly activation: "tanh" | "relu" | "sigmoid";
  readonly output: "softmax" | "sigmoid" | "linear";
  readonly loss?: "cross-entropy" | "bce" | "mse";
}

/**
 * A recurrent net reading `input` features per step. `output` is the output *size*; the output is linear
 * with MSE unless `loss` is "cross-entropy" (then nn applies softmax). `readout` says whether the target
 * is at the last step or at every step.
 */
export interface RecurrentSpec {
  readonly kind: "rnn" | "lstm" | "gru";
  readonly input: number;
  readonly hidden: number;
  readonly output: number;
  readonly readout: "last" | "every-step";
  readonly loss?: "cross-entropy" | "mse";
}

/** A default model suggestion: plain JSON, no functions. */
export type ModelSpec = MlpSpec | RecurrentSpec;
