/**
 * Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019), in PyTorch's form, each with the
 * AMSGrad option (Reddi, Kale & Kumar 2018).
 */
import type { LearningRate, ScheduleConfig } from "../schedules.ts";
import { BaseOptimizer } from "./gradient-optimizer.ts";
import { booleanOption, checkKeys, NON_NEGATIVE, numberOption, UNIT_HALF_OPEN } from "./option-checks.ts";

/** Options of `Adam` and `AdamW`. */
export interface AdamOptions {
  /** Learning rate (α in the paper) or schedule. Default 1e-3. */
  lr?: LearningRate;
  /** Decay β1 of the first moment, in [0, 1). Default 0.9. */
  beta1?: number;
  /** Decay β2 of the second moment, in [0, 1). Default 0.999. */
  beta2?: number;
  /** Added to √v̂ in the denominator. Default 1e-8. */
  eps?: number;
  /**
   * Weight decay λ >= 0. `Adam`: coupled L2, g ← g + λ·p (default 0, as PyTorch's Adam).
   * `AdamW`: decoupled, p ← p − lr·λ·p (default 1e-2, as PyTorch's AdamW).
   */
  weightDecay?: number;
  /**
   * AMSGrad (Reddi, Kale & Kumar 2018, "On the Convergence of Adam and Beyond"): divide by the largest
   * second moment seen so far, so the effective step size never grows, which fixes Adam's
   * non-convergence on the paper's counterexamples. Default false.
   */
  amsgrad?: boolean;
  /** Parameter-vector length, to allocate state now rather than at the first step. */
  size?: number;
}

export interface AdamConfig {
  kind: "adam" | "adamw";
  lr: number | ScheduleConfig;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
}

const KEYS = ["lr", "beta1", "beta2", "eps", "weightDecay", "amsgrad", "size"] as const;

function adamConfig(name: string, kind: "adam" | "adamw", options: AdamOptions, defaultDecay: number) {
  const o = checkKeys(name, options, KEYS);
  return {
    kind,
    lr: options.lr ?? 1e-3,
    beta1: numberOption(name, o, "beta1", 0.9, UNIT_HALF_OPEN),
    beta2: numberOption(name, o, "beta2", 0.999, UNIT_HALF_OPEN),
    eps: numberOption(name, o, "eps", 1e-8, NON_NEGATIVE),
    weightDecay: numberOption(name, o, "weightDecay", defaultDecay, NON_NEGATIVE),
    amsgrad: booleanOption(name, o, "amsgrad", false),
  };
}

/**
 * The shared Adam loop; `decoupled` picks where weight decay goes. PyTorch's order for AdamW is
 * p ← p·(1 − lr·λ) and then the Adam step; the Adam step does not read p, so computing both from the old p
 * and rounding once to float32 is the same update.
 */
abstract class AdamFamily extends BaseOptimizer<AdamConfig> {
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly weightDecay: number;
  private readonly decoupled: boolean;
  private readonly amsgrad: boolean;

  protected constructor(
    name: string,
    config: ReturnType<typeof adamConfig>,
    decoupled: boolean,
    size?: number,
  ) {
    const decayFlops = config.weightDecay === 0 ? 0 : decoupled ? 1 : 2;
    // AMSGrad keeps a third buffer, the running maximum of v, and pays one comparison for it.
    const names = config.amsgrad ? ["m", "v", "vMax"] : ["m", "v"];
    super(name, config, names, 13 + decayFlops + (config.amsgrad ? 1 : 0));
    this.beta1 = config.beta1;
    this.beta2 = config.beta2;
    this.eps = config.eps;
    this.weightDecay = config.weightDecay;
    this.decoupled = decoupled;
    this.amsgrad = config.amsgrad;
    this.presize(size);
  }

