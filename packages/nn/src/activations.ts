import { isActivationKind, type Kernels } from "@arena/tensor";
import { sigmoidApprox, tanhApprox } from "./tanh-approx.ts";

/**
 * Elementwise activations and their derivatives, as whole-buffer loops: one `switch` per call, never
 * a callback per element. tanh, sigmoid and GELU go through the float32-accurate rational tanh of
 * `tanh-approx.ts` (the one Eigen and XLA use), 3–4× cheaper than Math.tanh.
 *
 * Constants: leaky ReLU slope 0.01 (Maas, Hannun & Ng 2013); ELU α = 1 (Clevert, Unterthiner &
 * Hochreiter 2016); GELU uses the tanh approximation of Hendrycks & Gimpel (2016),
 * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), which is what GPT-2 and BERT use.
 */

/** The elementwise activations. `softmax` is not among them: it is an output, handled with the loss. */
export const ACTIVATIONS = [
  "sigmoid",
  "tanh",
  "relu",
  "leaky-relu",
  "elu",
  "softplus",
  "gelu",
  "linear",
] as const;

export type Activation = (typeof ACTIVATIONS)[number];

/** Slope of leaky ReLU for negative inputs (Maas et al. 2013). */
export const LEAKY_RELU_SLOPE = 0.01;
/** ELU's α (Clevert et al. 2016). */
export const ELU_ALPHA = 1;
const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_K = 0.044715;

/** True when `name` is one of {@link ACTIVATIONS}. */
export function isActivation(name: unknown): name is Activation {
  return typeof name === "string" && (ACTIVATIONS as readonly string[]).includes(name);
}

/** σ(x) = 1 / (1 + e^−x), as the models compute it (within 1.3e-7; see tanh-approx.ts). */
export function sigmoid(x: number): number {
  return sigmoidApprox(x);
}

/** softplus(x) = log(1 + e^x), stable for large |x|. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** The scalar form of an activation (for tests and reference code; the models use the buffer loops). */
export function activate(kind: Activation, x: number): number {
  switch (kind) {
    case "sigmoid":
      return sigmoid(x);
    case "tanh":
      return tanhApprox(x);
    case "relu":
      return Math.max(x, 0);
    case "leaky-relu":
      return x > 0 ? x : LEAKY_RELU_SLOPE * x;
    case "elu":
      return x > 0 ? x : ELU_ALPHA * Math.expm1(x);
    case "softplus":
      return softplus(x);
    case "gelu":
      return 0.5 * x * (1 + tanhApprox(GELU_C * (x + GELU_K * x * x * x)));
    case "linear":
      return x;
  }
}

/** The scalar derivative f′(x), given x and y = f(x). */
export function activationDerivative(kind: Activation, x: number, y: number): number {
  switch (kind) {
    case "sigmoid":
      return y * (1 - y);
    case "tanh":
      return 1 - y * y;
    case "relu":
      return x > 0 ? 1 : 0;
    case "leaky-relu":
      return x > 0 ? 1 : LEAKY_RELU_SLOPE;
    case "elu":
      return x > 0 ? 1 : y + ELU_ALPHA;
    case "softplus":
      return 1 / (1 + Math.exp(-x));
    case "gelu": {
      const t = tanhApprox(GELU_C * (x + GELU_K * x * x * x));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * x * x);
    }
    case "linear":
      return 1;
  }
}

/**
 * y = f(z) over `rows` rows of `cols` entries: z at zOff with row stride ldz, y at yOff with stride ldy.
 * y may alias z (same offsets and strides).
 */
export function activationForward(
  kind: Activation,
  rows: number,
  cols: number,
  z: Float32Array,
  zOff: number,
  ldz: number,
  y: Float32Array,
  yOff: number,
  ldy: number,
): void {
  if (cols === ldz && cols === ldy) {
    activationForwardFlat(kind, rows * cols, z, zOff, y, yOff);
    return;
  }
  for (let r = 0; r < rows; r++) activationForwardFlat(kind, cols, z, zOff + r * ldz, y, yOff + r * ldy);
}

/**
 * y[i] = f(z[i]) for n contiguous entries; y may alias z. Each activation's loop is its own small
 * function so that V8 inlines the scalar math into it (one big switch exceeded its inlining budget
 * and ran tanh at half speed).
 */
export function activationForwardFlat(
  kind: Activation,
  n: number,
  z: Float32Array,
  zOff: number,
  y: Float32Array,
  yOff: number,
): void {
  switch (kind) {
    case "sigmoid":
      sigmoidRange(n, z, zOff, y, yOff);
      return;
    case "tanh":
      tanhRange(n, z, zOff, y, yOff);
      return;
    case "relu":
      reluRange(n, z, zOff, y, yOff);
      return;
    case "leaky-relu":
      leakyReluRange(n, z, zOff, y, yOff);
      return;
    case "elu":
      eluRange(n, z, zOff, y, yOff);
      return;
    case "softplus":
      softplusRange(n, z, zOff, y, yOff);
      return;
    case "gelu":
      geluRange(n, z, zOff, y, yOff);
      return;
    case "linear":
      if (y !== z || yOff !== zOff) y.set(z.subarray(zOff, zOff + n), yOff);
      return;
  }
}

function sigmoidRange(n: number, z: Float32Array, zOff: number, y: Float32Array, yOff: number): void {
  for (let i = 0; i < n; i++) y[yOff + i] = sigmoidApprox(z[zOff + i]);
}

function tanhRange(n: number, z: Float32Array, zOff: number, y: Float32Array, yOff: number): void {
  for (let i = 0; i < n; i++) y[yOff + i] = tanhApprox(z[zOff + i]);
}

