import type { Vector } from "@arena/objectives";
import type { Rng, UniformSource } from "@arena/rng";

/**
 * Mutation operators, in place on one real-valued row. Each gene mutates independently with probability
 * `geneRate` (DEAP's `indpb`). Per-dimension scales (`sigma`, `span`) are arrays so that a problem whose
 * dimensions have different ranges mutates each in proportion. None allocates; the GA clamps to the box
 * afterwards.
 */

/** Gaussian mutation: x_d += N(0, sigma_d²) with probability `geneRate` (DEAP's `mutGaussian`). */
export function gaussianMutation(x: Vector, sigma: Float64Array, geneRate: number, rng: Rng): void {
  for (let d = 0; d < x.length; d++) {
    if (rng.float() < geneRate) x[d] += rng.normal(0, sigma[d]);
  }
}

/**
 * The polynomial-mutation perturbation for a uniform draw u in [0, 1): δ = (2u)^(1/(η+1)) − 1 for
 * u < 1/2, else 1 − (2(1 − u))^(1/(η+1)); δ lies in (−1, 1] with density 0.5 (η + 1)(1 − |δ|)^η
 * (Deb & Goyal 1996; Deb 2001, §4.2.2).
 */
export function polynomialPerturbation(u: number, eta: number): number {
  return u < 0.5 ? (2 * u) ** (1 / (eta + 1)) - 1 : 1 - (2 * (1 - u)) ** (1 / (eta + 1));
}

/**
 * Polynomial mutation (Deb & Goyal 1996): x_d += δ · span_d with δ from {@link polynomialPerturbation},
 * with probability `geneRate`. Larger η gives smaller steps; the mean |δ| is 1/(η + 2).
 */
export function polynomialMutation(
  x: Vector,
  span: Float64Array,
  eta: number,
  geneRate: number,
  rng: UniformSource,
): void {
  for (let d = 0; d < x.length; d++) {
    if (rng.float() < geneRate) x[d] += polynomialPerturbation(rng.float(), eta) * span[d];
  }
}

/** Uniform reset: x_d is redrawn uniformly in [lower_d, upper_d) with probability `geneRate`. */
export function uniformResetMutation(
  x: Vector,
  lower: Float64Array,
  upper: Float64Array,
  geneRate: number,
  rng: UniformSource,
): void {
  for (let d = 0; d < x.length; d++) {
    if (rng.float() < geneRate) x[d] = lower[d] + (upper[d] - lower[d]) * rng.float();
  }
}
