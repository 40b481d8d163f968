import type { Rng } from "@arena/rng";
import type { StrategyParameters } from "./strategy-parameters.ts";
import { symmetricEigen } from "./symmetric-eigen.ts";

/**
 * The search distribution of one CMA-ES run, N(m, σ² C), with its evolution paths. The full model
 * keeps C (n × n, row-major, exactly symmetric: every update writes both triangles from one value)
 * and its eigendecomposition C = B·diag(D²)·Bᵀ, refreshed lazily; the diagonal model (sep-CMA-ES)
 * keeps only C's diagonal, so D = √C and B = I, and sampling costs O(n). All float64.
 */
export interface Distribution {
  readonly n: number;
  readonly diagonal: boolean;
  readonly params: StrategyParameters;
  readonly mean: Float64Array;
  sigma: number;
  /** Full: n × n row-major. Diagonal: the n diagonal entries. */
  readonly C: Float64Array;
  /** Eigenvectors of C as columns (n × n row-major); empty for the diagonal model. */
  readonly B: Float64Array;
  /** Square roots of C's eigenvalues (of its diagonal for the diagonal model), as last decomposed. */
  readonly D: Float64Array;
  readonly pc: Float64Array;
  readonly ps: Float64Array;
  /** Generations completed in this run. */
  generation: number;
  /** The generation at which B and D were last computed from C. */
  eigenGeneration: number;
}

/** A fresh distribution at `mean` with step size `sigma`, C = I and zero paths. */
export function createDistribution(
  params: StrategyParameters,
  diagonal: boolean,
  mean: ArrayLike<number>,
  sigma: number,
): Distribution {
  const n = params.n;
  const C = new Float64Array(diagonal ? n : n * n);
  const B = new Float64Array(diagonal ? 0 : n * n);
  if (diagonal) C.fill(1);
  else
    for (let i = 0; i < n; i++) {
      C[i * n + i] = 1;
      B[i * n + i] = 1;
    }
  return {
    n,
    diagonal,
    params,
    mean: Float64Array.from(mean),
    sigma,
    C,
    B,
    D: new Float64Array(n).fill(1),
    pc: new Float64Array(n),
    ps: new Float64Array(n),
    generation: 0,
    eigenGeneration: 0,
  };
}

/**
 * Brings B and D up to date with C when the lazy interval has passed (always for the diagonal
 * model, where it costs n square roots). Decomposing only every `eigenInterval` generations keeps the
 * O(n³) work below the O(n²) per sample that sampling costs anyway (Hansen 2016, B.2). An eigenvalue
 * rounded to ≤ 0 is kept at 0: the condition-number stop criterion then ends the run.
 */
export function refreshEigen(d: Distribution, force = false): void {
  const { n } = d;
  if (d.diagonal) {
    for (let i = 0; i < n; i++) d.D[i] = Math.sqrt(Math.max(0, d.C[i]));
    d.eigenGeneration = d.generation;
    return;
  }
  if (!force && d.generation - d.eigenGeneration < d.params.eigenInterval) return;
  symmetricEigen(d.C, n, d.D, d.B);
  for (let i = 0; i < n; i++) d.D[i] = Math.sqrt(Math.max(0, d.D[i]));
  d.eigenGeneration = d.generation;
}

/** y ~ N(0, C) as y = B·(D ∘ z), z ~ N(0, I); `z` is scratch of length n. */
export function sampleDirection(d: Distribution, rng: Rng, z: Float64Array, y: Float64Array): void {
  const { n, D } = d;
  for (let i = 0; i < n; i++) z[i] = D[i] * rng.normal();
  if (d.diagonal) {
    y.set(z);
    return;
  }
  const B = d.B;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += B[i * n + j] * z[j];
    y[i] = s;
  }
}

/** out = C^{-1/2} y = B·D⁻¹·Bᵀ·y, the whitening that makes p_σ comparable with E‖N(0, I)‖. */
export function whiten(d: Distribution, y: Float64Array, out: Float64Array): void {
  const { n, D } = d;
  if (d.diagonal) {
    for (let i = 0; i < n; i++) out[i] = y[i] / D[i];
    return;
  }
  const B = d.B;
  const t = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += B[i * n + j] * y[i];
    t[j] = s / D[j];
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += B[i * n + j] * t[j];
    out[i] = s;
  }
}

/** The condition number of C as last decomposed, (max D / min D)². */
export function conditionNumber(d: Distribution): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const v of d.D) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return (hi / lo) ** 2;
}