function reluRange(n: number, z: Float32Array, zOff: number, y: Float32Array, yOff: number): void {
  for (let i = 0; i < n; i++) y[yOff + i] = Math.max(z[zOff + i], 0);
}

function leakyReluRange(n: number, z: Float32Array, zOff: number, y: Float32Array, yOff: number): void {
  for (let i = 0; i < n; i++) {
    const x = z[zOff + i];
    y[yOff + i] = x > 0 ? x : LEAKY_RELU_SLOPE * x;
  }
}

function eluRange(n: number, z: Float32Array, zOff: number, y: Float32Array, yOff: number): void {
  for (let i = 0; i < n; i++) {
    const x = z[zOff + i];
    y[yOff + i] = x > 0 ? x : ELU_ALPHA * Math.expm1(x);
  }
}

function softplusRange(n: number, z: Float32Array, zOff: number, y: Float32Array, yOff: number): void {
  for (let i = 0; i < n; i++) {
    const x = z[zOff + i];
    y[yOff + i] = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }
}

function geluRange(n: number, z: Float32Array, zOff: number, y: Float32Array, yOff: number): void {
  for (let i = 0; i < n; i++) {
    const x = z[zOff + i];
    y[yOff + i] = 0.5 * x * (1 + tanhApprox(GELU_C * (x + GELU_K * x * x * x)));
  }
}

/**
 * dz[i] = dy[i] · f′(z[i]) for n contiguous entries, given the pre-activation z and the output y = f(z)
 * (each derivative uses whichever is cheaper). dz may alias dy.
 */
export function activationBackwardFlat(
  kind: Activation,
  n: number,
  z: Float32Array,
  zOff: number,
  y: Float32Array,
  yOff: number,
  dy: Float32Array,
  dyOff: number,
  dz: Float32Array,
  dzOff: number,
): void {
  switch (kind) {
    case "sigmoid":
      for (let i = 0; i < n; i++) {
        const s = y[yOff + i];
        dz[dzOff + i] = dy[dyOff + i] * s * (1 - s);
      }
      return;
    case "tanh":
      for (let i = 0; i < n; i++) {
        const t = y[yOff + i];
        dz[dzOff + i] = dy[dyOff + i] * (1 - t * t);
      }
      return;
    case "relu":
      for (let i = 0; i < n; i++) dz[dzOff + i] = z[zOff + i] > 0 ? dy[dyOff + i] : 0;
      return;
    case "leaky-relu":
      for (let i = 0; i < n; i++) {
        const g = dy[dyOff + i];
        dz[dzOff + i] = z[zOff + i] > 0 ? g : LEAKY_RELU_SLOPE * g;
      }
      return;
    case "elu":
      for (let i = 0; i < n; i++) {
        const g = dy[dyOff + i];
        dz[dzOff + i] = z[zOff + i] > 0 ? g : g * (y[yOff + i] + ELU_ALPHA);
      }
      return;
    case "softplus":
      for (let i = 0; i < n; i++) {
        dz[dzOff + i] = dy[dyOff + i] / (1 + Math.exp(-z[zOff + i]));
      }
      return;
    case "gelu":
      for (let i = 0; i < n; i++) {
        const x = z[zOff + i];
        const t = tanhApprox(GELU_C * (x + GELU_K * x * x * x));
        const d = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * x * x);
        dz[dzOff + i] = dy[dyOff + i] * d;
      }
      return;
    case "linear":
      if (dz !== dy || dzOff !== dyOff) for (let i = 0; i < n; i++) dz[dzOff + i] = dy[dyOff + i];
      return;
  }
}

/**
 * y = f(z) for n contiguous entries through the backend: tanh, sigmoid, relu and linear run as the
 * backend's `activation` kernel (WebAssembly SIMD on that backend; on the TypeScript one the same
 * float64 formulas as {@link activationForwardFlat}, bit for bit), the other kinds in the loops here.
 * y may alias z.
 */
export function activationForwardKernel(
  k: Kernels,
  kind: Activation,
  n: number,
  z: Float32Array,
  zOff: number,
  y: Float32Array,
  yOff: number,
): void {
  if (isActivationKind(kind)) k.activation(kind, n, z, zOff, y, yOff);
  else activationForwardFlat(kind, n, z, zOff, y, yOff);
}

/**
 * dz = dy ⊙ f′ for n contiguous entries through the backend: tanh, sigmoid, relu and linear as its
 * `activationGrad` kernel, which needs only the output y (relu's [z > 0] is [y > 0]), the other kinds
 * through {@link activationBackwardFlat}. dz may alias dy.
 */
export function activationBackwardKernel(
  k: Kernels,
  kind: Activation,
  n: number,
  z: Float32Array,
  zOff: number,
  y: Float32Array,
  yOff: number,
  dy: Float32Array,
  dyOff: number,
  dz: Float32Array,
  dzOff: number,
): void {
  if (isActivationKind(kind)) k.activationGrad(kind, n, y, yOff, dy, dyOff, dz, dzOff);
  else activationBackwardFlat(kind, n, z, zOff, y, yOff, dy, dyOff, dz, dzOff);
}

/**
 * Whether the activation's derivative needs the pre-activation z (otherwise y = f(z) suffices and z
 * need not be kept apart from y).
 */
export function derivativeNeedsInput(kind: Activation): boolean {
  return kind === "relu" || kind === "leaky-relu" || kind === "elu" || kind === "softplus" || kind === "gelu";
}

/** FLOPs charged per element for an activation, forward and backward (see README: a nonlinearity counts 1). */
export function activationFlops(kind: Activation): { forward: number; backward: number } {
  return kind === "linear" ? { forward: 0, backward: 0 } : { forward: 1, backward: 2 };
}
