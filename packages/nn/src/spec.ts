import { parseOptions } from "@arena/options";
import * as z from "zod";
import { ACTIVATIONS } from "./activations.ts";
import { defaultInitializer, INITIALIZERS, RECURRENT_INITIALIZERS } from "./init.ts";
import { defaultLoss, LOSSES, type Loss, type OutputActivation } from "./losses.ts";

/**
 * Model specs: plain JSON that says what to build, declared once as zod schemas (`modelSpec`, a union
 * on `kind`): the TypeScript types, the defaults, the validation and the docs come from them.
 * `validateSpec` checks a spec and fills in the defaults; a bad spec throws one `OptionsError` naming
 * every problem with its path and value, unknown keys included.
 */

const width = z.number().int().min(1);
const activation = z.enum(ACTIVATIONS);
const outputActivation = z.enum([...ACTIVATIONS, "softmax"]);
const loss = z.enum(LOSSES);
const penalty = z.number().min(0);
const dropout = z
  .number()
  .min(0)
  .lt(1)
  .default(0)
  .describe("inverted-dropout rate in [0, 1) (Srivastava et al. 2014), training mode only");

/** The loss with its output activation, and the softmax width: the checks every spec shares. */
function checkLoss(
  ctx: z.RefinementCtx,
  outputPath: string,
  lossName: Loss,
  output: OutputActivation,
  outputs: number,
  outputsPath: readonly PropertyKey[],
): void {
  const needs = lossName === "cross-entropy" ? "softmax" : lossName === "bce" ? "sigmoid" : null;
  if (needs !== null && output !== needs)
    ctx.addIssue({
      code: "custom",
      path: [outputPath],
      input: output,
      message: `expected "${needs}" for loss "${lossName}"`,
    });
  if (output === "softmax" && outputs < 2)
    ctx.addIssue({
      code: "custom",
      path: [...outputsPath],
      input: outputs,
      message: `expected at least 2 outputs for ${outputPath} "softmax"`,
    });
}

/**
 * A multilayer perceptron. `layers` lists every width, input first: [64, 32, 10] is 64 inputs, one
 * hidden layer of 32 units and 10 outputs.
 *
 * @example
 * ```ts
 * const spec: MlpSpec = { kind: "mlp", layers: [64, 32, 10], activation: "tanh", output: "softmax" };
 * ```
 */
export const mlpSpec = z
  .strictObject({
    kind: z.literal("mlp").describe("a multilayer perceptron"),
    layers: z
      .array(width)
      .min(2)
      .readonly()
      .describe("every width, input first: [64, 32, 10] is 64 inputs, a hidden layer of 32 and 10 outputs"),
    activation: activation.describe("hidden-layer activation"),
    output: outputActivation.describe(
      "output activation; softmax fuses with cross-entropy, sigmoid with binary cross-entropy",
    ),
    loss: loss.optional().describe("default: softmax → cross-entropy, sigmoid → bce, anything else → mse"),
    init: z
      .enum(INITIALIZERS)
      .optional()
      .describe("weight initialiser; default He normal for ReLU-like hidden units, Glorot uniform otherwise"),
    l2: penalty.default(0).describe("L2 penalty λ >= 0: adds λ/2·Σw² to the loss, weights only, not biases"),
    l1: penalty.default(0).describe("L1 penalty λ >= 0: adds λ·Σ|w| to the loss, weights only"),
    dropout: dropout.describe("inverted-dropout rate on hidden activations, in [0, 1); training mode only"),
  })
  .superRefine((s, ctx) => {
    const outputs = s.layers[s.layers.length - 1];
    checkLoss(ctx, "output", s.loss ?? defaultLoss(s.output), s.output, outputs, [
      "layers",
      s.layers.length - 1,
    ]);
  })
  .transform((s) => ({
    kind: s.kind,
    layers: s.layers,
    activation: s.activation,
    output: s.output,
    loss: s.loss ?? defaultLoss(s.output),
    init: s.init ?? (s.layers.length > 2 ? defaultInitializer(s.activation) : "glorot-uniform"),
    l2: s.l2,
    l1: s.l1,
    dropout: s.dropout,
  }))
  .describe("a multilayer perceptron");

