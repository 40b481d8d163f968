import type { Rng } from "@arena/rng";

/** The first primes: one base per coordinate of a Halton point (enough for 32 hyperparameters). */
const PRIMES = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103,
  107, 109, 113, 127, 131,
];

/** The most coordinates {@link haltonPoints} gives. */
export const HALTON_MAX_DIMS = PRIMES.length;

/** The radical inverse of `i` in `base`, each digit passed through `perm` (perm[0] = 0). */
function radicalInverse(i: number, base: number, perm: Int32Array): number {
  let x = 0;
  let f = 1 / base;
  for (let n = i; n > 0; n = Math.floor(n / base)) {
    x += perm[n % base] * f;
    f /= base;
  }
  return x;
}

/**
 * `n` points of the scrambled Halton sequence in [0, 1)^dims: coordinate d is the radical inverse of the
 * point's index in the d-th prime, with its digits permuted at random (zero kept at zero, so every
 * point stays in the unit cube). The plain sequence puts its first points on lines in high bases (11 and
 * 13 agree on the first ten points); the permutations break that up, as in the quasi-random search of
 * Bousquet et al. (2017) that AlgoPerf's tuning uses. The index starts at 1: index 0 is the corner.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { haltonPoints } from "@arena/options";
 * const pts = haltonPoints(4, 1, new Rng(1)); // base 2 has one permutation: 1/2, 1/4, 3/4, 1/8
 * console.log(pts.map((p) => p[0])); // [ 0.5, 0.25, 0.75, 0.125 ]
 * ```
 */
export function haltonPoints(n: number, dims: number, rng: Rng): number[][] {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`haltonPoints: n must be an integer >= 0, got ${n}`);
  if (!Number.isInteger(dims) || dims < 1 || dims > HALTON_MAX_DIMS)
    throw new RangeError(`haltonPoints: dims must be an integer in [1, ${HALTON_MAX_DIMS}], got ${dims}`);
  const perms = PRIMES.slice(0, dims).map((base) => {
    const rest = rng.permutation(base - 1);
    const perm = new Int32Array(base);
    for (let d = 1; d < base; d++) perm[d] = rest[d - 1] + 1;
    return perm;
  });
  return Array.from({ length: n }, (_, k) => perms.map((perm, d) => radicalInverse(k + 1, PRIMES[d], perm)));
}
