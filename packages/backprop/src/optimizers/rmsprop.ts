/**
 * RMSprop (Tieleman & Hinton 2012, COURSERA "Neural Networks for Machine Learning", lecture 6.5), in
 * PyTorch's form, with the optional centred variant (Graves 2013) and momentum.
 */
import type { LearningRate, ScheduleConfig } from "../schedules.ts";
import { BaseOptimizer } from "./gradient-optimizer.ts";
import { booleanOption, checkKeys, NON_NEGATIVE, numberOption, UNIT_HALF_OPEN } from "./option-checks.ts";

/** Options of `RmsProp`; defaults are PyTorch's `torch.optim.RMSprop`. */
export interface RmsPropOptions {
  /** Learning rate or schedule. Default 1e-2. */
  lr?: LearningRate;
  /** Decay α of the mean square, in [0, 1). Default 0.99 (PyTorch; the lecture suggests 0.9). */
  alpha?: number;
  /** Added to the root mean square in the denominator. Default 1e-8. */
  eps?: number;
  /** Momentum μ in [0, 1) on the normalised step. Default 0. */
  momentum?: number;
  /** Centred: divide by an estimate of the gradient's standard deviation, not its RMS. Default false. */
  centered?: boolean;
  /** Coupled L2 weight decay λ >= 0 (g ← g + λ·p). Default 0. */
  weightDecay?: number;
  /** Parameter-vector length, to allocate state now rather than at the first step. */
  size?: number;
}

export interface RmsPropConfig {
  kind: "rmsprop";
  lr: number | ScheduleConfig;
  alpha: number;
  eps: number;
  momentum: number;
  centered: boolean;
  weightDecay: number;
}

const KEYS = ["lr", "alpha", "eps", "momentum", "centered", "weightDecay", "size"] as const;

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
    const o = checkKeys("RmsProp", options, KEYS);
    const config = {
      kind: "rmsprop" as const,
      lr: options.lr ?? 1e-2,
      alpha: numberOption("RmsProp", o, "alpha", 0.99, UNIT_HALF_OPEN),
      eps: numberOption("RmsProp", o, "eps", 1e-8, NON_NEGATIVE),
      momentum: numberOption("RmsProp", o, "momentum", 0, UNIT_HALF_OPEN),
      centered: booleanOption("RmsProp", o, "centered", false),
      weightDecay: numberOption("RmsProp", o, "weightDecay", 0, NON_NEGATIVE),
    };
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
    this.presize(options.size);
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
