/**
 * Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019), in PyTorch's form, each with the
 * AMSGrad option (Reddi, Kale & Kumar 2018).
 */
import { parseOptions, searchable } from "@arena/options";
import { type AdamCoefficients, adamUpdate } from "@arena/tensor";
import * as z from "zod";
import { type LearningRate, learningRate, lrAsJson } from "../schedules.ts";
import { BaseOptimizer, sizeOption } from "./gradient-optimizer.ts";

/** The options of Adam and AdamW; only the default weight decay differs. */
function adamShape(defaultDecay: number) {
  return {
    lr: searchable(learningRate.default(1e-3), { low: 1e-5, high: 1, scale: "log" }).describe(
      "learning rate (α in the paper) >= 0, or a schedule config",
    ),
    beta1: z.number().min(0).lt(1).default(0.9).describe("decay β1 of the first moment, in [0, 1)"),
    beta2: z.number().min(0).lt(1).default(0.999).describe("decay β2 of the second moment, in [0, 1)"),
    eps: z.number().min(0).default(1e-8).describe("added to √v̂ in the denominator, >= 0"),
    weightDecay: z
      .number()
      .min(0)
      .default(defaultDecay)
      .describe(
        defaultDecay === 0
          ? "coupled L2 weight decay λ >= 0: g ← g + λ·p (as PyTorch's Adam)"
          : "decoupled weight decay λ >= 0: p ← p − lr·λ·p (as PyTorch's AdamW)",
      ),
    amsgrad: z
      .boolean()
      .default(false)
      .describe("AMSGrad (Reddi et al. 2018): divide by the largest second moment seen so far"),
    size: sizeOption,
  };
}

/** `{ kind: "adam" }`: Adam (Kingma & Ba 2015) with the paper's defaults. */
export const adamConfig = z
  .strictObject({ kind: z.literal("adam").describe("the optimizer"), ...adamShape(0) })
  .describe("Adam (Kingma & Ba 2015), coupled L2 weight decay");
/** `{ kind: "adamw" }`: AdamW (Loshchilov & Hutter 2019), weight decay 1e-2 by default. */
export const adamwConfig = z
  .strictObject({ kind: z.literal("adamw").describe("the optimizer"), ...adamShape(1e-2) })
  .describe("AdamW (Loshchilov & Hutter 2019), decoupled weight decay");

const adamOptions = z.strictObject(adamShape(0));
const adamwOptions = z.strictObject(adamShape(1e-2));

/**
 * Options of `Adam` and `AdamW`: their config without `kind`; `lr` may also be a `Schedule`.
 * `weightDecay` is coupled L2 for `Adam` (default 0), decoupled for `AdamW` (default 1e-2).
 * @interface
 */
export type AdamOptions = Omit<z.input<typeof adamOptions>, "lr"> & { lr?: LearningRate };
/** The config an `Adam` or `AdamW` reports, every default filled in. */
export type AdamConfig = Omit<z.output<typeof adamConfig> | z.output<typeof adamwConfig>, "size">;

/**
 * The shared Adam loop; `decoupled` picks where weight decay goes. PyTorch's order for AdamW is
 * p ← p·(1 − lr·λ) and then the Adam step; the Adam step does not read p, so computing both from the old p
 * and rounding once to float32 is the same update.
 */
abstract class AdamFamily extends BaseOptimizer<AdamConfig> {
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly weightDecay: number;
  private readonly decoupled: boolean;
  private readonly amsgrad: boolean;
  /** This step's scalars, rewritten in place each step (no allocation). */
  private readonly coeffs: AdamCoefficients;

  protected constructor(name: string, config: AdamConfig, decoupled: boolean, size?: number) {
    const decayFlops = config.weightDecay === 0 ? 0 : decoupled ? 1 : 2;
    // AMSGrad keeps a third buffer, the running maximum of v, and pays one comparison for it.
    const names = config.amsgrad ? ["m", "v", "vMax"] : ["m", "v"];
    super(name, config, names, 13 + decayFlops + (config.amsgrad ? 1 : 0));
    this.beta1 = config.beta1;
    this.beta2 = config.beta2;
    this.weightDecay = config.weightDecay;
    this.decoupled = decoupled;
    this.amsgrad = config.amsgrad;
    const coeffs = { beta1: config.beta1, beta2: config.beta2, eps: config.eps };
    this.coeffs = { ...coeffs, stepSize: 0, invSqrtBc2: 1, l2: 0, shrink: 1 };
    this.presize(size);
  }

  protected override hasKernel(): boolean {
    return true;
  }

  protected update(params: Float32Array, grads: Float32Array, lr: number, t: number): void {
    this.run(params, grads, lr, t, false);
  }

  protected override updateAndNorm(
    params: Float32Array,
    grads: Float32Array,
    lr: number,
    t: number,
    backup: Float32Array | null,
  ): number {
    return Math.sqrt(this.run(params, grads, lr, t, true, backup));
  }

  /**
   * The update through the backend's kernel when it has one (same bits); with `sum`, returns Σ g²;
   * with `backup`, NaN for a step it undid (see tensor's adamUpdate).
   */
  private run(
    params: Float32Array,
    grads: Float32Array,
    lr: number,
    t: number,
    sum: boolean,
    backup: Float32Array | null = null,
  ): number {
    const c = this.coeffs;
    c.stepSize = lr / (1 - this.beta1 ** t);
    c.invSqrtBc2 = 1 / Math.sqrt(1 - this.beta2 ** t);
    c.l2 = this.decoupled ? 0 : this.weightDecay;
    c.shrink = this.decoupled ? 1 - lr * this.weightDecay : 1;
    // With AMSGrad the denominator reads vMax, the running maximum of v (see tensor's adamUpdate).
    const vMax = this.amsgrad ? this.buffers[2] : null;
    const [m, v] = this.buffers;
    const n = params.length;
    const k = this.kernels;
    if (k?.adamUpdate) return k.adamUpdate(n, c, params, 0, grads, 0, m, v, vMax, 0, sum, backup);
    return adamUpdate(n, c, params, 0, grads, 0, m, v, vMax, 0, sum, backup);
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
    const { size, ...o } = parseOptions("Adam", adamOptions, lrAsJson(options));
    super("Adam", { kind: "adam", ...o }, false, size);
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
    const { size, ...o } = parseOptions("AdamW", adamwOptions, lrAsJson(options));
    super("AdamW", { kind: "adamw", ...o }, true, size);
  }
}
