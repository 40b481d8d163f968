/**
 * The mean over weights of the population's standard deviation per weight: a measure of diversity.
 * `xs` holds n candidates of `dim` weights, row-major; `mean` and `sq` are scratch of length dim.
 */
export function populationSpread(
  xs: Float32Array,
  n: number,
  dim: number,
  mean: Float64Array,
  sq: Float64Array,
): number {
  mean.fill(0);
  sq.fill(0);
  for (let i = 0; i < n; i++) {
    const base = i * dim;
    for (let d = 0; d < dim; d++) mean[d] += xs[base + d];
  }
  for (let d = 0; d < dim; d++) mean[d] /= n;
  for (let i = 0; i < n; i++) {
    const base = i * dim;
    for (let d = 0; d < dim; d++) {
      const e = xs[base + d] - mean[d];
      sq[d] += e * e;
    }
  }
  let total = 0;
  for (let d = 0; d < dim; d++) total += Math.sqrt(sq[d] / n);
  return total / dim;
}
