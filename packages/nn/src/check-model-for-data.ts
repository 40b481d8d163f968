import { type OptionIssue, OptionsError, preview } from "@arena/options";
import { shapeSize } from "@arena/tensor";
import { validateSpec } from "./spec.ts";

const show = (shape: readonly number[]): string => `[${shape.join(", ")}]`;

/**
 * Whether a model spec fits data of the given sample shapes (a `Dataset`'s `xShape` and `yShape`),
 * without building the model or touching the data: every problem found, each with the spec path it is
 * about, in the `OptionsError` style (an empty list when the spec fits). A harness calls it for every
 * (problem, model) pair of a suite before any run.
 *
 * - MLP: `layers[0]` must be the features per sample (the product of `xShape`), the last width the
 *   targets per sample (the product of `yShape`).
 * - Recurrent: `xShape` is `[steps, features]` (or `[steps]` for one feature) with `input` = features;
 *   readout "last" needs `yShape` = `[output]`, readout "every-step" needs `[steps, output]`.
 *
 * An invalid spec gives its own problems (what `validateSpec` would throw).
 *
 * @example
 * ```ts
 * import { checkModelForData } from "@arena/nn";
 * const spec = { kind: "mlp", layers: [4, 8, 3], activation: "tanh", output: "softmax" } as const;
 * console.log(checkModelForData(spec, [13], [3])); // [ { path: "layers[0]", message: "expected 13, … (got 4)" } ]
 * ```
 */
export function checkModelForData(
  spec: unknown,
  xShape: readonly number[],
  yShape: readonly number[],
): OptionIssue[] {
  let s: ReturnType<typeof validateSpec>;
  try {
    s = validateSpec(spec);
  } catch (e) {
    if (e instanceof OptionsError) return [...e.issues];
    throw e;
  }
  const issues: OptionIssue[] = [];
  const add = (path: string, expected: string, got: unknown) =>
    issues.push({ path, message: `expected ${expected} (got ${preview(got)})` });
  if (s.kind === "mlp") {
    const last = s.layers.length - 1;
    const features = shapeSize(xShape);
    const targets = shapeSize(yShape);
    if (s.layers[0] !== features)
      add("layers[0]", `${features}, the features per sample of xShape ${show(xShape)}`, s.layers[0]);
    if (s.layers[last] !== targets)
      add(`layers[${last}]`, `${targets}, the targets per sample of yShape ${show(yShape)}`, s.layers[last]);
    return issues;
  }
  if (xShape.length !== 1 && xShape.length !== 2) {
    add("kind", `an MLP for samples of xShape ${show(xShape)} (a ${s.kind} reads [steps, features])`, s.kind);
    return issues;
  }
  const steps = xShape[0];
  const features = xShape.length === 2 ? xShape[1] : 1;
  if (s.input !== features)
    add("input", `${features}, the features per step of xShape ${show(xShape)}`, s.input);
  const perStep = yShape.length === 2 && yShape[0] === steps;
  if (s.readout === "last") {
    if (perStep && steps > 1)
      add("readout", `"every-step" for targets at every step (yShape ${show(yShape)})`, s.readout);
    else if (s.output !== shapeSize(yShape))
      add("output", `${shapeSize(yShape)}, the targets per sample of yShape ${show(yShape)}`, s.output);
  } else if (!perStep) {
    add("readout", `"last" for one target per sequence (yShape ${show(yShape)}, ${steps} steps)`, s.readout);
  } else if (s.output !== yShape[1]) {
    add("output", `${yShape[1]}, the targets per step of yShape ${show(yShape)}`, s.output);
  }
  return issues;
}
