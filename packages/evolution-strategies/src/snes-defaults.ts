/**
 * The defaults of separable NES (SNES), from Wierstra et al. 2014 (JMLR 15, "Natural Evolution
 * Strategies", Table 1) and Schaul, Glasmachers & Schmidhuber 2011: population size, learning rates
 * and the fitness-shaping utilities. They depend on the dimension n only.
 */

/** λ = 4 + ⌊3 ln n⌋, the population size CMA-ES and NES share. */
export function snesPopulationSize(dim: number): number {
  return 4 + Math.floor(3 * Math.log(dim));
}

/** η_μ = 1: the mean moves by the full natural-gradient step. */
export const SNES_LEARNING_RATE_MEAN = 1;

/**
 * η_σ = (3 + ln n) / (5 √n), the step-size learning rate for SNES. It falls as 1/√n, not 1/n as for
 * xNES's full covariance, because each σ_d is learned from all λ samples independently.
 */
export function snesLearningRateSigma(dim: number): number {
  return (3 + Math.log(dim)) / (5 * Math.sqrt(dim));
}

/**
 * The utilities u_k of the k-th best of λ candidates (k = 1 best):
 *
 *   u_k = max(0, ln(λ/2 + 1) − ln k) / Σ_j max(0, ln(λ/2 + 1) − ln j) − 1/λ.
 *
 * Only the better half gets positive weight, decreasing with rank; subtracting 1/λ makes them sum to
 * zero, so a step needs no fitness baseline and does not depend on how fitness is scaled. Entry k − 1
 * of the returned array is u_k.
 */
export function snesUtilities(lambda: number): Float64Array {
  if (!Number.isInteger(lambda) || lambda < 1) {
    throw new RangeError(`snesUtilities: lambda must be an integer >= 1, got ${lambda}`);
  }
  const u = new Float64Array(lambda);
  const top = Math.log(lambda / 2 + 1);
  let sum = 0;
  for (let k = 1; k <= lambda; k++) {
    u[k - 1] = Math.max(0, top - Math.log(k));
    sum += u[k - 1];
  }
  for (let k = 0; k < lambda; k++) u[k] = u[k] / sum - 1 / lambda;
  return u;
}
