/**
 * Adagrad (Duchi, Hazan & Singer 2011, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization", diagonal version), in PyTorch's form.
 */
import { parseOptions, searchable } from "@arena/options";
import * as z from "zod";
import { type LearningRate, learningRate, lrAsJson } from "../schedules.ts";
import { BaseOptimizer, sizeOption } from "./gradient-optimizer.ts";

const adagradShape = {
  lr: searchable(learningRate.default(1e-2), { low: 1e-5, high: 1, scale: "log" }).describe(
    "learning rate >= 0, or a schedule config",
  ),
  eps: z.number().min(0).default(1e-10).describe("added to √s in the denominator, >= 0"),
  initialAccumulator: z.number().min(0).default(0).describe("starting value of every accumulator s, >= 0"),
  weightDecay: z.number().min(0).default(0).describe("coupled L2 weight decay λ >= 0 (g ← g + λ·p)"),
  size: sizeOption,
};

/** `{ kind: "adagrad" }`: Adagrad (Duchi et al. 2011) with PyTorch's defaults. */
export const adagradConfig = z
  .strictObject({ kind: z.literal("adagrad").describe("the optimizer"), ...adagradShape })
  .describe("Adagrad (Duchi, Hazan & Singer 2011), PyTorch's defaults");

const adagradOptions = z.strictObject(adagradShape);

/**
 * Options of `Adagrad`: its config without `kind`; `lr` may also be a `Schedule`.
 * @interface
 */
export type AdagradOptions = Omit<z.input<typeof adagradOptions>, "lr"> & { lr?: LearningRate };
/** The config an `Adagrad` reports, every default filled in. */
export type AdagradConfig = Omit<z.output<typeof adagradConfig>, "size">;

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
    const { size, ...o } = parseOptions("Adagrad", adagradOptions, lrAsJson(options));
    const config = { kind: "adagrad" as const, ...o };
    super("Adagrad", config, ["sum"], 7 + (config.weightDecay !== 0 ? 2 : 0));
    this.eps = config.eps;
    this.initialAccumulator = config.initialAccumulator;
    this.weightDecay = config.weightDecay;
    this.presize(size);
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
