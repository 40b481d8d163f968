import type { UniformSource } from "@arena/rng";

/**
 * Parent selection for minimisation. Each function fills `out` with `out.length` parent indices into a
 * population of `n` individuals, drawing from `rng`; none allocates. `fitness` must be sanitized
 * (non-finite values replaced by +Infinity, see `sanitizeFitness` in @arena/objectives) and `order`,
 * where asked for, lists the indices best first (`rankOrder`).
 */

/**
 * Tournament selection: each parent is the best of `size` individuals drawn uniformly *with* replacement
 * (as DEAP's `selTournament`); ties go to the first drawn. Size 1 is uniform random selection; larger
 * sizes raise the pressure (Goldberg & Deb 1991, "A comparative analysis of selection schemes").
 */
export function tournamentSelection(
  fitness: Float64Array,
  size: number,
  rng: UniformSource,
  out: Int32Array,
): void {
  const n = fitness.length;
  for (let j = 0; j < out.length; j++) {
    let winner = Math.floor(rng.float() * n);
    for (let k = 1; k < size; k++) {
      const c = Math.floor(rng.float() * n);
      if (fitness[c] < fitness[winner]) winner = c;
    }
    out[j] = winner;
  }
}

/** Index of the first entry of the non-decreasing `cumulative[0..n)` that exceeds `u`. */
function searchCumulative(cumulative: Float64Array, n: number, u: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The probability linear ranking gives the individual at rank `r` (0 = best) of `n`:
 * p(r) = (s − (2s − 2) r / (n − 1)) / n, so the best expects `s` copies per n draws and the worst
 * `2 − s` (Baker 1985, "Adaptive selection methods for genetic algorithms").
 */
export function linearRankProbability(r: number, n: number, pressure: number): number {
  if (n === 1) return 1;
  return (pressure - ((2 * pressure - 2) * r) / (n - 1)) / n;
}

/**
 * Linear rank selection (Baker 1985): independent roulette spins over the rank probabilities of
 * {@link linearRankProbability}. `pressure` s is in [1, 2]: 1 is uniform, 2 gives the worst zero chance.
 * Only the order of fitness matters, so it is immune to the scale and sign of the objective.
 * `cumulative` is scratch space of length >= n.
 */
export function linearRankSelection(
  order: Int32Array,
  pressure: number,
  rng: UniformSource,
  out: Int32Array,
  cumulative: Float64Array,
): void {
  const n = order.length;
  let acc = 0;
  for (let r = 0; r < n; r++) {
    acc += linearRankProbability(r, n, pressure);
    cumulative[r] = acc;
  }
  for (let j = 0; j < out.length; j++) out[j] = order[searchCumulative(cumulative, n, rng.float() * acc)];
}

/**
 * Roulette-wheel (fitness-proportionate) selection made safe for minimisation by windowing
 * (Grefenstette 1986): individual i gets weight f_worst − f_i, where f_worst is the worst finite fitness,
 * so weights are >= 0 whatever the sign of f; non-finite individuals get weight 0. When every weight is 0
 * (all finite fitnesses equal), selection is uniform among the best. Unlike rank selection, the
 * pressure follows the fitness differences. `cumulative` is scratch space of length >= n.
 */
export function rouletteSelection(
  fitness: Float64Array,
  rng: UniformSource,
  out: Int32Array,
  cumulative: Float64Array,
): void {
  const n = fitness.length;
  let worst = Number.NEGATIVE_INFINITY;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const f = fitness[i];
    if (f !== Number.POSITIVE_INFINITY && f > worst) worst = f;
    if (f < best) best = f;
  }
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const f = fitness[i];
    if (f !== Number.POSITIVE_INFINITY) acc += worst - f;
    cumulative[i] = acc;
  }
  if (acc > 0) {
    for (let j = 0; j < out.length; j++) out[j] = searchCumulative(cumulative, n, rng.float() * acc);
    return;
  }
  // Uniform among the individuals tied at the best value (all of them if none is finite).
  let ties = 0;
  for (let i = 0; i < n; i++) {
    if (fitness[i] === best) ties++;
    cumulative[i] = ties;
  }
  for (let j = 0; j < out.length; j++) out[j] = searchCumulative(cumulative, n, rng.float() * ties);
}

/**
 * Truncation selection: parents are drawn uniformly from the best `max(1, round(fraction · n))`
 * individuals (the breeder GA of Mühlenbein & Schlierkamp-Voosen 1993, who use fractions 0.1 to 0.5).
 */
export function truncationSelection(
  order: Int32Array,
  fraction: number,
  rng: UniformSource,
  out: Int32Array,
): void {
  const n = order.length;
  const k = Math.min(n, Math.max(1, Math.round(fraction * n)));
  for (let j = 0; j < out.length; j++) out[j] = order[Math.floor(rng.float() * k)];
}
