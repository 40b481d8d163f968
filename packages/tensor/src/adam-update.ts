/**
 * The Adam family's parameter update as a kernel (the loop of `@arena/backprop`'s Adam and AdamW, with
 * AMSGrad): elementwise, so backends may vectorise it and split it over threads, and every backend
 * computes each element with the same float64 operations in the same order, so all give the same bits.
 */
import { checkDim, checkVector } from "./checks.ts";
import { allFinite } from "./reductions.ts";

/**
 * One step's scalars (the per-step work the optimizer does once): decays β1 and β2, ε, the
 * bias-corrected step size lr / (1 − β1^t), 1 / √(1 − β2^t), coupled L2 decay `l2` (0: none) and the
 * decoupled shrink factor 1 − lr·λ (1: none).
 */
export interface AdamCoefficients {
  beta1: number;
  beta2: number;
  eps: number;
  stepSize: number;
  invSqrtBc2: number;
  l2: number;
  shrink: number;
}

/** Checks the sizes of an adamUpdate call (shared by every backend, so each fails the same way). */
export function checkAdamUpdate(
  n: number,
  params: Float32Array,
  pOff: number,
  grads: Float32Array,
  gOff: number,
  m: Float64Array,
  v: Float64Array,
  vMax: Float64Array | null,
  sOff: number,
  backup: Float32Array | null = null,
): void {
  checkDim("adamUpdate", "n", n);
  checkVector("adamUpdate", "params", params, pOff, n);
  checkVector("adamUpdate", "grads", grads, gOff, n);
  checkVector("adamUpdate", "m", m, sOff, n);
  checkVector("adamUpdate", "v", v, sOff, n);
  if (vMax !== null) checkVector("adamUpdate", "vMax", vMax, sOff, n);
  if (backup !== null) checkVector("adamUpdate", "backup", backup, pOff, n);
}

/**
 * Adam's update of n parameters in place (see {@link AdamCoefficients}), moments m, v (and the AMSGrad
 * maximum vMax, or null) from `sOff`:
 * g ← grads + l2·p; m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; with AMSGrad v ← vMax ← max(vMax, v);
 * p ← shrink·p − stepSize·m / (√v·invSqrtBc2 + ε), in float64, p rounded once to float32.
 * With `sumSquares`, first returns Σ grads[i]² over the n gradients, accumulated in index order in one
 * float64 (the order of backprop's `gradNorm`, not of `norm2`); else returns 0.
 * With `backup` (indexed as params, from `pOff`), the step undoes itself when it goes wrong: the
 * parameters are copied there first, and when an updated parameter is not finite (a non-finite gradient,
 * or a step that overflows float32) they are copied back and the result is NaN. The moments keep the
 * failed step: the caller stops. So a trainer needs neither a finiteness check of the gradient before
 * nor of the parameters after, and the copy and the check ride on the update's own pass.
 */
export function adamUpdate(
  n: number,
  c: AdamCoefficients,
  params: Float32Array,
  pOff: number,
  grads: Float32Array,
  gOff: number,
  m: Float64Array,
  v: Float64Array,
  vMax: Float64Array | null,
  sOff: number,
  sumSquares = false,
  backup: Float32Array | null = null,
): number {
  checkAdamUpdate(n, params, pOff, grads, gOff, m, v, vMax, sOff, backup);
  const s = sumSquares ? sumOfSquaresInOrder(n, grads, gOff) : 0;
  if (backup === null) {
    adamRange(0, n, c, params, pOff, grads, gOff, m, v, vMax, sOff);
    return s;
  }
  backup.set(params.subarray(pOff, pOff + n), pOff);
  adamRange(0, n, c, params, pOff, grads, gOff, m, v, vMax, sOff);
  return allFinite(n, params, pOff) ? s : undoUpdate(n, params, pOff, backup);
}

/** Copies the n parameters from `pOff` back from `backup` and returns NaN: a step that went wrong. */
export function undoUpdate(n: number, params: Float32Array, pOff: number, backup: Float32Array): number {
  params.set(backup.subarray(pOff, pOff + n), pOff);
  return Number.NaN;
}

/** Σ x[i]² for i < n from `off`, in index order in one float64 accumulator. */
export function sumOfSquaresInOrder(n: number, x: Float32Array, off: number): number {
  let s = 0;
  for (let i = off; i < off + n; i++) {
    const g = x[i];
    s += g * g;
  }
  return s;
}

/** The update of elements [start, end) (sizes already checked); the reference loop. */
export function adamRange(
  start: number,
  end: number,
  c: AdamCoefficients,
  params: Float32Array,
  pOff: number,
  grads: Float32Array,
  gOff: number,
  m: Float64Array,
  v: Float64Array,
  vMax: Float64Array | null,
  sOff: number,
): void {
  const { beta1: b1, beta2: b2, eps, stepSize, invSqrtBc2, l2, shrink } = c;
  const c1 = 1 - b1;
  const c2 = 1 - b2;
  for (let i = start; i < end; i++) {
    const p = params[pOff + i];
    const s = sOff + i;
    const g = l2 !== 0 ? grads[gOff + i] + l2 * p : grads[gOff + i];
    const mi = b1 * m[s] + c1 * g;
    let vi = b2 * v[s] + c2 * (g * g);
    m[s] = mi;
    v[s] = vi;
    // With AMSGrad the denominator reads vMax, the running maximum of v; otherwise v itself.
    if (vMax !== null) {
      if (vMax[s] > vi) vi = vMax[s];
      else vMax[s] = vi;
    }
    const step = (stepSize * mi) / (Math.sqrt(vi) * invSqrtBc2 + eps);
    params[pOff + i] = (shrink !== 1 ? p * shrink : p) - step;
  }
}
