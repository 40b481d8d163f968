/**
 * What a gradient-free optimizer sees: a function of one real vector, lower is better.
 *
 * `evaluateBatch` is optional: an objective that can score a whole population in one pass (one gemm for
 * a population of network weights, say) provides it, and {@link evaluatePopulation} uses it.
 *
 * @example
 * ```ts
 * import type { Objective } from "@arena/objectives";
 * const booth: Objective = {
 *   dim: 2,
 *   evaluate: (x) => (x[0] + 2 * x[1] - 7) ** 2 + (2 * x[0] + x[1] - 5) ** 2,
 * };
 * console.log(booth.evaluate(new Float32Array([1, 3]))); // 0
 * ```
 */
export interface Objective {
  /** Length of every candidate vector. */
  readonly dim: number;
  /** The value at `x` (length `dim`); lower is better. */
  evaluate(x: Float32Array): number;
  /** Writes the values of the `n` rows of `xs` (`n × dim`, row-major) into `out[0..n)`. */
  evaluateBatch?(xs: Float32Array, n: number, out: Float64Array): void;
}

// One set of row views per population buffer: optimizers hand out the same buffers every generation, so
// evaluating row by row allocates nothing after the first generation.
const rowViews = new WeakMap<Float32Array, Float32Array[]>();

function rowsOf(xs: Float32Array, n: number, dim: number): Float32Array[] {
  let rows = rowViews.get(xs);
  if (rows === undefined || rows.length !== n || (n > 0 && rows[0].length !== dim)) {
    rows = [];
    for (let i = 0; i < n; i++) rows.push(xs.subarray(i * dim, (i + 1) * dim));
    rowViews.set(xs, rows);
  }
  return rows;
}

/**
 * Scores the `n` rows of `xs` into `out`: one `evaluateBatch` call when the objective has it, otherwise
 * `evaluate` row by row (on cached row views, so nothing is allocated per row).
 */
export function evaluatePopulation(
  objective: Objective,
  xs: Float32Array,
  n: number,
  out: Float64Array,
): void {
  const dim = objective.dim;
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`evaluatePopulation: n must be an integer >= 0, got ${n}`);
  if (xs.length < n * dim) {
    throw new RangeError(
      `evaluatePopulation: xs has ${xs.length} values, expected ${n} rows x ${dim} = ${n * dim}`,
    );
  }
  if (out.length < n)
    throw new RangeError(`evaluatePopulation: out has ${out.length} entries, expected >= ${n}`);
  if (objective.evaluateBatch !== undefined) {
    objective.evaluateBatch(xs, n, out);
    return;
  }
  const rows = rowsOf(xs, n, dim);
  for (let i = 0; i < n; i++) out[i] = objective.evaluate(rows[i]);
}
