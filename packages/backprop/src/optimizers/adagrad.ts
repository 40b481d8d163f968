/**
 * Adagrad (Duchi, Hazan & Singer 2011, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization", diagonal version), in PyTorch's form.
 */
import type { LearningRate, ScheduleConfig } from "../schedules.ts";
import { BaseOptimizer } from "./gradient-optimizer.ts";
import { checkKeys, NON_NEGATIVE, numberOption } from "./option-checks.ts";

/** Options of `Adagrad`; defaults are PyTorch's `torch.optim.Adagrad`. */
export interface AdagradOptions {
  /** Learning rate or schedule. Default 1e-2. */
  lr?: LearningRate;
  /** Added to √s in the denominator. Default 1e-10. */
  eps?: number;
  /** Starting value of every accumulator s. Default 0. */
  initialAccumulator?: number;
  /** Coupled L2 weight decay λ >= 0 (g ← g + λ·p). Default 0. */
  weightDecay?: number;
  /** Parameter-vector length, to allocate state now rather than at the first step. */
  size?: number;
}

export interface AdagradConfig {
  kind: "adagrad";
  lr: number | ScheduleConfig;
  eps: number;
  initialAccumulator: number;
  weightDecay: number;
}

const KEYS = ["lr", "eps", "initialAccumulator", "weightDecay", "size"] as const;

/**
 * Adagrad: s ← s + g²;  p ← p − lr·g / (√s + ε). Each coordinate's step shrinks with the squared
 * gradients it has seen, so rarely-updated coordinates keep large steps. Defaults lr 1e-2, ε 1e-10,
 * s₀ = 0 (PyTorch). PyTorch's `lr_decay` is left out: a schedule does the same job.
 * FLOPs per parameter: 7, +2 with weight decay.
 *
 * @example
 * ```ts
 * import { Adagrad } from "@arena/backprop";
 * const opt = new Adagrad({ lr: 0.1 });
 * const p = new Float32Array([3]);
 * for (let i = 0; i < 100; i++) opt.step(p, new Float32Array([2 * p[0]]));
 * ```
 */
export class Adagrad extends BaseOptimizer<AdagradConfig> {
  private readonly eps: number;
  private readonly initialAccumulator: number;
  private readonly weightDecay: number;

  constructor(options: AdagradOptions = {}) {
    const o = checkKeys("Adagrad", options, KEYS);
    const config = {
      kind: "adagrad" as const,
      lr: options.lr ?? 1e-2,
      eps: numberOption("Adagrad", o, "eps", 1e-10, NON_NEGATIVE),
      initialAccumulator: numberOption("Adagrad", o, "initialAccumulator", 0, NON_NEGATIVE),
      weightDecay: numberOption("Adagrad", o, "weightDecay", 0, NON_NEGATIVE),
    };
    super("Adagrad", config, ["sum"], 7 + (config.weightDecay !== 0 ? 2 : 0));
    this.eps = config.eps;
    this.initialAccumulator = config.initialAccumulator;
    this.weightDecay = config.weightDecay;
    if (options.size !== undefined) this.presize(options.size);
  }

  protected override initBuffers(): void {
    this.buffers[0].fill(this.initialAccumulator);
  }

  protected update(params: Float32Array, grads: Float32Array, lr: number): void {
    const n = params.length;
    const s = this.buffers[0];
    const eps = this.eps;
    const wd = this.weightDecay;
    for (let i = 0; i < n; i++) {
      const p = params[i];
      const g = wd !== 0 ? grads[i] + wd * p : grads[i];
      const si = s[i] + g * g;
      s[i] = si;
      params[i] = p - (lr * g) / (Math.sqrt(si) + eps);
    }
  }
}
