import type { Kernels } from "@arena/tensor";
import { type Activation, activationBackwardFlat, activationForward, isActivation } from "./activations.ts";

/**
 * Output layers and losses. The output activation is fused with its natural loss so that the
 * gradient with respect to the logits is formed directly and stays stable:
 * - softmax + cross-entropy: loss = logsumexp(z) − Σ y·z per row (max-subtracted), dz = p·Σy − y;
 * - sigmoid + binary cross-entropy on logits: max(z, 0) − z·y + log(1 + e^−|z|), dz = σ(z) − y;
 * - any output + mean squared error: (f(z) − y)², through f′ (softmax through its Jacobian).
 *
 * Normalisation: cross-entropy is averaged over rows (samples); mean squared error and binary
 * cross-entropy are averaged over all rows × outputs entries (as Keras does).
 */

/** The output layer's activation: any elementwise {@link Activation}, or softmax over each row. */
export type OutputActivation = Activation | "softmax";

/** Losses: mean squared error, softmax cross-entropy, binary cross-entropy with logits. */
export const LOSSES = ["mse", "cross-entropy", "bce"] as const;
export type Loss = (typeof LOSSES)[number];

/** True when `name` names an output activation. */
export function isOutputActivation(name: unknown): name is OutputActivation {
  return name === "softmax" || isActivation(name);
}

/** The loss that goes with an output by default: softmax → cross-entropy, sigmoid → bce, else mse. */
export function defaultLoss(output: OutputActivation): Loss {
  return output === "softmax" ? "cross-entropy" : output === "sigmoid" ? "bce" : "mse";
}

/** The number a loss sum is divided by: rows for cross-entropy, rows × cols for the others. */
export function lossDenominator(loss: Loss, rows: number, cols: number): number {
  return loss === "cross-entropy" ? rows : rows * cols;
}

/**
 * a = f(z) for the output layer (rows × cols; z at zOff/ldz, a at aOff/lda; a may alias z).
 * Softmax subtracts each row's maximum so large logits do not overflow.
 */
export function outputForward(
  k: Kernels,
  out: OutputActivation,
  rows: number,
  cols: number,
  z: Float32Array,
  zOff: number,
  ldz: number,
  a: Float32Array,
  aOff: number,
  lda: number,
): void {
  if (out !== "softmax") {
    activationForward(out, rows, cols, z, zOff, ldz, a, aOff, lda);
    return;
  }
  k.softmaxRows(rows, cols, z, zOff, ldz, a, aOff, lda);
}

/**
 * The summed loss of `rows` predictions against targets y (rows × cols), and, when `dz` is given,
 * dz = gradScale · ∂(sum)/∂z (pass gradScale = 1 / lossDenominator for the mean's gradient).
 *
 * Inputs: z, the output layer's pre-activations (logits), is read by cross-entropy and bce and by the
 * activation derivative; a = f(z) is read by mse. Both may be the same buffer when only the loss is
 * wanted (dz null) and f has already been applied in place.
 */
export function outputLoss(
  k: Kernels,
  loss: Loss,
  out: OutputActivation,
  rows: number,
  cols: number,
  z: Float32Array,
  zOff: number,
  ldz: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  y: Float32Array,
  yOff: number,
  ldy: number,
  dz: Float32Array | null,
  dzOff: number,
  lddz: number,
  gradScale: number,
): number {
  switch (loss) {
    case "cross-entropy":
      return k.softmaxCrossEntropy(rows, cols, z, zOff, ldz, y, yOff, ldy, dz, dzOff, lddz, gradScale);
    case "bce":
      return bceWithLogitsRows(rows, cols, z, zOff, ldz, y, yOff, ldy, dz, dzOff, lddz, gradScale);
    case "mse":
      return mseRows(out, rows, cols, z, zOff, ldz, a, aOff, lda, y, yOff, ldy, dz, dzOff, lddz, gradScale);
  }
}

/** Binary cross-entropy on logits, per entry: max(z,0) − z·y + log1p(e^−|z|), never log(0). */
function bceWithLogitsRows(
  rows: number,
  cols: number,
  z: Float32Array,
  zOff: number,
  ldz: number,
  y: Float32Array,
  yOff: number,
  ldy: number,
  dz: Float32Array | null,
  dzOff: number,
  lddz: number,
  gradScale: number,
): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const zr = zOff + r * ldz;
    const yr = yOff + r * ldy;
    const dr = dzOff + r * lddz;
    for (let j = 0; j < cols; j++) {
      const x = z[zr + j];
      const t = y[yr + j];
      total += Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
      if (dz !== null) dz[dr + j] = gradScale * (1 / (1 + Math.exp(-x)) - t);
    }
  }
  return total;
}

