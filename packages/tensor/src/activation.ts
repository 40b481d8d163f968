import { checkDim, checkVector } from "./checks.ts";
import type { ActivationKind } from "./kernels.ts";

/**
 * The activation kernels of the TypeScript backend: y = f(x) and dx = dy ⊙ f′ from the output y, for
 * the activations that dominate training (tanh, sigmoid, ReLU, identity). Arithmetic is float64,
 * rounded once per element on store, exactly as nn's activation loops did before these kernels
 * existed, so models give bit-identical results on this backend.
 *
 * tanh is the rational minimax approximation Eigen, XLA and ONNX Runtime (MLAS) use for float32:
 * x·P(x²)/Q(x²), P of degree 6 and Q of degree 3 in x², input clamped to ±7.9053. Evaluated in
 * float64 its largest error against Math.tanh is 2.6e-7 (about 2 float32 ulps), below what storing
 * the result in a Float32Array already loses, and it is 3–4× cheaper than Math.tanh in V8.
 * σ(x) = ½ + ½·tanh(x/2) inherits the same absolute error (1.3e-7).
 */

/** The activation kinds the kernels implement, in the order of their WebAssembly codes. */
export const ACTIVATION_KINDS = ["tanh", "sigmoid", "relu", "linear"] as const;

/** True when `kind` is one of {@link ACTIVATION_KINDS}. */
export function isActivationKind(kind: unknown): kind is ActivationKind {
  return typeof kind === "string" && (ACTIVATION_KINDS as readonly string[]).includes(kind);
}

/** Throws a RangeError naming `kind` when it is not an {@link ActivationKind}. */
export function checkActivationKind(fn: string, kind: unknown): asserts kind is ActivationKind {
  if (!isActivationKind(kind)) {
    throw new RangeError(`${fn}: kind must be one of ${ACTIVATION_KINDS.join(", ")}, got ${String(kind)}`);
  }
}

/** |x| beyond which the rational tanh is clamped (its value there rounds to ±1 in float32). */
const TANH_CLAMP = 7.905311107635498;
/** Numerator coefficients of the rational tanh (Eigen's `generic_fast_tanh_float`), odd powers. */
const TANH_P = [
  4.89352455891786e-3, 6.37261928875436e-4, 1.48572235717979e-5, 5.12229709037114e-8, -8.60467152213735e-11,
  2.00018790482477e-13, -2.76076847742355e-16,
] as const;
/** Denominator coefficients of the rational tanh, even powers. */
const TANH_Q = [4.89352518554385e-3, 2.268434632439e-3, 1.18534705686654e-4, 1.19825839466702e-6] as const;

const [A1, A3, A5, A7, A9, A11, A13] = TANH_P;
const [B0, B2, B4, B6] = TANH_Q;

/**
 * tanh(x) to within 2.6e-7, by the rational approximation above (float64 arithmetic); NaN in, NaN out.
 *
 * @example
 * ```ts
 * import { tanhApprox } from "@arena/tensor";
 * console.log(Math.abs(tanhApprox(0.5) - Math.tanh(0.5)) < 3e-7); // true
 * ```
 */
export function tanhApprox(x: number): number {
  const c = Math.min(Math.max(x, -TANH_CLAMP), TANH_CLAMP);
  const x2 = c * c;
  const p = c * (A1 + x2 * (A3 + x2 * (A5 + x2 * (A7 + x2 * (A9 + x2 * (A11 + x2 * A13))))));
  const q = B0 + x2 * (B2 + x2 * (B4 + x2 * B6));
  return p / q;
}

/** σ(x) = 1/(1 + e^−x) as ½ + ½·tanh(x/2), to within 1.3e-7 absolute. */
export function sigmoidApprox(x: number): number {
  return 0.5 + 0.5 * tanhApprox(0.5 * x);
}

/**
 * out[i] = f(x[i]) for n contiguous entries; `out` may alias `x` at the same offset. One small loop per
 * kind so that V8 inlines the scalar math into it (one big switch ran tanh at half speed).
 */
export function activation(
  kind: ActivationKind,
  n: number,
  x: Float32Array,
  xOff: number,
  out: Float32Array,
  outOff: number,
): void {
  checkActivationKind("activation", kind);
  checkDim("activation", "n", n);
  checkVector("activation", "x", x, xOff, n);
  checkVector("activation", "out", out, outOff, n);
  switch (kind) {
    case "tanh":
      tanhRange(n, x, xOff, out, outOff);
      return;
    case "sigmoid":
      sigmoidRange(n, x, xOff, out, outOff);
      return;
    case "relu":
      reluRange(n, x, xOff, out, outOff);
      return;
    case "linear":
      if (out !== x || outOff !== xOff) out.set(x.subarray(xOff, xOff + n), outOff);
      return;
  }
}

function tanhRange(n: number, x: Float32Array, xOff: number, out: Float32Array, outOff: number): void {
  for (let i = 0; i < n; i++) out[outOff + i] = tanhApprox(x[xOff + i]);
}

function sigmoidRange(n: number, x: Float32Array, xOff: number, out: Float32Array, outOff: number): void {
  for (let i = 0; i < n; i++) out[outOff + i] = sigmoidApprox(x[xOff + i]);
}

function reluRange(n: number, x: Float32Array, xOff: number, out: Float32Array, outOff: number): void {
  for (let i = 0; i < n; i++) out[outOff + i] = Math.max(x[xOff + i], 0);
}

/**
 * dx[i] = dy[i] · f′ at the output y[i] = f(x[i]): tanh 1 − y², sigmoid y(1 − y), ReLU [y > 0], linear 1.
 * `dx` may alias `dy` (or `y`) at the same offset.
 */
export function activationGrad(
  kind: ActivationKind,
  n: number,
  y: Float32Array,
  yOff: number,
  dy: Float32Array,
  dyOff: number,
  dx: Float32Array,
  dxOff: number,
): void {
  checkActivationKind("activationGrad", kind);
  checkDim("activationGrad", "n", n);
  checkVector("activationGrad", "y", y, yOff, n);
  checkVector("activationGrad", "dy", dy, dyOff, n);
  checkVector("activationGrad", "dx", dx, dxOff, n);
  switch (kind) {
    case "tanh":
      for (let i = 0; i < n; i++) {
        const t = y[yOff + i];
        dx[dxOff + i] = dy[dyOff + i] * (1 - t * t);
      }
      return;
    case "sigmoid":
      for (let i = 0; i < n; i++) {
        const s = y[yOff + i];
        dx[dxOff + i] = dy[dyOff + i] * s * (1 - s);
      }
      return;
    case "relu":
      for (let i = 0; i < n; i++) dx[dxOff + i] = y[yOff + i] > 0 ? dy[dyOff + i] : 0;
      return;
    case "linear":
      if (dx !== dy || dxOff !== dyOff) dx.set(dy.subarray(dyOff, dyOff + n), dxOff);
      return;
  }
}
