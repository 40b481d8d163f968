/**
 * Fitness values as the optimizers rank them. A non-finite value (NaN, +Infinity, -Infinity) almost
 * always means the candidate broke the objective (a diverged network, an overflow), so it is ranked
 * worst: it becomes +Infinity. A NaN therefore never wins a comparison, never becomes `best()`, and
 * never poisons a sort.
 */

/**
 * Copies `fitness` into `out`, replacing every non-finite value by +Infinity; returns how many were
 * replaced.
 */
export function sanitizeFitness(fitness: ArrayLike<number>, out: Float64Array): number {
  let replaced = 0;
  for (let i = 0; i < out.length; i++) {
    const f = fitness[i];
    if (Number.isFinite(f)) out[i] = f;
    else {
      out[i] = Number.POSITIVE_INFINITY;
      replaced++;
    }
  }
  return replaced;
}

/**
 * Writes the indices 0..n-1 into `order`, best (lowest fitness) first; ties keep index order, so the
 * result is deterministic. `fitness` must be sanitized (no NaN).
 */
export function rankOrder(fitness: Float64Array, order: Int32Array): void {
  const n = order.length;
  for (let i = 0; i < n; i++) order[i] = i;
  // Infinity - Infinity is NaN, which is falsy, so tied infinities fall through to the index.
  order.sort((a, b) => fitness[a] - fitness[b] || a - b);
}
