/**
 * The Arena side of `bench:peers`: `ParticleSwarm` (SPSO 2011 defaults) and `GeneticAlgorithm`
 * (defaults), each through `minimize` with `maxEvaluations` = the budget, seeded with the run's seed.
 */
import { GeneticAlgorithm } from "@arena/genetic";
import { minimize, type PopulationOptimizer } from "@arena/objectives";
import { ParticleSwarm } from "@arena/swarm";
import { type PeerProblem, testFunction } from "./peer-problems.ts";

export interface RunRow {
  readonly optimizer: string;
  readonly function: string;
  readonly seed: number;
  /** Best value after the budget. */
  readonly f: number;
  readonly evaluations: number;
  /** Wall time of the whole run (construction and `minimize`), milliseconds. */
  readonly ms: number;
}

export interface ArenaOptimizer {
  /** The name in the table. */
  readonly name: string;
  /** What was run, in words, for the report. */
  readonly settings: string;
  create(p: PeerProblem, seed: number): PopulationOptimizer;
}

export const ARENA_OPTIMIZERS: readonly ArenaOptimizer[] = [
  {
    name: "Arena ParticleSwarm",
    settings: "SPSO 2011 defaults: 40 particles, adaptive random topology K = 3, clamp",
    create: (p, seed) => new ParticleSwarm({ dim: p.dim, lower: p.lower, upper: p.upper, rng: seed }),
  },
  {
    name: "Arena GeneticAlgorithm",
    settings: "defaults: population 100, elitism 1, tournament 3, SBX η = 15 (0.9), polynomial mutation",
    create: (p, seed) => new GeneticAlgorithm({ dim: p.dim, lower: p.lower, upper: p.upper, rng: seed }),
  },
];

/** One seeded run of `opt` on `p` with `budget` evaluations. */
export function runArena(opt: ArenaOptimizer, p: PeerProblem, seed: number, budget: number): RunRow {
  const f = testFunction(p);
  const t0 = performance.now();
  const r = minimize(opt.create(p, seed), f, { maxEvaluations: budget });
  const ms = performance.now() - t0;
  return { optimizer: opt.name, function: p.name, seed, f: r.f, evaluations: r.evaluations, ms };
}
