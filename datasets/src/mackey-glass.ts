import { parseOptions } from "@arena/options";
import { type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import { type OptionsInput, withRule } from "./options.ts";

/**
 * The standard Mackey–Glass constants: dx/dt = β·x(t−τ)/(1 + x(t−τ)^n) − γ·x(t) with β = 0.2, γ = 0.1,
 * n = 10 (Mackey & Glass 1977, "Oscillation and chaos in physiological control systems", Science 197:287),
 * and τ = 17, the delay at which the series is chaotic and which time-series prediction papers use
 * (e.g. Lapedes & Farber 1987; Jang 1993, ANFIS).
 */
export const MACKEY_GLASS = { beta: 0.2, gamma: 0.1, n: 10, tau: 17 } as const;

/** value / step when value is a positive multiple of step (to 1e-9 relative), else undefined. */
function multipleOf(value: number, step: number): number | undefined {
  const k = Math.round(value / step);
  return k < 1 || Math.abs(k * step - value) > 1e-9 * Math.max(1, value) ? undefined : k;
}

export const mackeyGlassOptions = withRule(
  z.strictObject({
    length: z.number().int().min(1).max(10_000_000).default(1000).describe("samples in the series"),
    tau: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(MACKEY_GLASS.tau)
      .describe("delay τ (17: mildly chaotic; 30: more chaotic)"),
    sampleInterval: z
      .number()
      .gt(0)
      .max(1_000)
      .default(1)
      .describe("time between samples (a multiple of step)"),
    step: z
      .number()
      .gt(0)
      .max(1)
      .default(0.1)
      .describe("RK4 integration step (τ and sampleInterval must be multiples of it, τ at least 3 steps)"),
    washout: z
      .number()
      .min(0)
      .max(1e7)
      .default(1000)
      .describe("time integrated and discarded before the first sample (transient)"),
    initial: z.number().gt(0).max(100).default(1.2).describe("constant history x(t) for −τ ≤ t ≤ 0"),
    noise: z
      .number()
      .min(0)
      .max(100)
      .default(0)
      .describe("standard deviation of Gaussian observation noise added to each sample"),
  }),
  (o) => {
    const m = multipleOf(o.tau, o.step);
    if (m === undefined) return ["tau", `expected a positive multiple of step = ${o.step} (got ${o.tau})`];
    if (m < 3)
      return ["step", `expected at most tau / 3 = ${o.tau / 3} for the interpolation (got ${o.step})`];
    if (multipleOf(o.sampleInterval, o.step) === undefined)
      return ["sampleInterval", `expected a positive multiple of step = ${o.step} (got ${o.sampleInterval})`];
    return undefined;
  },
);

/**
 * Integrates the Mackey–Glass delay differential equation (constants in `MACKEY_GLASS`) by the classical
 * fourth-order Runge–Kutta method with a fixed step h. The delayed term at the full steps falls on stored
 * grid points (τ is a multiple of h); at the half step RK4 needs x(t − τ + h/2), which is taken by 4-point
 * Lagrange interpolation of the stored history, O(h⁴) like RK4 itself (one-sided next to the derivative
 * jumps that the constant initial history causes at t = 0, τ, 2τ, 3τ, 4τ), so the whole scheme is
 * fourth order: halving h cuts the error about 16-fold. Only the last τ/h + 2 values are
 * kept (a ring buffer), so long series need little memory. The result is deterministic; `rng` only draws
 * the optional observation noise.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { mackeyGlassSeries } from "@arena/datasets";
 * const s = mackeyGlassSeries(new Rng(1), { length: 500 });
 * console.log(s.length, Math.min(...s) > 0.2, Math.max(...s) < 1.4); // 500 true true
 * ```
 */
export function mackeyGlassSeries(
  rng: RngLike,
  options: OptionsInput<typeof mackeyGlassOptions> = {},
): Float64Array {
  rng = toRng(rng, "mackeyGlassSeries");
  const o = parseOptions("mackey-glass", mackeyGlassOptions, options);
  const h = o.step;
  // The schema checked that both are multiples of the step.
  const m = multipleOf(o.tau, h) as number;
  const sub = multipleOf(o.sampleInterval, h) as number;
  const wash = Math.round(o.washout / h);
  const { beta, gamma, n: p } = MACKEY_GLASS;
  const f = (x: number, xd: number) => (beta * xd) / (1 + xd ** p) - gamma * x;
  // The constant history makes x' jump at t = 0, x'' at t = τ, and so on; interpolating across such a
  // jump would cost RK4 its order, so the first few are interpolated from one side.
  const kinks = 4 * m;
  const R = m + 3;
  const ring = new Float64Array(R);
  const x0 = o.initial;
  // x at grid index j (time j·h); indices <= 0 are the constant history.
  const at = (j: number) => (j <= 0 ? x0 : ring[j % R]);
  const out = new Float64Array(o.length);
  let x = x0;
  ring[0] = x0;
  let k = 0;
  const total = wash + (o.length - 1) * sub;
  let next = wash;
  let filled = 0;
  for (;;) {
    if (k === next) {
      out[filled++] = x;
      if (filled === o.length) break;
      next += sub;
    }
    const j = k - m;
    const d0 = at(j);
    const d1 = at(j + 1);
    let dh: number;
    if (j >= 0 && j <= kinks && j % m === 0) {
      // x(t) has a derivative jump at grid point j (t = 0, τ, 2τ, …): interpolate from the right only.
      dh = (5 * d0 + 15 * d1 - 5 * at(j + 2) + at(j + 3)) / 16;
    } else if (j + 1 >= 0 && j + 1 <= kinks && (j + 1) % m === 0) {
      // ... or at grid point j + 1: interpolate from the left only.
      dh = (5 * d1 + 15 * d0 - 5 * at(j - 1) + at(j - 2)) / 16;
    } else {
      dh = (-at(j - 1) + 9 * d0 + 9 * d1 - at(j + 2)) / 16;
    }
    const k1 = f(x, d0);
    const k2 = f(x + 0.5 * h * k1, dh);
    const k3 = f(x + 0.5 * h * k2, dh);
    const k4 = f(x + h * k3, d1);
    x += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    k++;
    ring[k % R] = x;
    if (k > total) break;
  }
  if (o.noise > 0) for (let i = 0; i < out.length; i++) out[i] += rng.normal(0, o.noise);
  return out;
}
