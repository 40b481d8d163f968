import type { Rng } from "@arena/rng";
import { Mlp } from "./mlp.ts";
import type { ModelJSON } from "./model.ts";
import type { ModelOptions } from "./model-options.ts";
import { RecurrentNet } from "./recurrent.ts";
import { type ModelSpec, SpecError, validateSpec } from "./spec.ts";

/** The model a spec describes: an {@link Mlp} for kind "mlp", a {@link RecurrentNet} otherwise. */
export type AnyModel = Mlp | RecurrentNet;

/**
 * Builds the model a spec describes, its weights drawn from `rng` (null leaves them at 0).
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { createModel } from "@arena/nn";
 * const model = createModel({ kind: "mlp", layers: [64, 32, 10], activation: "tanh", output: "softmax" }, new Rng(7));
 * console.log(model.size); // 64·32 + 32 + 32·10 + 10 = 2410
 * ```
 */
export function createModel(spec: ModelSpec, rng: Rng | null, opts: ModelOptions = {}): AnyModel {
  const s = validateSpec(spec);
  return s.kind === "mlp" ? new Mlp(s, rng, opts) : new RecurrentNet(s, rng, opts);
}

/** Rebuilds a model saved with `toJSON()`: same spec, bit-identical parameters. */
export function modelFromJSON(json: ModelJSON | string, opts: ModelOptions = {}): AnyModel {
  const j = (typeof json === "string" ? JSON.parse(json) : json) as Partial<ModelJSON>;
  if (j === null || typeof j !== "object" || j.format !== "arena-nn") {
    throw new SpecError(
      `modelFromJSON: expected an object with format "arena-nn", got ${JSON.stringify((j as { format?: unknown })?.format)}`,
    );
  }
  if (j.version !== 1)
    throw new SpecError(`modelFromJSON: unsupported version ${JSON.stringify(j.version)}, expected 1`);
  if (!Array.isArray(j.params)) throw new SpecError("modelFromJSON: params must be an array of numbers");
  const model = createModel(j.spec as ModelSpec, null, opts);
  if (j.params.length !== model.size) {
    throw new SpecError(
      `modelFromJSON: params has ${j.params.length} entries, the spec's model has ${model.size}`,
    );
  }
  for (let i = 0; i < j.params.length; i++) {
    const v = j.params[i];
    if (typeof v !== "number")
      throw new SpecError(`modelFromJSON: params[${i}] must be a number, got ${JSON.stringify(v)}`);
    model.params[i] = v;
  }
  return model;
}
