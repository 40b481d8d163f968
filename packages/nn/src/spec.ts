import { ACTIVATIONS, type Activation } from "./activations.ts";
import {
  defaultInitializer,
  INITIALIZERS,
  type Initializer,
  RECURRENT_INITIALIZERS,
  type RecurrentInitializer,
} from "./init.ts";
import { defaultLoss, LOSSES, type Loss, type OutputActivation } from "./losses.ts";

/**
 * Model specs: plain JSON that says what to build. `validateSpec` checks one and fills in the defaults;
 * every error names the field and the bad value, and unknown keys are rejected.
 */

/**
 * A multilayer perceptron. `layers` lists every width, input first: [64, 32, 10] is 64 inputs, one
 * hidden layer of 32 units and 10 outputs.
 *
 * @example
 * ```ts
 * const spec: MlpSpec = { kind: "mlp", layers: [64, 32, 10], activation: "tanh", output: "softmax" };
 * ```
 */
export interface MlpSpec {
  kind: "mlp";
  layers: readonly number[];
  /** Hidden-layer activation. */
  activation: Activation;
  /** Output activation; softmax fuses with cross-entropy, sigmoid with binary cross-entropy. */
  output: OutputActivation;
  /** Default: softmax → cross-entropy, sigmoid → bce, anything else → mse. */
  loss?: Loss;
  /** Weight initialiser; default He normal for ReLU-like hidden units, Glorot uniform otherwise. */
  init?: Initializer;
  /** L2 penalty λ: adds λ/2·Σw² to the loss (λ·w to the gradient), weights only, not biases. */
  l2?: number;
  /** L1 penalty λ: adds λ·Σ|w| to the loss (λ·sign(w) to the gradient), weights only. */
  l1?: number;
  /** Inverted-dropout rate on hidden activations, training mode only (Srivastava et al. 2014). */
  dropout?: number;
}

export type RecurrentKind = "rnn" | "lstm" | "gru";

/**
 * A recurrent network: one or more stacked recurrent layers (Elman RNN, LSTM or GRU), then a dense
 * readout (an optional MLP `head`, then a layer of `output` units) applied to the last step's hidden
 * state or to every step's.
 *
 * @example
 * ```ts
 * const spec: RecurrentSpec = { kind: "lstm", input: 1, hidden: 32, output: 1, readout: "last" };
 * ```
 */
export interface RecurrentSpec {
  kind: RecurrentKind;
  /** Features per step. */
  input: number;
  /** Hidden units; an array stacks several recurrent layers, bottom first. */
  hidden: number | readonly number[];
  /** Outputs per prediction (per step with readout "every-step"). */
  output: number;
  /** Predict from the final step only, or at every step. */
  readout: "last" | "every-step";
  /** Hidden widths of an MLP between the recurrent output and the output layer; default none. */
  head?: readonly number[];
  /** Activation of the head's hidden layers; default tanh. */
  headActivation?: Activation;
  /** Activation of the output layer; default from the loss: cross-entropy → softmax, bce → sigmoid, else linear. */
  outputActivation?: OutputActivation;
  /** Default from the output activation as for the MLP (linear → mse). */
  loss?: Loss;
  /** Initialiser of input-to-hidden and dense weights; default Glorot uniform. */
  init?: Initializer;
  /** Initialiser of hidden-to-hidden weights, per gate block; default orthogonal. */
  recurrentInit?: RecurrentInitializer;
  /** LSTM only: initial forget-gate bias; default 1 (Gers et al. 2000; Jozefowicz et al. 2015). */
  forgetBias?: number;
  l2?: number;
  l1?: number;
  /**
   * Inverted-dropout rate on the non-recurrent connections, as in Zaremba et al. (2014): between
   * stacked recurrent layers (a fresh mask per step) and on the readout's inputs (the recurrent output
   * and the head's hidden units); never on the recurrent connections. Training mode only.
   */
  dropout?: number;
}

export type ModelSpec = MlpSpec | RecurrentSpec;

/** An MLP spec with every default filled in. */
export interface ResolvedMlpSpec extends MlpSpec {
  loss: Loss;
  init: Initializer;
  l2: number;
  l1: number;
  dropout: number;
}

