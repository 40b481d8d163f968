import type { Model, Samples } from "./model.ts";

/** Options of {@link checkGradient}. */
export interface GradientCheckOptions {
  /** Finite-difference step; default 1e-3 (see below). */
  h?: number;
  /** Relative tolerance; default 1e-2. */
  rtol?: number;
  /** Absolute tolerance per unit of loss, the float32 noise floor of the difference quotient; default 1e-4. */
  atol?: number;
  /** Indices to check; default all. */
  indices?: ArrayLike<number>;
}

export interface GradientCheckFailure {
  index: number;
  analytic: number;
  numeric: number;
}

export interface GradientCheckResult {
  /** True when every checked entry is within tolerance. */
  ok: boolean;
  checked: number;
  /** Largest |analytic − numeric| / (atol·max(1, |f|) + rtol·max(|analytic|, |numeric|)); ≤ 1 passes. */
  worst: number;
  /** ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖) over the checked entries. */
  relativeError: number;
  failures: GradientCheckFailure[];
}

/**
 * Compares an analytic gradient with central finite differences of `loss` (which must read `params`):
 * numeric_i = (f(p + h·e_i) − f(p − h·e_i)) / (p_i⁺ − p_i⁻), the denominator being the step actually
 * taken once p_i ± h is rounded to float32.
 *
 * Why these tolerances: the models compute in float32 (unit roundoff 6e-8) and accumulate the loss in
 * float64, so f carries a relative rounding error of order 1e-7; dividing by 2h = 2e-3 turns that into
 * an absolute error of order 5e-5·|f| in the quotient, under the floor atol·max(1, |f|) = 1e-4·max(1, |f|).
 * The central difference's truncation error is h²/6·f‴ ≈ 2e-7·f‴, far under rtol = 1e-2 even for a
 * recurrent net over ten steps, whose f‴ is large (at h = 1e-2 it already shows: a few entries miss
 * by 5%). A wrong backward term (a missing factor, a transposed index, a dropped path) is off by O(1)
 * relative, a hundred times the tolerance. Kinks (ReLU at 0, |w| at 0) within h of a parameter break
 * the assumption; callers skip or avoid those entries.
 *
 * @example
 * ```ts
 * import { checkGradient } from "@arena/nn";
 * const p = new Float32Array([0.3, -0.7]);
 * const f = () => Math.sin(p[0]) * p[1];
 * const g = [Math.cos(p[0]) * p[1], Math.sin(p[0])];
 * console.log(checkGradient(f, p, g).ok); // true
 * ```
 */
export function checkGradient(
  loss: () => number,
  params: Float32Array,
  analytic: ArrayLike<number>,
  opts: GradientCheckOptions = {},
): GradientCheckResult {
  for (const key of Object.keys(opts)) {
    if (!["h", "rtol", "atol", "indices"].includes(key)) {
      throw new RangeError(`checkGradient: unknown option "${key}"; expected h, rtol, atol, indices`);
    }
  }
  const h = opts.h ?? 1e-3;
  const rtol = opts.rtol ?? 1e-2;
  const f0 = loss();
  const atol = (opts.atol ?? 1e-4) * Math.max(1, Math.abs(f0));
  if (analytic.length !== params.length) {
    throw new RangeError(
      `checkGradient: analytic gradient has ${analytic.length} entries, params has ${params.length}`,
    );
  }
  const indices = opts.indices ?? Array.from({ length: params.length }, (_, i) => i);
  const failures: GradientCheckFailure[] = [];
  let worst = 0;
  let diff2 = 0;
  let a2 = 0;
  let n2 = 0;
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j];
    const p0 = params[i];
    params[i] = p0 + h;
    const up = params[i];
    const fUp = loss();
    params[i] = p0 - h;
    const down = params[i];
    const fDown = loss();
    params[i] = p0;
    const numeric = (fUp - fDown) / (up - down);
    const a = analytic[i];
    const err = Math.abs(a - numeric) / (atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)));
    if (!(err <= 1)) failures.push({ index: i, analytic: a, numeric });
    if (err > worst || Number.isNaN(err)) worst = err;
    diff2 += (a - numeric) ** 2;
    a2 += a * a;
    n2 += numeric * numeric;
  }
  const scale = Math.sqrt(Math.max(a2, n2));
  return {
    ok: failures.length === 0,
    checked: indices.length,
    worst,
    relativeError: scale === 0 ? 0 : Math.sqrt(diff2) / scale,
    failures,
  };
}

/**
 * Gradient check of a whole model on `data`: the analytic gradient of one training forward/backward
 * (no dropout) against finite differences of `model.loss(data)`, which runs the separate inference
 * path, so the check also ties the two paths together. Restores `grads` to zero afterwards.
 */
export function checkModelGradient(
  model: Model,
  data: Samples,
  opts: GradientCheckOptions = {},
): GradientCheckResult {
  model.zeroGrads();
  model.forward(data.x, data.n);
  model.backward(data.y);
  const analytic = Float64Array.from(model.grads);
  model.zeroGrads();
  return checkGradient(() => model.loss(data), model.params, analytic, opts);
}
