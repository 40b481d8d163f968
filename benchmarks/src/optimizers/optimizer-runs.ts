/**
 * What `bench:optimizers` runs: every population optimizer Arena ships, through `minimize`, on the
 * 10-D sphere, ellipsoid, Rosenbrock and Rastrigin in the box [−5, 5]^n (issue 17's setting), stopping
 * at f ≤ 1e-8 or the budget; the best-so-far trace gives the first hitting evaluations of every target.
 */
import { CMAES } from "@arena/cmaes";
import { DifferentialEvolution, Shade } from "@arena/differential-evolution";
import { OpenAIES, SNES } from "@arena/evolution-strategies";
import { GeneticAlgorithm } from "@arena/genetic";
import {
  ellipsoid,
  minimize,
  type PopulationOptimizer,
  RandomSearch,
  rastrigin,
  rosenbrock,
  sphere,
  type TestFunction,
} from "@arena/objectives";
import { ParticleSwarm } from "@arena/swarm";
import { firstHits, type OptimizerRun, TARGETS } from "./optimizer-summary.ts";

export type FunctionName = "sphere" | "ellipsoid" | "rosenbrock" | "rastrigin";

export interface OptimizerProblem {
  readonly name: FunctionName;
  readonly dim: number;
  readonly lower: number;
  readonly upper: number;
}

export interface OptimizerPlan {
  readonly problems: readonly OptimizerProblem[];
  readonly seeds: readonly number[];
  readonly budget: number;
  readonly targets: readonly number[];
}

export const FUNCTIONS: readonly FunctionName[] = ["sphere", "ellipsoid", "rosenbrock", "rastrigin"];

export function optimizerPlan(dim = 10, seeds = 10, budget = 100_000): OptimizerPlan {
  return {
    problems: FUNCTIONS.map((name) => ({ name, dim, lower: -5, upper: 5 })),
    seeds: Array.from({ length: seeds }, (_, i) => i),
    budget,
    targets: TARGETS,
  };
}

export function makeFunction(p: OptimizerProblem): TestFunction {
  return { sphere, ellipsoid, rosenbrock, rastrigin }[p.name](p.dim);
}

export interface BenchOptimizer {
  readonly name: string;
  readonly settings: string;
  create(p: OptimizerProblem, seed: number, budget: number): PopulationOptimizer;
}

const box = (p: OptimizerProblem, seed: number) => ({
  dim: p.dim,
  lower: p.lower,
  upper: p.upper,
  rng: seed,
});

/** CMA-ES in issue 17's setting: x0 uniform in [−4, 4]^n from the run's seed, σ0 = 2; IPOP on Rastrigin. */
const cma = (p: OptimizerProblem, seed: number) =>
  new CMAES({
    ...box(p, seed),
    initLower: -4,
    initUpper: 4,
    sigma0: 2,
    ...(p.name === "rastrigin" ? { restarts: { kind: "ipop" as const } } : {}),
  });

export const OPTIMIZERS: readonly BenchOptimizer[] = [
  {
    name: "CMAES",
    settings:
      "x0 uniform in [−4, 4]^n (initLower/initUpper), σ0 = 2, active CMA, λ = 4 + ⌊3 ln n⌋; IPOP restarts on Rastrigin",
    create: cma,
  },
  {
    name: "DifferentialEvolution",
    settings: "defaults: rand/1/bin, NP = 10·dim, F 0.5, CR 0.9",
    create: (p, s) => new DifferentialEvolution(box(p, s)),
  },
  {
    name: "Shade",
    settings: "defaults: SHADE, population 100, H 100",
    create: (p, s) => new Shade(box(p, s)),
  },
  { name: "SNES", settings: "defaults (Wierstra et al. 2014)", create: (p, s) => new SNES(box(p, s)) },
  {
    name: "OpenAIES",
    settings: "defaults: 50 samples, σ 0.02, Adam lr 0.01, weight decay 0.005",
    create: (p, s) => new OpenAIES(box(p, s)),
  },
  {
    name: "GeneticAlgorithm",
    settings: "defaults: population 100, SBX, polynomial mutation",
    create: (p, s) => new GeneticAlgorithm(box(p, s)),
  },
  {
    name: "ParticleSwarm",
    settings: "SPSO 2011 defaults: 40 particles",
    create: (p, s) => new ParticleSwarm(box(p, s)),
  },
  { name: "RandomSearch", settings: "uniform in the box", create: (p, s) => new RandomSearch(box(p, s)) },
];

/** One seeded run: `minimize` until f ≤ the last target, the optimizer stops, or the budget is spent. */
export function runOptimizer(
  opt: BenchOptimizer,
  p: OptimizerProblem,
  seed: number,
  budget: number,
  targets: readonly number[] = TARGETS,
): OptimizerRun {
  const f = makeFunction(p);
  const trace: { evaluations: number; best: number }[] = [];
  const t0 = performance.now();
  const optimizer = opt.create(p, seed, budget);
  const r = minimize(optimizer, f, {
    maxEvaluations: budget,
    target: targets.at(-1),
    onGeneration: ({ evaluations, best }) => {
      trace.push({ evaluations, best });
    },
  });
  const ms = performance.now() - t0;
  // minimize stops at the target before calling onGeneration: the last generation is added here.
  if (trace.at(-1)?.evaluations !== r.evaluations) trace.push({ evaluations: r.evaluations, best: r.f });
  return {
    optimizer: opt.name,
    function: p.name,
    seed,
    f: r.f,
    evaluations: r.evaluations,
    hits: firstHits(trace, targets),
    ms,
  };
}
