/**
 * Stochastic gradient descent (Robbins & Monro 1951), with heavy-ball momentum or Nesterov momentum,
 * in PyTorch's form.
 */
import { parseOptions, searchable } from "@arena/options";
import * as z from "zod";
import { type LearningRate, learningRate, lrAsJson } from "../schedules.ts";
import { BaseOptimizer, sizeOption } from "./gradient-optimizer.ts";

/** Default learning rate of the SGD family: PyTorch's `torch.optim.SGD` default (1e-3). */
export const SGD_DEFAULT_LR = 1e-3;
/** Default momentum of the `momentum` and `nesterov` kinds: the customary 0.9 (Sutskever et al. 2013 use 0.9–0.999). */
export const DEFAULT_MOMENTUM = 0.9;

const weightDecay = z
  .number()
  .min(0)
  .default(0)
  .describe("coupled L2 weight decay λ >= 0: the gradient becomes g + λ·p before anything else");

/** The SGD family's default learning-rate search: log-uniform over five decades. */
const SGD_LR_RANGE = { low: 1e-4, high: 10, scale: "log" } as const;

const sgdShape = {
  lr: searchable(learningRate.default(SGD_DEFAULT_LR), SGD_LR_RANGE).describe(
    "learning rate >= 0, or a schedule config",
  ),
  momentum: z.number().min(0).lt(1).default(0).describe("momentum μ in [0, 1); 0 is plain SGD"),
  nesterov: z.boolean().default(false).describe("Nesterov momentum (needs momentum > 0)"),
  weightDecay,
  size: sizeOption,
};

function nesterovNeedsMomentum(o: { momentum: number; nesterov: boolean }, ctx: z.RefinementCtx): void {
  if (o.nesterov && o.momentum === 0)
    ctx.addIssue({
      code: "custom",
      path: ["momentum"],
      input: 0,
      message: "expected > 0 with nesterov: true",
    });
}

const momentumShape = {
  lr: searchable(learningRate.default(SGD_DEFAULT_LR), SGD_LR_RANGE).describe(
    "learning rate >= 0, or a schedule config",
  ),
  momentum: searchable(z.number().positive().lt(1).default(DEFAULT_MOMENTUM), {
    low: 0.5,
    high: 0.99,
  }).describe("momentum μ in (0, 1)"),
  weightDecay,
  size: sizeOption,
};

/** `{ kind: "sgd" }`: plain SGD, or with heavy-ball or Nesterov momentum (PyTorch's `SGD`). */
export const sgdConfig = z
  .strictObject({ kind: z.literal("sgd").describe("the optimizer"), ...sgdShape })
  .superRefine(nesterovNeedsMomentum)
  .describe("SGD as PyTorch's torch.optim.SGD (no dampening)");
/** `{ kind: "momentum" }`: heavy-ball momentum (Polyak 1964), momentum 0.9 by default. */
export const momentumConfig = z
  .strictObject({ kind: z.literal("momentum").describe("the optimizer"), ...momentumShape })
  .describe("heavy-ball momentum (Polyak 1964) in PyTorch's form");
/** `{ kind: "nesterov" }`: Nesterov momentum (Nesterov 1983; Sutskever et al. 2013). */
export const nesterovConfig = z
  .strictObject({ kind: z.literal("nesterov").describe("the optimizer"), ...momentumShape })
  .describe("Nesterov momentum (Sutskever et al. 2013) in PyTorch's form");

const sgdOptions = z.strictObject(sgdShape).superRefine(nesterovNeedsMomentum);
const momentumOptions = z.strictObject(momentumShape);

/**
 * Options of `Sgd`: its config without `kind`; `lr` may also be a `Schedule`.
 * @interface
 */
export type SgdOptions = Omit<z.input<typeof sgdOptions>, "lr"> & { lr?: LearningRate };
/**
 * Options of `Momentum` and `Nesterov`.
 * @interface
 */
export type MomentumOptions = Omit<z.input<typeof momentumOptions>, "lr"> & { lr?: LearningRate };
/** The config an `Sgd` reports, every default filled in. */
export type SgdConfig = Omit<z.output<typeof sgdConfig>, "size">;
/** The config a `Momentum` or `Nesterov` reports. */
export type MomentumConfig = Omit<z.output<typeof momentumConfig> | z.output<typeof nesterovConfig>, "size">;

type SgdFamilyConfig = SgdConfig | MomentumConfig;

