import type { Vector } from "./precision.ts";

/**
 * What a gradient-free optimizer sees: a function of one real vector, lower is better.
 *
 * `V` is the array the vector comes in, the optimizer's precision: `Float64Array` by default,
 * `Float32Array` for an optimizer built with `precision: "float32"`. An objective that takes either
 * (the test functions here) is an `Objective<Vector>`, which fits both.
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
 * console.log(booth.evaluate(new Float64Array([1, 3]))); // 0
 * ```
 */
export interface Objective<V extends Vector = Float64Array> {
  /** Length of every candidate vector. */
  readonly dim: number;
  /** The value at `x` (length `dim`); lower is better. */
  evaluate(x: V): number;
  /** Writes the values of the `n` rows of `xs` (`n × dim`, row-major) into `out[0..n)`. */
  evaluateBatch?(xs: V, n: number, out: Float64Array): void;
}

// One set of row views per population buffer: optimizers hand out the same buffers every generation, so
// evaluating row by row allocates nothing after the first generation.
const rowViews = new WeakMap<Vector, Vector[]>();

function rowsOf<V extends Vector>(xs: V, n: number, dim: number): V[] {
  let rows = rowViews.get(xs) as V[] | undefined;
  if (rows === undefined || rows.length !== n || (n > 0 && rows[0].length !== dim)) {
    rows = [];
    for (let i = 0; i < n; i++) rows.push(xs.subarray(i * dim, (i + 1) * dim) as V);
    rowViews.set(xs, rows);
  }
  return rows;
}

/**
 * Scores the `n` rows of `xs` into `out`: one `evaluateBatch` call when the objective has it, otherwise
 * `evaluate` row by row (on cached row views, so nothing is allocated per row).
 */
export function evaluatePopulation<V extends Vector>(
  objective: Objective<V>,
  xs: V,
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
