import type { Vector } from "@arena/objectives";
import type { Rng } from "@arena/rng";

/**
 * Binomial ("bin") crossover of Storn & Price (1997): trial coordinate d comes from the mutant when
 * U(0,1) < CR or d = j_rand, else from the target, so at least one coordinate (j_rand) is always new and
 * the trial never merely copies its target. Draws `rng.int(0, dim)` for j_rand, then one `rng.float()`
 * per coordinate, j_rand's included (one draw per coordinate keeps the stream independent of CR).
 *
 * `trial` holds the mutant on entry (at `off`, `dim` entries) and the trial on return; `target` is read
 * at `targetOff`.
 */
export function binomialCrossover(
  trial: Float64Array,
  target: Vector,
  targetOff: number,
  dim: number,
  cr: number,
  rng: Rng,
): void {
  const jRand = rng.int(0, dim);
  for (let d = 0; d < dim; d++) {
    const takeMutant = rng.float() < cr || d === jRand;
    if (!takeMutant) trial[d] = target[targetOff + d];
  }
}
