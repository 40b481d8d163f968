/**
 * Eigendecomposition of a real symmetric matrix by the cyclic Jacobi method (Jacobi 1846; Rutishauser's
 * stable rotation formulas, as in Golub & Van Loan §8.5). CMA-ES needs C = B·diag(D²)·Bᵀ to sample and
 * to whiten; Jacobi is chosen over tridiagonal QL because it is short, has no special cases, and is
 * accurate to the last bits for the small, well-scaled matrices a covariance is (its O(n³) per sweep is
 * paid only every few generations, see `eigenInterval`). Everything is float64.
 */

/** The largest number of sweeps; Jacobi converges quadratically, so 6–10 are typical. */
const MAX_SWEEPS = 100;

/**
 * Decomposes the symmetric `n × n` matrix `a` (row-major; only read) into eigenvalues, written
 * ascending into `values`, and orthonormal eigenvectors, written as the columns of `vectors`
 * (row-major `n × n`: eigenvector j is `vectors[i·n + j]` over i), so that a = V·diag(values)·Vᵀ.
 * Returns the number of sweeps it took.
 */
export function symmetricEigen(
  a: Float64Array,
  n: number,
  values: Float64Array,
  vectors: Float64Array,
): number {
  const w = a.slice(0, n * n);
  vectors.fill(0);
  for (let i = 0; i < n; i++) vectors[i * n + i] = 1;
  let sweeps = 0;
  while (sweeps < MAX_SWEEPS && offDiagonalNorm2(w, n) > 0) {
    sweeps++;
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotated = rotate(w, vectors, n, p, q) || rotated;
    }
    // Every remaining off-diagonal entry is negligible next to its diagonal: converged.
    if (!rotated) break;
  }
  for (let i = 0; i < n; i++) values[i] = w[i * n + i];
  sortAscending(values, vectors, n);
  return sweeps;
}

/** Σ_{i≠j} w_ij², the quantity each sweep drives to zero. */
function offDiagonalNorm2(w: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) s += w[i * n + j] * w[i * n + j];
  return s;
}

/**
 * One Jacobi rotation W ← Jᵀ W J in the (p, q) plane that zeroes w_pq, accumulated into V ← V J.
 * Skipped (returns false) when w_pq is below the rounding of both diagonal entries, where a rotation
 * could change nothing representable.
 */
function rotate(w: Float64Array, v: Float64Array, n: number, p: number, q: number): boolean {
  const apq = w[p * n + q];
  const app = w[p * n + p];
  const aqq = w[q * n + q];
  const g = 100 * Math.abs(apq);
  if (apq === 0 || (Math.abs(app) + g === Math.abs(app) && Math.abs(aqq) + g === Math.abs(aqq))) {
    w[p * n + q] = 0;
    w[q * n + p] = 0;
    return false;
  }
  // t = tan φ, the smaller root of t² + 2θt − 1 = 0, which keeps |φ| ≤ π/4 (stable).
  const theta = (aqq - app) / (2 * apq);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const kp = w[k * n + p];
    const kq = w[k * n + q];
    w[k * n + p] = c * kp - s * kq;
    w[k * n + q] = s * kp + c * kq;
  }
  for (let k = 0; k < n; k++) {
    const pk = w[p * n + k];
    const qk = w[q * n + k];
    w[p * n + k] = c * pk - s * qk;
    w[q * n + k] = s * pk + c * qk;
  }
  // Exact zero where the rotation put one; rounding would otherwise leave ~1e-17 residues.
  w[p * n + q] = 0;
  w[q * n + p] = 0;
  for (let k = 0; k < n; k++) {
    const kp = v[k * n + p];
    const kq = v[k * n + q];
    v[k * n + p] = c * kp - s * kq;
    v[k * n + q] = s * kp + c * kq;
  }
  return true;
}

/** Sorts the eigenpairs by ascending eigenvalue (selection sort: n swaps of columns at most). */
function sortAscending(values: Float64Array, vectors: Float64Array, n: number): void {
  for (let i = 0; i < n - 1; i++) {
    let m = i;
    for (let j = i + 1; j < n; j++) if (values[j] < values[m]) m = j;
    if (m === i) continue;
    const t = values[i];
    values[i] = values[m];
    values[m] = t;
    for (let k = 0; k < n; k++) {
      const u = vectors[k * n + i];
      vectors[k * n + i] = vectors[k * n + m];
      vectors[k * n + m] = u;
    }
  }
}
