import type { GeneticAlgorithmSettings } from "@arena/genetic";
import type { VelocityUpdate } from "@arena/swarm";

/**
 * The optimizers' own arithmetic per generation, counted from their code the way nn counts a layer:
 * one per add, subtract, multiply, divide or power; random draws, comparisons, copies and clamping
 * are not counted. On small nets this is not negligible (a PSO move costs 10 FLOPs per weight, a
 * forward pass of one sample about 2), so it belongs in the budget.
 */

/**
 * PSO: per particle and coordinate, v ← w·v + c1·r1·(p − x) + c2·r2·(l − x) and x ← x + v:
 * w·v (1), c1·r1 (1), p − x (1), × (1), c2·r2 (1), l − x (1), × (1), two adds (2), x + v (1) = 10.
 */
export const PSO_FLOPS_PER_COORDINATE = 10;

/**
 * PSO with SPSO 2011's hypersphere update, per particle and coordinate: p′ = x + c1·(p − x) (3),
 * l′ (3), G = (x + p′ + l′)/3 (3), (G − x)² summed (3), the direction's squared norm (2), the point
 * G + s·z (2), v ← w·v + point − x (3), x + v (1) = 20. The per-particle square root and power are
 * O(1) and not counted, as the normal draws are not.
 */
export const PSO_HYPERSPHERE_FLOPS_PER_COORDINATE = 20;

/** PSO FLOPs of one iteration (the move after `tell`) with the given velocity update. */
export function psoFlopsPerGeneration(
  population: number,
  dim: number,
  update: VelocityUpdate = "per-dimension",
): number {
  const perCoordinate =
    update === "hypersphere" ? PSO_HYPERSPHERE_FLOPS_PER_COORDINATE : PSO_FLOPS_PER_COORDINATE;
  return perCoordinate * population * dim;
}

/** FLOPs per child gene of each crossover (from `@arena/genetic`'s operators). */
export const CROSSOVER_FLOPS_PER_GENE: Readonly<
  Record<GeneticAlgorithmSettings["crossover"]["kind"], number>
> = {
  // copies only
  uniform: 0,
  "one-point": 0,
  "two-point": 0,
  // a·x + (1 − a)·y: 4 per child gene
  arithmetic: 4,
  // per gene pair: |x − y| (1), lo − α·i (2), (1 + 2α)·i (3), two children start + width·u (4): 10 / 2
  blx: 5,
  // per gene pair: spread factor β (4: 2u or 1/(2(1 − u)), 1/(η + 1), the power), two children
  // 0.5·((1 ± β)·x + (1 ∓ β)·y) (6 each): 16 / 2
  sbx: 8,
};

/** FLOPs per mutated gene of each mutation. */
export const MUTATION_FLOPS_PER_GENE: Readonly<Record<GeneticAlgorithmSettings["mutation"]["kind"], number>> =
  {
    // x += mean + σ·z: 3
    gaussian: 3,
    // δ = ±((2u)^(1/(η+1)) − 1) (6), x += δ·span (2): 8
    polynomial: 8,
    // lo + (hi − lo)·u: 3
    "uniform-reset": 3,
  };

/**
 * GA FLOPs of one generation's breeding, in expectation (crossover happens with probability
 * `crossoverRate` per pair, mutation with `mutationRate` per child and `geneRate` per gene), rounded
 * to an integer: pairs · crossoverRate · 2·dim · crossover-per-gene + children · mutationRate ·
 * geneRate · dim · mutation-per-gene, where children = population − elitism and pairs = ⌈children/2⌉.
 */
export function gaFlopsPerGeneration(settings: GeneticAlgorithmSettings, dim: number): number {
  const children = settings.populationSize - settings.elitism;
  const pairs = Math.ceil(children / 2);
  const cross = pairs * settings.crossoverRate * 2 * dim * CROSSOVER_FLOPS_PER_GENE[settings.crossover.kind];
  const mutate =
    children *
    settings.mutationRate *
    settings.mutation.geneRate *
    dim *
    MUTATION_FLOPS_PER_GENE[settings.mutation.kind];
  return Math.round(cross + mutate);
}

/** Random search: one multiply-add per coordinate of every sample (the draws themselves not counted). */
export function randomSearchFlopsPerGeneration(population: number, dim: number): number {
  return 2 * population * dim;
}