  protected update(params: Float32Array, grads: Float32Array, lr: number, t: number): void {
    const n = params.length;
    const m = this.buffers[0];
    const v = this.buffers[1];
    const b1 = this.beta1;
    const b2 = this.beta2;
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    const eps = this.eps;
    const stepSize = lr / (1 - b1 ** t);
    const invSqrtBc2 = 1 / Math.sqrt(1 - b2 ** t);
    const l2 = this.decoupled ? 0 : this.weightDecay;
    const shrink = this.decoupled ? 1 - lr * this.weightDecay : 1;
    // With AMSGrad the denominator reads vMax, the running maximum of v; otherwise v itself.
    const vMax = this.amsgrad ? this.buffers[2] : null;
    for (let i = 0; i < n; i++) {
      const p = params[i];
      const g = l2 !== 0 ? grads[i] + l2 * p : grads[i];
      const mi = b1 * m[i] + c1 * g;
      let vi = b2 * v[i] + c2 * (g * g);
      m[i] = mi;
      v[i] = vi;
      if (vMax !== null) {
        if (vMax[i] > vi) vi = vMax[i];
        else vMax[i] = vi;
      }
      const step = (stepSize * mi) / (Math.sqrt(vi) * invSqrtBc2 + eps);
      params[i] = (shrink !== 1 ? p * shrink : p) - step;
    }
  }
}

/**
 * Adam, Algorithm 1 of Kingma & Ba (2015), "Adam: A Method for Stochastic Optimization", with the
 * paper's defaults lr 1e-3, β1 0.9, β2 0.999, ε 1e-8. At step t = 1, 2, …:
 * - m ← β1·m + (1 − β1)·g;   v ← β2·v + (1 − β2)·g²
 * - m̂ = m / (1 − β1^t);      v̂ = v / (1 − β2^t)          (bias correction: m and v start at 0)
 * - p ← p − lr·m̂ / (√v̂ + ε)
 *
 * computed as PyTorch does, p ← p − (lr / (1 − β1^t))·m / (√v / √(1 − β2^t) + ε), which is the same
 * expression. `weightDecay` here is coupled L2 (added to g), as in PyTorch's Adam; for decoupled decay
 * use `AdamW`. With `amsgrad: true`, v̂ is replaced by max(v̂_max, v̂) (PyTorch's form: the maximum of
 * the uncorrected v is kept and bias-corrected with the current step's 1 − β2^t). FLOPs per parameter:
 * 13, +2 with weight decay, +1 with AMSGrad.
 *
 * @example
 * ```ts
 * import { Adam } from "@arena/backprop";
 * const opt = new Adam({ lr: 0.05 });
 * const p = new Float32Array([3, -1]);
 * const g = new Float32Array(2);
 * for (let i = 0; i < 500; i++) {
 *   for (let j = 0; j < 2; j++) g[j] = 2 * p[j]; // gradient of |p|^2
 *   opt.step(p, g);
 * }
 * ```
 */
export class Adam extends AdamFamily {
  constructor(options: AdamOptions = {}) {
    super("Adam", adamConfig("Adam", "adam", options, 0), false, options.size);
  }
}

/**
 * AdamW (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization"): Adam whose weight decay
 * shrinks the parameters directly instead of entering the gradient, so it is not rescaled by the
 * adaptive denominator: p ← p − lr·λ·p − lr·m̂ / (√v̂ + ε). Defaults lr 1e-3, β1 0.9, β2 0.999, ε 1e-8,
 * λ 1e-2 (PyTorch's AdamW). As in PyTorch the decay is multiplied by the scheduled lr, which plays the
 * part of the paper's schedule multiplier η_t (so λ here is the paper's λ divided by α).
 * FLOPs per parameter: 14 (13 without decay).
 *
 * @example
 * ```ts
 * import { AdamW } from "@arena/backprop";
 * const opt = new AdamW({ lr: 1e-3, weightDecay: 0.05 });
 * ```
 */
export class AdamW extends AdamFamily {
  constructor(options: AdamOptions = {}) {
    super("AdamW", adamConfig("AdamW", "adamw", options, 1e-2), true, options.size);
  }
}