/** Squared error of a = f(z); the gradient goes back through f′ (softmax: p ⊙ (g − Σ g·p)). */
function mseRows(
  out: OutputActivation,
  rows: number,
  cols: number,
  z: Float32Array,
  zOff: number,
  ldz: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  y: Float32Array,
  yOff: number,
  ldy: number,
  dz: Float32Array | null,
  dzOff: number,
  lddz: number,
  gradScale: number,
): number {
  let total = 0;
  const two = 2 * gradScale;
  for (let r = 0; r < rows; r++) {
    const ar = aOff + r * lda;
    const yr = yOff + r * ldy;
    const dr = dzOff + r * lddz;
    for (let j = 0; j < cols; j++) {
      const e = a[ar + j] - y[yr + j];
      total += e * e;
      if (dz !== null) dz[dr + j] = two * e;
    }
    if (dz === null || out === "linear") continue;
    if (out === "softmax") {
      let gp = 0;
      for (let j = 0; j < cols; j++) gp += dz[dr + j] * a[ar + j];
      for (let j = 0; j < cols; j++) dz[dr + j] = a[ar + j] * (dz[dr + j] - gp);
    } else {
      activationBackwardFlat(out, cols, z, zOff + r * ldz, a, ar, dz, dr, dz, dr);
    }
  }
  return total;
}

/**
 * Summed losses of `groups` models side by side: z is rows × (groups·cols), model g's outputs in
 * columns [g·cols, (g+1)·cols), all against the same targets y (rows × cols at yOff). Adds model g's
 * sum to acc[accOff + g]. For mse, z must already hold the output activation's values. One pass in
 * memory order, for `lossBatch`.
 */
export function groupedLossSums(
  loss: Loss,
  rows: number,
  cols: number,
  groups: number,
  z: Float32Array,
  y: Float32Array,
  yOff: number,
  acc: Float64Array,
  accOff: number,
): void {
  const ld = groups * cols;
  for (let r = 0; r < rows; r++) {
    const zr = r * ld;
    const yr = yOff + r * cols;
    if (loss === "cross-entropy") {
      let sumY = 0;
      for (let j = 0; j < cols; j++) sumY += y[yr + j];
      for (let g = 0; g < groups; g++) {
        const zg = zr + g * cols;
        let max = Number.NEGATIVE_INFINITY;
        for (let j = 0; j < cols; j++) if (z[zg + j] > max) max = z[zg + j];
        let s = 0;
        let yz = 0;
        for (let j = 0; j < cols; j++) {
          s += Math.exp(z[zg + j] - max);
          yz += y[yr + j] * z[zg + j];
        }
        acc[accOff + g] += sumY * (max + Math.log(s)) - yz;
      }
    } else if (loss === "bce") {
      for (let g = 0; g < groups; g++) {
        const zg = zr + g * cols;
        let t = 0;
        for (let j = 0; j < cols; j++) {
          const x = z[zg + j];
          t += Math.max(x, 0) - x * y[yr + j] + Math.log1p(Math.exp(-Math.abs(x)));
        }
        acc[accOff + g] += t;
      }
    } else {
      for (let g = 0; g < groups; g++) {
        const zg = zr + g * cols;
        let t = 0;
        for (let j = 0; j < cols; j++) {
          const e = z[zg + j] - y[yr + j];
          t += e * e;
        }
        acc[accOff + g] += t;
      }
    }
  }
}

/** FLOPs charged per output entry for the fused output activation + loss, forward and backward. */
export function lossFlops(loss: Loss, out: OutputActivation): { forward: number; backward: number } {
  // Counted as in the loops above, a nonlinearity (exp, log, tanh, …) counting 1.
  if (loss === "cross-entropy") return { forward: 5, backward: 3 };
  if (loss === "bce") return { forward: 6, backward: 4 };
  const act = out === "linear" ? 0 : out === "softmax" ? 4 : 1;
  return { forward: 3 + act, backward: 1 + (out === "linear" ? 0 : out === "softmax" ? 4 : 2) };
}