/** A recurrent spec with every default filled in; `hidden` is always an array. */
export interface ResolvedRecurrentSpec extends RecurrentSpec {
  hidden: number[];
  head: number[];
  headActivation: Activation;
  outputActivation: OutputActivation;
  loss: Loss;
  init: Initializer;
  recurrentInit: RecurrentInitializer;
  l2: number;
  l1: number;
  dropout: number;
}

export type ResolvedSpec = ResolvedMlpSpec | ResolvedRecurrentSpec;

/** A spec that does not validate. The message names the field and the value. */
export class SpecError extends Error {
  override readonly name = "SpecError";
}

const MLP_KEYS = ["kind", "layers", "activation", "output", "loss", "init", "l2", "l1", "dropout"];
const RECURRENT_KEYS = [
  "kind",
  "input",
  "hidden",
  "output",
  "readout",
  "head",
  "headActivation",
  "outputActivation",
  "loss",
  "init",
  "recurrentInit",
  "forgetBias",
  "l2",
  "l1",
  "dropout",
];

function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || v === null || v === undefined) return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

function positiveInt(where: string, field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    throw new SpecError(`${where}: ${field} must be a positive integer, got ${show(v)}`);
  }
  return v;
}

function intArray(where: string, field: string, v: unknown, minLength: number): number[] {
  if (!Array.isArray(v))
    throw new SpecError(`${where}: ${field} must be an array of positive integers, got ${show(v)}`);
  if (v.length < minLength) {
    throw new SpecError(`${where}: ${field} needs at least ${minLength} entries, got ${show(v)}`);
  }
  return v.map((x, i) => positiveInt(where, `${field}[${i}]`, x));
}

function oneOf<T extends string>(where: string, field: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
    throw new SpecError(`${where}: ${field} must be one of ${allowed.join(", ")}; got ${show(v)}`);
  }
  return v as T;
}

function nonNegative(where: string, field: string, v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new SpecError(`${where}: ${field} must be a finite number >= 0, got ${show(v)}`);
  }
  return v;
}

function rate(where: string, field: string, v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== "number" || !(v >= 0 && v < 1)) {
    throw new SpecError(`${where}: ${field} must be a number in [0, 1), got ${show(v)}`);
  }
  return v;
}

function checkKeys(where: string, spec: object, allowed: string[]): void {
  for (const key of Object.keys(spec)) {
    if (!allowed.includes(key)) {
      throw new SpecError(`${where}: unknown key ${show(key)}; expected one of ${allowed.join(", ")}`);
    }
  }
}

function resolveLoss(
  where: string,
  field: string,
  v: unknown,
  output: OutputActivation,
  outputs: number,
): Loss {
  const loss = v === undefined ? defaultLoss(output) : oneOf(where, "loss", v, LOSSES);
  if (loss === "cross-entropy" && output !== "softmax") {
    throw new SpecError(`${where}: loss "cross-entropy" needs ${field} "softmax", got ${show(output)}`);
  }
  if (loss === "bce" && output !== "sigmoid") {
    throw new SpecError(`${where}: loss "bce" needs ${field} "sigmoid", got ${show(output)}`);
  }
  if (output === "softmax" && outputs < 2) {
    throw new SpecError(`${where}: ${field} "softmax" needs at least 2 outputs, got ${outputs}`);
  }
  return loss;
}

const OUTPUTS: readonly OutputActivation[] = [...ACTIVATIONS, "softmax"];

/**
 * Checks a spec and returns it with every default filled in. Throws a {@link SpecError} naming the
 * field and value on the first problem, including unknown keys.
 *
 * @example
 * ```ts
 * import { validateSpec } from "@arena/nn";
 * const spec = validateSpec({ kind: "mlp", layers: [2, 2, 1], activation: "sigmoid", output: "sigmoid", loss: "mse" });
 * console.log(spec.init); // "glorot-uniform"
 * ```
 */