/**
 * One loop for the three SGD variants. PyTorch's form (no dampening), with g the gradient, plus λ·p
 * when weight decay is set:
 * - plain:     p ← p − lr·g
 * - heavy ball (Polyak 1964): v ← μ·v + g;  p ← p − lr·v
 * - Nesterov (Nesterov 1983; Sutskever et al. 2013): v ← μ·v + g;  p ← p − lr·(g + μ·v)
 *
 * v starts at 0, so the first step has v = g, as in PyTorch. Sutskever et al. write the heavy ball as
 * v ← μ·v − lr·g; p ← p + v, which is the same trajectory while lr is constant; PyTorch's velocity is in
 * gradient units, so a scheduled lr rescales the accumulated velocity at once. The Nesterov line is
 * Sutskever's look-ahead update rewritten in terms of the look-ahead parameters (Bengio et al. 2013,
 * "Advances in optimizing recurrent networks"), so only the gradient at the current params is needed.
 */
abstract class SgdFamily<C extends SgdFamilyConfig> extends BaseOptimizer<C> {
  private readonly momentum: number;
  private readonly nesterov: boolean;
  private readonly weightDecay: number;

  protected constructor(name: string, config: C, nesterov: boolean, size: number | undefined) {
    const mu = config.momentum;
    const flops = (mu === 0 ? 2 : nesterov ? 6 : 4) + (config.weightDecay !== 0 ? 2 : 0);
    super(name, config, mu === 0 ? [] : ["velocity"], flops);
    this.momentum = mu;
    this.nesterov = nesterov;
    this.weightDecay = config.weightDecay;
    this.presize(size);
  }

  protected update(params: Float32Array, grads: Float32Array, lr: number): void {
    const n = params.length;
    const wd = this.weightDecay;
    const mu = this.momentum;
    if (mu === 0) {
      for (let i = 0; i < n; i++) {
        const p = params[i];
        const g = wd !== 0 ? grads[i] + wd * p : grads[i];
        params[i] = p - lr * g;
      }
      return;
    }
    const v = this.buffers[0];
    if (this.nesterov) {
      for (let i = 0; i < n; i++) {
        const p = params[i];
        const g = wd !== 0 ? grads[i] + wd * p : grads[i];
        const vi = mu * v[i] + g;
        v[i] = vi;
        params[i] = p - lr * (g + mu * vi);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const p = params[i];
        const g = wd !== 0 ? grads[i] + wd * p : grads[i];
        const vi = mu * v[i] + g;
        v[i] = vi;
        params[i] = p - lr * vi;
      }
    }
  }
}

/**
 * SGD as PyTorch's `torch.optim.SGD` (without dampening): plain, heavy-ball momentum, or Nesterov,
 * with optional coupled L2 weight decay. FLOPs per parameter: 2 plain, 4 momentum, 6 Nesterov, +2 with
 * weight decay.
 *
 * @example
 * ```ts
 * import { Sgd } from "@arena/backprop";
 * const opt = new Sgd({ lr: 0.1, momentum: 0.9, nesterov: true });
 * const p = new Float32Array([1, -2]);
 * opt.step(p, new Float32Array([2, -4])); // gradient of |p|^2
 * ```
 */
export class Sgd extends SgdFamily<SgdConfig> {
  constructor(options: SgdOptions = {}) {
    const { size, ...o } = parseOptions("Sgd", sgdOptions, lrAsJson(options));
    super("Sgd", { kind: "sgd", ...o }, o.nesterov, size);
  }
}

/**
 * Heavy-ball momentum (Polyak 1964) in PyTorch's form: v ← μ·v + g; p ← p − lr·v. Momentum 0.9 by
 * default. Same as `new Sgd({ momentum })`, under its own kind so suites can name it.
 *
 * @example
 * ```ts
 * import { Momentum } from "@arena/backprop";
 * const opt = new Momentum({ lr: 0.01 }); // momentum 0.9
 * ```
 */
export class Momentum extends SgdFamily<MomentumConfig> {
  constructor(options: MomentumOptions = {}) {
    const { size, ...o } = parseOptions("Momentum", momentumOptions, lrAsJson(options));
    super("Momentum", { kind: "momentum", ...o }, false, size);
  }
}

/**
 * Nesterov momentum (Nesterov 1983; Sutskever et al. 2013) in PyTorch's form: v ← μ·v + g;
 * p ← p − lr·(g + μ·v). Momentum 0.9 by default.
 *
 * @example
 * ```ts
 * import { Nesterov } from "@arena/backprop";
 * const opt = new Nesterov({ lr: 0.01, momentum: 0.95 });
 * ```
 */
export class Nesterov extends SgdFamily<MomentumConfig> {
  constructor(options: MomentumOptions = {}) {
    const { size, ...o } = parseOptions("Nesterov", momentumOptions, lrAsJson(options));
    super("Nesterov", { kind: "nesterov", ...o }, true, size);
  }
}
