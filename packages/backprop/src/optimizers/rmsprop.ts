/**
 * RMSprop (Tieleman & Hinton 2012, COURSERA "Neural Networks for Machine Learning", lecture 6.5), in
 * PyTorch's form, with the optional centred variant (Graves 2013) and momentum.
 */
import { parseOptions, searchable } from "@arena/options";
import * as z from "zod";
import { type LearningRate, learningRate, lrAsJson } from "../schedules.ts";
import { BaseOptimizer, sizeOption } from "./gradient-optimizer.ts";

const rmspropShape = {
  lr: searchable(learningRate.default(1e-2), { low: 1e-5, high: 1, scale: "log" }).describe(
    "learning rate >= 0, or a schedule config",
  ),
  alpha: z
    .number()
    .min(0)
    .lt(1)
    .default(0.99)
    .describe("decay α of the mean square, in [0, 1) (PyTorch 0.99; the lecture suggests 0.9)"),
  eps: z.number().min(0).default(1e-8).describe("added to the root mean square in the denominator, >= 0"),
  momentum: z.number().min(0).lt(1).default(0).describe("momentum μ in [0, 1) on the normalised step"),
  centered: z
    .boolean()
    .default(false)
    .describe("centred (Graves 2013): divide by an estimate of the gradient's standard deviation"),
  weightDecay: z.number().min(0).default(0).describe("coupled L2 weight decay λ >= 0 (g ← g + λ·p)"),
  size: sizeOption,
};

/** `{ kind: "rmsprop" }`: RMSprop (Tieleman & Hinton 2012) with PyTorch's defaults. */
export const rmspropConfig = z
  .strictObject({ kind: z.literal("rmsprop").describe("the optimizer"), ...rmspropShape })
  .describe("RMSprop (Tieleman & Hinton 2012), PyTorch's form and defaults");

const rmspropOptions = z.strictObject(rmspropShape);

/**
 * Options of `RmsProp`: its config without `kind`; `lr` may also be a `Schedule`.
 * @interface
 */
export type RmsPropOptions = Omit<z.input<typeof rmspropOptions>, "lr"> & { lr?: LearningRate };
/** The config an `RmsProp` reports, every default filled in. */
export type RmsPropConfig = Omit<z.output<typeof rmspropConfig>, "size">;

/**
 * RMSprop as PyTorch computes it:
 * - v ← α·v + (1 − α)·g²
 * - centred only: ḡ ← α·ḡ + (1 − α)·g, and the denominator uses v − ḡ² in place of v (Graves 2013,
 *   "Generating Sequences With Recurrent Neural Networks", eqs. 38–41)
 * - d = √v + ε (ε outside the root, as PyTorch; TensorFlow puts it inside)
 * - without momentum: p ← p − lr·g/d;  with momentum μ: b ← μ·b + g/d;  p ← p − lr·b
 *
 * Defaults lr 1e-2, α 0.99, ε 1e-8 (PyTorch). The lecture's own example uses α = 0.9.
 * FLOPs per parameter: 9, +5 centred, +2 momentum, +2 weight decay.
 *
 * @example
 * ```ts
 * import { RmsProp } from "@arena/backprop";
 * const opt = new RmsProp({ lr: 1e-3, alpha: 0.9, centered: true });
 * ```
 */
export class RmsProp extends BaseOptimizer<RmsPropConfig> {
  private readonly alpha: number;
  private readonly eps: number;
  private readonly momentum: number;
  private readonly centered: boolean;
  private readonly weightDecay: number;

  constructor(options: RmsPropOptions = {}) {
    const { size, ...o } = parseOptions("RmsProp", rmspropOptions, lrAsJson(options));
    const config = { kind: "rmsprop" as const, ...o };
    const names = ["squareAvg"];
    if (config.centered) names.push("gradAvg");
    if (config.momentum !== 0) names.push("momentumBuffer");
    const flops =
      9 + (config.centered ? 5 : 0) + (config.momentum !== 0 ? 2 : 0) + (config.weightDecay !== 0 ? 2 : 0);
    super("RmsProp", config, names, flops);
    this.alpha = config.alpha;
    this.eps = config.eps;
    this.momentum = config.momentum;
    this.centered = config.centered;
    this.weightDecay = config.weightDecay;
    this.presize(size);
  }

  protected update(params: Float32Array, grads: Float32Array, lr: number): void {
    const n = params.length;
    const alpha = this.alpha;
    const oneMinusAlpha = 1 - alpha;
    const eps = this.eps;
    const wd = this.weightDecay;
    const mu = this.momentum;
    const v = this.buffers[0];
    // Buffers that a config lacks are aliased to v and never touched: the flags below guard every use.
    const gAvg = this.centered ? this.buffers[1] : v;
    const b = mu !== 0 ? this.buffers[this.buffers.length - 1] : v;
    const centered = this.centered;
    for (let i = 0; i < n; i++) {
      const p = params[i];
      const g = wd !== 0 ? grads[i] + wd * p : grads[i];
      const vi = alpha * v[i] + oneMinusAlpha * (g * g);
      v[i] = vi;
      let d: number;
      if (centered) {
        const ga = alpha * gAvg[i] + oneMinusAlpha * g;
        gAvg[i] = ga;
        // v ≥ ḡ² in exact arithmetic; rounding can push the difference a hair below 0 when g barely varies.
        d = Math.sqrt(Math.max(vi - ga * ga, 0)) + eps;
      } else {
        d = Math.sqrt(vi) + eps;
      }
      if (mu !== 0) {
        const bi = mu * b[i] + g / d;
        b[i] = bi;
        params[i] = p - lr * bi;
      } else {
        params[i] = p - (lr * g) / d;
      }
    }
  }
}
