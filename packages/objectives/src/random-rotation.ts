import { type RngLike, toRng } from "@arena/rng";

/**
 * A random `dim` × `dim` orthogonal matrix Q, column-major (column j at `q[j·dim …]`), drawn from `rng`
 * (an Rng or a seed): Gram–Schmidt on Gaussian columns, which makes Q uniformly distributed over the
 * orthogonal group. Column j takes `dim` normal draws in order, then is orthogonalised (modified
 * Gram–Schmidt, twice, for orthogonality to float64 precision) and normalised. {@link rotated} turns a
 * test function by it; pass the same Q to another implementation to evaluate the same rotated function.
 *
 * @example
 * ```ts
 * import { randomRotation } from "@arena/objectives";
 * const q = randomRotation(3, 1);
 * console.log(q.length, Math.hypot(q[0], q[1], q[2]).toFixed(12)); // 9 1.000000000000
 * ```
 */
export function randomRotation(dim: number, rngLike: RngLike): Float64Array {
  if (!Number.isInteger(dim) || dim < 1) {
    throw new RangeError(`randomRotation: dim must be an integer >= 1, got ${dim}`);
  }
  const rng = toRng(rngLike, "randomRotation");
  const q = new Float64Array(dim * dim);
  const col = new Float64Array(dim);
  for (let j = 0; j < dim; j++) {
    for (let i = 0; i < dim; i++) col[i] = rng.normal(0, 1);
    // Modified Gram–Schmidt against the columns already drawn; twice, for orthogonality to float64 precision.
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < dim; i++) dot += col[i] * q[k * dim + i];
        for (let i = 0; i < dim; i++) col[i] -= dot * q[k * dim + i];
      }
    }
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += col[i] * col[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < dim; i++) q[j * dim + i] = col[i] / norm;
  }
  return q;
}
