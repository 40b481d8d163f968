import { rankOrder } from "@arena/objectives";

/**
 * Centred-rank fitness shaping (Salimans et al. 2017, §2.1 and their `compute_centered_ranks`): the
 * value of each candidate is replaced by its rank, scaled linearly onto [−0.5, 0.5]. Only the order of
 * the fitness values matters then, so one outlier cannot dominate the gradient estimate, and the
 * weights sum to zero, which cancels the baseline.
 *
 * Arena minimises, so the lowest fitness gets −0.5 and the highest +0.5 (OpenAI's code maximises a
 * reward and gives its highest +0.5): Σ r_i ε_i then estimates the ascent direction of the fitness,
 * and the optimizer steps against it. Ties keep index order (`rankOrder`), so the shaping is
 * deterministic. `order` (length n) is scratch; `out` receives one weight per candidate.
 *
 * @example
 * ```ts
 * import { centredRanks } from "@arena/evolution-strategies";
 * const out = new Float64Array(5);
 * centredRanks(new Float64Array([3, 1, 4, 1.5, 9]), new Int32Array(5), out);
 * console.log(out); // Float64Array(5) [ 0, -0.5, 0.25, -0.25, 0.5 ]
 * ```
 */
export function centredRanks(fitness: Float64Array, order: Int32Array, out: Float64Array): Float64Array {
  const n = fitness.length;
  if (order.length !== n || out.length !== n) {
    throw new RangeError(
      `centredRanks: order and out must have one entry per fitness value (${n}), got ${order.length} and ${out.length}`,
    );
  }
  if (n === 1) {
    // One candidate carries no ordering information.
    out[0] = 0;
    return out;
  }
  rankOrder(fitness, order);
  for (let r = 0; r < n; r++) out[order[r]] = r / (n - 1) - 0.5;
  return out;
}
