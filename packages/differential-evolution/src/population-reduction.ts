import { rankOrder, type Vector } from "@arena/objectives";

/**
 * L-SHADE's linear population size reduction (Tanabe & Fukunaga 2014): after a generation that brought
 * the evaluation count to `nfe`, the population size is
 *
 *   N = round(((N_min − N_init) / MAX_NFE) · nfe + N_init),
 *
 * never below N_min. Large populations explore early; small ones converge fast once the budget runs out.
 */
export function linearPopulationSize(nInit: number, nMin: number, maxNfe: number, nfe: number): number {
  const n = Math.round(((nMin - nInit) / maxNfe) * nfe + nInit);
  return Math.max(nMin, Math.min(nInit, n));
}

/**
 * Keeps the `keep` best of the first `n` rows of `population` (ties to the lower index), compacted to the
 * front in their old order, with their values in `values`; `order` is scratch of at least `n` entries.
 */
export function keepBest(
  population: Vector,
  values: Float64Array,
  dim: number,
  n: number,
  keep: number,
  order: Int32Array,
): void {
  const ranks = order.subarray(0, n);
  rankOrder(values.subarray(0, n), ranks);
  const survivor = new Uint8Array(n);
  for (let r = 0; r < keep; r++) survivor[ranks[r]] = 1;
  let to = 0;
  for (let i = 0; i < n; i++) {
    if (!survivor[i]) continue;
    if (to !== i) {
      population.copyWithin(to * dim, i * dim, (i + 1) * dim);
      values[to] = values[i];
    }
    to++;
  }
}
