import type { Box } from "@arena/objectives";
import type { Rng } from "@arena/rng";

/**
 * What happens to a trial coordinate outside the box. Both rules put every coordinate inside the box
 * exactly; neither touches coordinates that are inside.
 */

/**
 * scipy's rule (`differential_evolution`, `_ensure_constraint`): a coordinate of the trial outside
 * [lower_d, upper_d] is redrawn uniformly in the box (in the initialisation range where a bound is
 * infinite, since a uniform draw needs a finite interval), one `rng.float()` each, in coordinate order.
 * Applied after crossover, as scipy does, so only mutant coordinates can be out.
 */
export function resampleOutside(trial: Float64Array, box: Box, rng: Rng): void {
  const { lower, upper } = box;
  for (let d = 0; d < trial.length; d++) {
    if (trial[d] >= lower[d] && trial[d] <= upper[d]) continue;
    const finite = Number.isFinite(lower[d]) && Number.isFinite(upper[d]);
    const lo = finite ? lower[d] : box.initLower[d];
    const hi = finite ? upper[d] : box.initUpper[d];
    trial[d] = lo + (hi - lo) * rng.float();
  }
}

/**
 * JADE's and SHADE's rule (Zhang & Sanderson 2009; Tanabe & Fukunaga 2013): a mutant coordinate beyond a
 * bound goes halfway between the parent's coordinate and that bound, (lower_d + x_d)/2 or
 * (upper_d + x_d)/2. It keeps the search near a bound the population is pressing against without
 * random draws. `parent` is read at `parentOff`.
 */
export function midpointToParent(
  mutant: Float64Array,
  parent: ArrayLike<number>,
  parentOff: number,
  box: Box,
): void {
  const { lower, upper } = box;
  for (let d = 0; d < mutant.length; d++) {
    const x = parent[parentOff + d];
    if (mutant[d] < lower[d]) mutant[d] = (lower[d] + x) / 2;
    else if (mutant[d] > upper[d]) mutant[d] = (upper[d] + x) / 2;
  }
}
