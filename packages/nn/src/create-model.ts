import { OptionsError, parseOptions } from "@arena/options";
import { type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import { Mlp } from "./mlp/mlp.ts";
import type { ModelJSON } from "./model.ts";
import type { ModelOptions } from "./model-options.ts";
import { RecurrentNet } from "./recurrent/recurrent-net.ts";
import { type ModelSpec, modelSpec, validateSpec } from "./spec.ts";

/** The model a spec describes: an {@link Mlp} for kind "mlp", a {@link RecurrentNet} otherwise. */
export type AnyModel = Mlp | RecurrentNet;

/**
 * Builds the model a spec describes, its weights drawn from `rng` (null leaves them at 0). A bad spec
 * throws one `OptionsError` naming every problem.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { createModel } from "@arena/nn";
 * const model = createModel({ kind: "mlp", layers: [64, 32, 10], activation: "tanh", output: "softmax" }, new Rng(7));
 * console.log(model.size); // 64·32 + 32 + 32·10 + 10 = 2410
 * ```
 */
export function createModel(spec: ModelSpec, rng: RngLike | null, opts: ModelOptions = {}): AnyModel {
  const s = validateSpec(spec);
  const r = rng === null ? null : toRng(rng, "createModel");
  return s.kind === "mlp" ? new Mlp(s, r, opts) : new RecurrentNet(s, r, opts);
}

/** What `toJSON()` writes and `modelFromJSON` reads. */
export const modelJson = z.strictObject({
  format: z.literal("arena-nn"),
  version: z.literal(1),
  spec: modelSpec,
  /** Any number, NaN and ±Infinity included (a diverged model still round-trips as an object). */
  params: z.array(z.custom<number>((v) => typeof v === "number", { error: "expected a number" })),
});

/** Rebuilds a model saved with `toJSON()`: same spec, bit-identical parameters. */
export function modelFromJSON(json: ModelJSON | string, opts: ModelOptions = {}): AnyModel {
  const owner = "modelFromJSON";
  const j = parseOptions(owner, modelJson, typeof json === "string" ? JSON.parse(json) : json);
  const model = createModel(j.spec, null, opts);
  if (j.params.length !== model.size) {
    throw new OptionsError(owner, [
      {
        path: "params",
        message: `expected ${model.size} entries, the size of the spec's model (got ${j.params.length})`,
      },
    ]);
  }
  model.params.set(j.params);
  return model;
}