/** Without an explicit output activation, the loss picks its natural one. */
function outputActivationFor(
  given: OutputActivation | undefined,
  lossName: Loss | undefined,
): OutputActivation {
  return given ?? (lossName === "cross-entropy" ? "softmax" : lossName === "bce" ? "sigmoid" : "linear");
}

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
export const recurrentSpec = z
  .strictObject({
    kind: z.enum(["rnn", "lstm", "gru"]).describe("Elman RNN, LSTM or GRU layers"),
    input: width.describe("features per step, >= 1"),
    hidden: z
      .union([width, z.array(width).min(1).readonly()], {
        error: (iss) =>
          iss.code === "invalid_union"
            ? "expected a positive integer or a non-empty array of them"
            : undefined,
      })
      .describe("hidden units; an array stacks several recurrent layers, bottom first"),
    output: z
      .number({
        error: (iss) =>
          iss.code === "invalid_type" && typeof iss.input === "string"
            ? "expected the number of outputs (the output activation is outputActivation)"
            : undefined,
      })
      .int()
      .min(1)
      .describe(
        "outputs per prediction (per step with readout every-step), >= 1; its activation is outputActivation",
      ),
    readout: z
      .enum(["last", "every-step"])
      .describe('predict from the final step only ("last") or at every step ("every-step")'),
    head: z
      .array(width)
      .readonly()
      .default([])
      .describe("hidden widths of an MLP between the recurrent output and the output layer"),
    headActivation: activation.default("tanh").describe("activation of the head's hidden layers"),
    outputActivation: outputActivation
      .optional()
      .describe(
        "activation of the output layer; default from the loss: cross-entropy → softmax, bce → sigmoid, else linear",
      ),
    loss: loss.optional().describe("default from the output activation as for the MLP (linear → mse)"),
    init: z
      .enum(INITIALIZERS)
      .default("glorot-uniform")
      .describe("initialiser of input-to-hidden and dense weights"),
    recurrentInit: z
      .enum(RECURRENT_INITIALIZERS)
      .default("orthogonal")
      .describe("initialiser of hidden-to-hidden weights, per gate block"),
    forgetBias: z
      .number()
      .optional()
      .describe("LSTM only: initial forget-gate bias; default 1 (Gers et al. 2000; Jozefowicz et al. 2015)"),
    l2: penalty.default(0).describe("L2 penalty λ >= 0 on weights (not biases)"),
    l1: penalty.default(0).describe("L1 penalty λ >= 0 on weights (not biases)"),
    dropout: dropout.describe(
      "inverted-dropout rate in [0, 1) on the non-recurrent connections (Zaremba et al. 2014): between stacked layers and on the readout's inputs",
    ),
  })
  .superRefine((s, ctx) => {
    if (s.forgetBias !== undefined && s.kind !== "lstm")
      ctx.addIssue({
        code: "custom",
        path: ["forgetBias"],
        input: s.forgetBias,
        message: `applies to kind "lstm" only, this is "${s.kind}"`,
      });
    const out = outputActivationFor(s.outputActivation, s.loss);
    checkLoss(ctx, "outputActivation", s.loss ?? defaultLoss(out), out, s.output, ["output"]);
  })
  .transform((s) => {
    const out = outputActivationFor(s.outputActivation, s.loss);
    return {
      kind: s.kind,
      input: s.input,
      hidden: typeof s.hidden === "number" ? [s.hidden] : s.hidden,
      output: s.output,
      readout: s.readout,
      head: s.head,
      headActivation: s.headActivation,
      outputActivation: out,
      loss: s.loss ?? defaultLoss(out),
      init: s.init,
      recurrentInit: s.recurrentInit,
      ...(s.kind === "lstm" ? { forgetBias: s.forgetBias ?? 1 } : {}),
      l2: s.l2,
      l1: s.l1,
      dropout: s.dropout,
    };
  })
  .describe("a recurrent network (RNN, LSTM or GRU layers) with a dense readout");

/** Any model spec: a union on `kind` ("mlp", "rnn", "lstm", "gru"). */
export const modelSpec = z.discriminatedUnion("kind", [mlpSpec, recurrentSpec]).describe("a model spec");

/** An MLP spec as written (defaults may be left out). */
export type MlpSpec = z.input<typeof mlpSpec>;
/** A recurrent spec as written. */
export type RecurrentSpec = z.input<typeof recurrentSpec>;
export type RecurrentKind = RecurrentSpec["kind"];
/** Any model spec as written: what `createModel` takes. */
export type ModelSpec = z.input<typeof modelSpec>;
/** An MLP spec with every default filled in. */
export type ResolvedMlpSpec = z.output<typeof mlpSpec>;
/** A recurrent spec with every default filled in; `hidden` is always an array. */
export type ResolvedRecurrentSpec = z.output<typeof recurrentSpec>;
export type ResolvedSpec = ResolvedMlpSpec | ResolvedRecurrentSpec;

/** "mlp spec", "lstm spec", …: who a spec's errors are from, read from its kind. */
function specOwner(spec: unknown): string {
  const kind = (spec as { kind?: unknown } | null)?.kind;
  return kind === "mlp" || kind === "rnn" || kind === "lstm" || kind === "gru"
    ? `${kind} spec`
    : "model spec";
}

/**
 * Checks a spec and returns it with every default filled in. Throws one `OptionsError` (from
 * `@arena/options`) naming every problem with its path and value, including unknown keys.
 *
 * @example
 * ```ts
 * import { validateSpec } from "@arena/nn";
 * const spec = validateSpec({ kind: "mlp", layers: [2, 2, 1], activation: "sigmoid", output: "sigmoid", loss: "mse" });
 * console.log(spec.init); // "glorot-uniform"
 * ```
 */
export function validateSpec(spec: unknown): ResolvedSpec {
  return parseOptions(specOwner(spec), modelSpec, spec);
}
