import type { Model, Samples } from "./model.ts";

/**
 * The optimizers' Objective contract (its home is @arena/objectives), restated structurally so that nn
 * imports no optimizer package: lower is better; `evaluateBatch` scores the rows of an n × dim matrix
 * in one pass.
 */
export interface Objective {
  readonly dim: number;
  evaluate(x: Float32Array): number;
  evaluateBatch?(xs: Float32Array, n: number, out: Float64Array): void;
}

/**
 * A model's training objective on fixed data (mean loss + L1/L2 penalty) as an {@link Objective} over
 * its parameter vector, for gradient-free optimizers (GA, PSO). `evaluateBatch` is `lossBatch`. The
 * model's own parameters and any pending training pass are left untouched.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { Mlp, modelObjective } from "@arena/nn";
 * const net = new Mlp({ kind: "mlp", layers: [2, 4, 1], activation: "tanh", output: "sigmoid" }, new Rng(1));
 * const xor = { n: 4, x: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), y: new Float32Array([0, 1, 1, 0]) };
 * const f = modelObjective(net, xor);
 * const pop = new Float32Array(8 * f.dim);
 * for (let i = 0; i < 8; i++) net.initialize(new Rng(i), pop.subarray(i * f.dim, (i + 1) * f.dim));
 * const out = new Float64Array(8);
 * f.evaluateBatch?.(pop, 8, out);
 * console.log(f.evaluate(net.params), out);
 * ```
 */
export function modelObjective(
  model: Model,
  data: Samples,
): Objective & { evaluateBatch(xs: Float32Array, n: number, out: Float64Array): void } {
  // Validate once up front, so a mismatch fails here rather than inside an optimizer.
  model.checkData(data);
  return {
    dim: model.size,
    evaluate(x: Float32Array): number {
      return model.loss(data, x);
    },
    evaluateBatch(xs: Float32Array, n: number, out: Float64Array): void {
      model.lossBatch(xs, n, data, out);
    },
  };
}
