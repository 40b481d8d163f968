import type { Vector } from "@arena/objectives";
import type { UniformSource } from "@arena/rng";

/**
 * Crossover operators on real-valued rows. Each reads parents `p1`, `p2` and writes children `c1`, `c2`
 * (all of one length); a child may be the same array as a parent (every gene is read before it is
 * written), so a crossover can run in place. None allocates. Children may leave the search box for
 * BLX-α and SBX; the GA repairs them (clamps) afterwards.
 */

/**
 * Uniform crossover: each gene is swapped between the children with probability `swapProbability`
 * (Syswerda 1989; DEAP's `cxUniform`). Every child gene comes from one parent.
 */
export function uniformCrossover(
  p1: Vector,
  p2: Vector,
  c1: Vector,
  c2: Vector,
  rng: UniformSource,
  swapProbability = 0.5,
): void {
  for (let d = 0; d < p1.length; d++) {
    const a = p1[d];
    const b = p2[d];
    if (rng.float() < swapProbability) {
      c1[d] = b;
      c2[d] = a;
    } else {
      c1[d] = a;
      c2[d] = b;
    }
  }
}

/** c1 takes p2's genes in [from, to) and p1's elsewhere; c2 the opposite. */
function segmentCopy(p1: Vector, p2: Vector, c1: Vector, c2: Vector, from: number, to: number): void {
  for (let d = 0; d < p1.length; d++) {
    const a = p1[d];
    const b = p2[d];
    const inside = d >= from && d < to;
    c1[d] = inside ? b : a;
    c2[d] = inside ? a : b;
  }
}

/**
 * One-point crossover: a cut c uniform in 1..dim−1; the children swap their tails [c, dim) (Holland
 * 1975; DEAP's `cxOnePoint`). With dim = 1 the children are copies.
 */
export function onePointCrossover(p1: Vector, p2: Vector, c1: Vector, c2: Vector, rng: UniformSource): void {
  const dim = p1.length;
  const cut = dim < 2 ? dim : 1 + Math.floor(rng.float() * (dim - 1));
  segmentCopy(p1, p2, c1, c2, cut, dim);
}

/**
 * Two-point crossover: two distinct cuts a < b from 1..dim; the children swap the segment [a, b)
 * (De Jong 1975; cut points drawn as in DEAP's `cxTwoPoint`). With dim = 1 the children are copies.
 */
export function twoPointCrossover(p1: Vector, p2: Vector, c1: Vector, c2: Vector, rng: UniformSource): void {
  const dim = p1.length;
  if (dim < 2) {
    segmentCopy(p1, p2, c1, c2, 0, 0);
    return;
  }
  let a = 1 + Math.floor(rng.float() * dim);
  let b = 1 + Math.floor(rng.float() * (dim - 1));
  if (b >= a) b++;
  else {
    const t = a;
    a = b;
    b = t;
  }
  segmentCopy(p1, p2, c1, c2, a, b);
}

/**
 * Whole arithmetic crossover: with one a ~ U(0, 1) per pair, c1 = a p1 + (1 − a) p2 and
 * c2 = (1 − a) p1 + a p2 (Michalewicz 1996). Children lie on the segment between the parents, so they
 * stay in any box the parents are in.
 */
export function arithmeticCrossover(
  p1: Vector,
  p2: Vector,
  c1: Vector,
  c2: Vector,
  rng: UniformSource,
): void {
  const a = rng.float();
  for (let d = 0; d < p1.length; d++) {
    const x = p1[d];
    const y = p2[d];
    c1[d] = a * x + (1 - a) * y;
    c2[d] = (1 - a) * x + a * y;
  }
}

/**
 * BLX-α (blend) crossover: each child gene is uniform in [min − α·I, max + α·I], I = |p1 − p2|
 * (Eshelman & Schaffer 1993, who recommend α = 0.5). A child gene has mean (p1 + p2)/2 and variance
 * ((1 + 2α) I)² / 12, so the spread follows the population's own diversity.
 */
export function blxAlphaCrossover(
  p1: Vector,
  p2: Vector,
  c1: Vector,
  c2: Vector,
  rng: UniformSource,
  alpha = 0.5,
): void {
  for (let d = 0; d < p1.length; d++) {
    const x = p1[d];
    const y = p2[d];
    const lo = Math.min(x, y);
    const i = x < y ? y - x : x - y;
    const start = lo - alpha * i;
    const width = (1 + 2 * alpha) * i;
    c1[d] = start + width * rng.float();
    c2[d] = start + width * rng.float();
  }
}

/**
 * The SBX spread factor β for a uniform draw u in [0, 1): its density is 0.5 (η + 1) β^η for β <= 1 and
 * 0.5 (η + 1) / β^(η+2) for β > 1, so P(β <= 1) = 1/2 (Deb & Agrawal 1995, eq. 8–9).
 */
export function sbxSpreadFactor(u: number, eta: number): number {
  return u <= 0.5 ? (2 * u) ** (1 / (eta + 1)) : (1 / (2 * (1 - u))) ** (1 / (eta + 1));
}

/**
 * Simulated binary crossover, SBX (Deb & Agrawal 1995, "Simulated binary crossover for continuous
 * search space"): per gene, β from {@link sbxSpreadFactor} and
 * c1 = ((1 + β) p1 + (1 − β) p2) / 2, c2 = ((1 − β) p1 + (1 + β) p2) / 2.
 * The children keep the parents' mean and their distance is β times the parents'; larger η keeps
 * children closer to their parents. This is the original unbounded form (the GA clamps afterwards).
 */
export function sbxCrossover(
  p1: Vector,
  p2: Vector,
  c1: Vector,
  c2: Vector,
  rng: UniformSource,
  eta = 15,
): void {
  for (let d = 0; d < p1.length; d++) {
    const x = p1[d];
    const y = p2[d];
    const beta = sbxSpreadFactor(rng.float(), eta);
    c1[d] = 0.5 * ((1 + beta) * x + (1 - beta) * y);
    c2[d] = 0.5 * ((1 - beta) * x + (1 + beta) * y);
  }
}