export function validateSpec(spec: unknown): ResolvedSpec {
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
    throw new SpecError(`model spec must be an object, got ${show(spec)}`);
  }
  const kind = (spec as { kind?: unknown }).kind;
  if (kind === "mlp") return validateMlp(spec as Record<string, unknown>);
  if (kind === "rnn" || kind === "lstm" || kind === "gru")
    return validateRecurrent(spec as Record<string, unknown>);
  throw new SpecError(`model spec: kind must be one of mlp, rnn, lstm, gru; got ${show(kind)}`);
}

function validateMlp(s: Record<string, unknown>): ResolvedMlpSpec {
  const where = "mlp spec";
  checkKeys(where, s, MLP_KEYS);
  const layers = intArray(where, "layers", s.layers, 2);
  if (s.activation === undefined)
    throw new SpecError(`${where}: activation is required (one of ${ACTIVATIONS.join(", ")})`);
  const activation = oneOf(where, "activation", s.activation, ACTIVATIONS);
  if (s.output === undefined)
    throw new SpecError(`${where}: output is required (one of ${OUTPUTS.join(", ")})`);
  const output = oneOf(where, "output", s.output, OUTPUTS);
  const loss = resolveLoss(where, "output", s.loss, output, layers[layers.length - 1]);
  const init = s.init === undefined ? undefined : oneOf(where, "init", s.init, INITIALIZERS);
  return {
    kind: "mlp",
    layers,
    activation,
    output,
    loss,
    init: init ?? (layers.length > 2 ? defaultInitializer(activation) : "glorot-uniform"),
    l2: nonNegative(where, "l2", s.l2),
    l1: nonNegative(where, "l1", s.l1),
    dropout: rate(where, "dropout", s.dropout),
  };
}

function validateRecurrent(s: Record<string, unknown>): ResolvedRecurrentSpec {
  const kind = s.kind as RecurrentKind;
  const where = `${kind} spec`;
  checkKeys(where, s, RECURRENT_KEYS);
  const input = positiveInt(where, "input", s.input);
  const hidden =
    typeof s.hidden === "number"
      ? [positiveInt(where, "hidden", s.hidden)]
      : intArray(where, "hidden", s.hidden, 1);
  if (typeof s.output === "string") {
    throw new SpecError(
      `${where}: output is the number of outputs, got ${show(s.output)} (the output activation is outputActivation)`,
    );
  }
  const output = positiveInt(where, "output", s.output);
  const readout = oneOf(where, "readout", s.readout, ["last", "every-step"] as const);
  const head = s.head === undefined ? [] : intArray(where, "head", s.head, 0);
  const headActivation =
    s.headActivation === undefined ? "tanh" : oneOf(where, "headActivation", s.headActivation, ACTIVATIONS);
  // Without an explicit output activation, the loss picks its natural one.
  const lossGiven = s.loss === undefined ? undefined : oneOf(where, "loss", s.loss, LOSSES);
  const outputActivation =
    s.outputActivation !== undefined
      ? oneOf(where, "outputActivation", s.outputActivation, OUTPUTS)
      : lossGiven === "cross-entropy"
        ? "softmax"
        : lossGiven === "bce"
          ? "sigmoid"
          : "linear";
  const loss = resolveLoss(where, "outputActivation", s.loss, outputActivation, output);
  if (s.forgetBias !== undefined) {
    if (kind !== "lstm")
      throw new SpecError(`${where}: forgetBias applies to lstm only, got kind ${show(kind)}`);
    if (typeof s.forgetBias !== "number" || !Number.isFinite(s.forgetBias)) {
      throw new SpecError(`${where}: forgetBias must be a finite number, got ${show(s.forgetBias)}`);
    }
  }
  return {
    kind,
    input,
    hidden,
    output,
    readout,
    head,
    headActivation,
    outputActivation,
    loss,
    init: s.init === undefined ? "glorot-uniform" : oneOf(where, "init", s.init, INITIALIZERS),
    recurrentInit:
      s.recurrentInit === undefined
        ? "orthogonal"
        : oneOf(where, "recurrentInit", s.recurrentInit, RECURRENT_INITIALIZERS),
    ...(kind === "lstm" ? { forgetBias: (s.forgetBias as number | undefined) ?? 1 } : {}),
    l2: nonNegative(where, "l2", s.l2),
    l1: nonNegative(where, "l1", s.l1),
    dropout: rate(where, "dropout", s.dropout),
  };
}
