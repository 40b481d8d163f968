import { floatsFromJson, floatsToJson, type JsonFloat } from "@arena/objectives";

/** Adam's moment decay rates and its denominator guard, as Kingma & Ba (2015) recommend them. */
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-8;

/** Plain-JSON state of an {@link Adam}. */
export interface AdamState {
  /** Steps taken (the bias corrections need it). */
  readonly t: number;
  readonly m: JsonFloat[];
  readonly v: JsonFloat[];
}

/**
 * A small Adam (Kingma & Ba 2015) over one float64 vector, the step OpenAI-ES takes on its gradient
 * estimate (Salimans et al. 2017 use Adam too). It is written here rather than taken from
 * `@arena/backprop` because an optimizer package must not depend on the network stack; it needs only
 * the plain update, with the bias corrections folded into the step size as in the paper's Algorithm 1:
 *
 *   m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²,
 *   θ ← θ − lr · √(1 − β2^t)/(1 − β1^t) · m / (√v + ε).
 *
 * Folding the corrections keeps the loop to one pass, and it is also what OpenAI's reference code does.
 */
export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(readonly dim: number) {
    this.m = new Float64Array(dim);
    this.v = new Float64Array(dim);
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.t;
  }

  /** One descent step of `params` along `grad`, in place. */
  step(params: Float64Array, grad: Float64Array, learningRate: number): void {
    const { m, v } = this;
    this.t++;
    const a = (learningRate * Math.sqrt(1 - ADAM_BETA2 ** this.t)) / (1 - ADAM_BETA1 ** this.t);
    for (let i = 0; i < params.length; i++) {
      const g = grad[i];
      m[i] = ADAM_BETA1 * m[i] + (1 - ADAM_BETA1) * g;
      v[i] = ADAM_BETA2 * v[i] + (1 - ADAM_BETA2) * g * g;
      params[i] -= (a * m[i]) / (Math.sqrt(v[i]) + ADAM_EPSILON);
    }
  }

  state(): AdamState {
    return { t: this.t, m: floatsToJson(this.m), v: floatsToJson(this.v) };
  }

  /** Restores a state written by `state()` (after a JSON round trip too); `owner` names the caller in errors. */
  restore(owner: string, s: AdamState): void {
    if (s === null || typeof s !== "object" || !Number.isSafeInteger(s.t) || s.t < 0) {
      throw new TypeError(`${owner}: state.adam must be { t, m, v } with t an integer >= 0`);
    }
    this.t = s.t;
    floatsFromJson(owner, "adam.m", s.m, this.dim, this.m);
    floatsFromJson(owner, "adam.v", s.v, this.dim, this.v);
  }
}
