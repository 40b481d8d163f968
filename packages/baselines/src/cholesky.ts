/**
 * Cholesky factorisation and solves for small dense symmetric positive definite systems, in float64.
 * Matrices are row-major d × d; only the lower triangle of the input is read.
 */

/**
 * Factors the symmetric matrix `a` (d × d, row-major; its lower triangle is read) as L·Lᵀ, writing L
 * into the lower triangle of `a` in place (the strict upper triangle is set to 0). Returns false, leaving
 * `a` partly overwritten, when the matrix is not numerically positive definite: a pivot is ≤ d·ε times
 * the largest diagonal entry (or not finite).
 *
 * @example
 * ```ts
 * import { cholesky } from "@arena/baselines";
 * const a = new Float64Array([4, 2, 2, 3]);
 * cholesky(a, 2); // true; a = [2, 0, 1, √2]
 * ```
 */
export function cholesky(a: Float64Array, d: number): boolean {
  checkSquare("cholesky", a, d);
  let maxDiag = 0;
  for (let i = 0; i < d; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * d + i]));
  const tol = d * Number.EPSILON * maxDiag;
  for (let j = 0; j < d; j++) {
    const rj = j * d;
    let s = a[rj + j];
    for (let k = 0; k < j; k++) s -= a[rj + k] * a[rj + k];
    if (!(s > tol) || !Number.isFinite(s)) return false;
    const ljj = Math.sqrt(s);
    a[rj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < d; i++) {
      const ri = i * d;
      let t = a[ri + j];
      for (let k = 0; k < j; k++) t -= a[ri + k] * a[rj + k];
      a[ri + j] = t * inv;
    }
    for (let k = j + 1; k < d; k++) a[rj + k] = 0;
  }
  return true;
}

/**
 * Solves (L·Lᵀ)·X = B in place for the m right-hand sides in the columns of `b` (d × m, row-major), with
 * L the factor {@link cholesky} left in `l`.
 */
export function solveCholesky(l: Float64Array, d: number, b: Float64Array, m: number): void {
  checkSquare("solveCholesky", l, d);
  if (!Number.isInteger(m) || m < 0)
    throw new RangeError(`solveCholesky: m must be an integer >= 0, got ${m}`);
  if (b.length < d * m) {
    throw new RangeError(`solveCholesky: b has ${b.length} entries, expected d × m = ${d} × ${m} = ${d * m}`);
  }
  // Forward: L·Z = B, row by row (each row updates all m columns at once).
  for (let i = 0; i < d; i++) {
    const ri = i * d;
    const bi = i * m;
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      if (lik === 0) continue;
      const bk = k * m;
      for (let c = 0; c < m; c++) b[bi + c] -= lik * b[bk + c];
    }
    const inv = 1 / l[ri + i];
    for (let c = 0; c < m; c++) b[bi + c] *= inv;
  }
  // Backward: Lᵀ·X = Z.
  for (let i = d - 1; i >= 0; i--) {
    const bi = i * m;
    for (let k = i + 1; k < d; k++) {
      const lki = l[k * d + i];
      if (lki === 0) continue;
      const bk = k * m;
      for (let c = 0; c < m; c++) b[bi + c] -= lki * b[bk + c];
    }
    const inv = 1 / l[i * d + i];
    for (let c = 0; c < m; c++) b[bi + c] *= inv;
  }
}

/** Flops of {@link cholesky} on a d × d matrix (d³/3, the usual count) and of one {@link solveCholesky} with m columns (2·d²·m). */
export function choleskyFlops(d: number, m: number): { factor: number; solve: number } {
  return { factor: (d * d * d) / 3, solve: 2 * d * d * m };
}

function checkSquare(fn: string, a: Float64Array, d: number): void {
  if (!Number.isInteger(d) || d < 0) throw new RangeError(`${fn}: d must be an integer >= 0, got ${d}`);
  if (a.length < d * d) {
    throw new RangeError(
      `${fn}: the matrix has ${a.length} entries, expected d × d = ${d} × ${d} = ${d * d}`,
    );
  }
}
