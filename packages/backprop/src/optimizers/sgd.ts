/**
 * Stochastic gradient descent (Robbins & Monro 1951), with heavy-ball momentum or Nesterov momentum,
 * in PyTorch's form.
 */
import type { LearningRate, ScheduleConfig } from "../schedules.ts";
import { BaseOptimizer } from "./gradient-optimizer.ts";
import {
  booleanOption,
  checkKeys,
  type Interval,
  NON_NEGATIVE,
  numberOption,
  UNIT_HALF_OPEN,
} from "./option-checks.ts";

/** Default learning rate of the SGD family: PyTorch's `torch.optim.SGD` default (1e-3). */
export const SGD_DEFAULT_LR = 1e-3;
/** Default momentum of the `momentum` and `nesterov` kinds: the customary 0.9 (Sutskever et al. 2013 use 0.9–0.999). */
export const DEFAULT_MOMENTUM = 0.9;

/** Options of `Sgd`. */
export interface SgdOptions {
  /** Learning rate or schedule. Default 1e-3. */
  lr?: LearningRate;
  /** Momentum μ in [0, 1). Default 0 (plain SGD). */
  momentum?: number;
  /** Nesterov momentum (needs momentum > 0). Default false. */
  nesterov?: boolean;
  /** Coupled L2 weight decay λ >= 0: the gradient becomes g + λ·p before anything else. Default 0. */
  weightDecay?: number;
  /** Parameter-vector length, to allocate state now rather than at the first step. */
  size?: number;
}

/** Options of `Momentum` and `Nesterov`. */
export interface MomentumOptions {
  /** Learning rate or schedule. Default 1e-3. */
  lr?: LearningRate;
  /** Momentum μ in (0, 1). Default 0.9. */
  momentum?: number;
  /** Coupled L2 weight decay λ >= 0. Default 0. */
  weightDecay?: number;
  /** Parameter-vector length, to allocate state now rather than at the first step. */
  size?: number;
}

export interface SgdConfig {
  kind: "sgd";
  lr: number | ScheduleConfig;
  momentum: number;
  nesterov: boolean;
  weightDecay: number;
}

export interface MomentumConfig {
  kind: "momentum" | "nesterov";
  lr: number | ScheduleConfig;
  momentum: number;
  weightDecay: number;
}

type SgdFamilyConfig = SgdConfig | MomentumConfig;

const SGD_KEYS = ["lr", "momentum", "nesterov", "weightDecay", "size"] as const;
const MOMENTUM_KEYS = ["lr", "momentum", "weightDecay", "size"] as const;
const OPEN_UNIT: Interval = {
  min: 0,
  max: 1,
  minOpen: true,
  maxOpen: true,
};

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

  protected constructor(
    name: string,
    config: Omit<C, "lr"> & { lr: LearningRate },
    nesterov: boolean,
    size: number | undefined,
  ) {
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
    const o = checkKeys("Sgd", options, SGD_KEYS);
    const momentum = numberOption("Sgd", o, "momentum", 0, UNIT_HALF_OPEN);
    const nesterov = booleanOption("Sgd", o, "nesterov", false);
    if (nesterov && momentum === 0) {
      throw new RangeError("Sgd: nesterov needs momentum > 0, got momentum 0");
    }
    const weightDecay = numberOption("Sgd", o, "weightDecay", 0, NON_NEGATIVE);
    super(
      "Sgd",
      { kind: "sgd", lr: options.lr ?? SGD_DEFAULT_LR, momentum, nesterov, weightDecay },
      nesterov,
      options.size,
    );
  }
}

function momentumConfig(name: string, kind: "momentum" | "nesterov", options: MomentumOptions) {
  const o = checkKeys(name, options, MOMENTUM_KEYS);
  return {
    kind,
    lr: options.lr ?? SGD_DEFAULT_LR,
    momentum: numberOption(name, o, "momentum", DEFAULT_MOMENTUM, OPEN_UNIT),
    weightDecay: numberOption(name, o, "weightDecay", 0, NON_NEGATIVE),
  };
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
    super("Momentum", momentumConfig("Momentum", "momentum", options), false, options.size);
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
    super("Nesterov", momentumConfig("Nesterov", "nesterov", options), true, options.size);
  }
}
