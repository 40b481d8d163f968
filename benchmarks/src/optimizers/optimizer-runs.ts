/**
 * What `bench:optimizers` runs: every population optimizer Arena ships, through `minimize`, on the
 * sphere, ellipsoid, Rosenbrock and Rastrigin and rotated versions of the last three (issue 17), in
 * the box [−5, 5]^n for each dimension of the plan, stopping at f ≤ 1e-8 or the function's budget;
 * the best-so-far trace gives the first hitting evaluations of every target.
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
  randomRotation,
  rastrigin,
  rosenbrock,
  rotated,
  sphere,
  type TestFunction,
} from "@arena/objectives";
import { ParticleSwarm } from "@arena/swarm";
import { firstHits, type OptimizerRun, TARGETS } from "./optimizer-summary.ts";

export type BaseFunction = "sphere" | "ellipsoid" | "rosenbrock" | "rastrigin";
export type FunctionName = BaseFunction | `rotated-${Exclude<BaseFunction, "sphere">}`;

export interface OptimizerProblem {
  readonly name: FunctionName;
  readonly base: BaseFunction;
  /** Turned about x* by a random rotation drawn per seed (see {@link rotationSeed}). */
  readonly rotated: boolean;
  readonly dim: number;
  readonly lower: number;
  readonly upper: number;
  /** Evaluations per run: `budgetPerDim`·dim, {@link RASTRIGIN_BUDGET_FACTOR} times that on Rastrigin. */
  readonly budget: number;
  /** The seeds run in this dimension: 0, 1, …. */
  readonly seeds: readonly number[];
}

export interface OptimizerPlan {
  readonly dims: readonly number[];
  /** Seeds per dimension, in the order of `dims`. */
  readonly seeds: readonly number[];
  readonly problems: readonly OptimizerProblem[];
  readonly budgetPerDim: number;
  readonly targets: readonly number[];
}

/** The functions in report order; sphere is rotation-invariant, so it has no rotated version. */
export const FUNCTIONS: readonly FunctionName[] = [
  "sphere",
  "ellipsoid",
  "rosenbrock",
  "rastrigin",
  "rotated-ellipsoid",
  "rotated-rosenbrock",
  "rotated-rastrigin",
];

/** Rastrigin (plain and rotated) gets this many times the budget: IPOP/BIPOP restarts need it. */
export const RASTRIGIN_BUDGET_FACTOR = 3;

const baseOf = (name: FunctionName): BaseFunction => name.replace(/^rotated-/, "") as BaseFunction;

export interface PlanOptions {
  readonly dims?: readonly number[];
  /** Seeds per dimension: one count for all, or one per entry of `dims` (the last one repeats). */
  readonly seeds?: number | readonly number[];
  /** Budget per run in evaluations per dimension (1e4: 1e5 in 10-D), before the Rastrigin factor. */
  readonly budgetPerDim?: number;
}

export function optimizerPlan({
  dims = [10, 40],
  seeds = 10,
  budgetPerDim = 1e4,
}: PlanOptions = {}): OptimizerPlan {
  const counts = dims.map((_, d) => (typeof seeds === "number" ? seeds : (seeds[d] ?? seeds.at(-1)!)));
  const problems = dims.flatMap((dim, d) =>
    FUNCTIONS.map((name) => {
      const base = baseOf(name);
      const budget = budgetPerDim * dim * (base === "rastrigin" ? RASTRIGIN_BUDGET_FACTOR : 1);
      const seedList = Array.from({ length: counts[d] }, (_, i) => i);
      return { name, base, rotated: name !== base, dim, lower: -5, upper: 5, budget, seeds: seedList };
    }),
  );
  return { dims, seeds: counts, problems, budgetPerDim, targets: TARGETS };
}

/** The seed of a run's rotation: one instance per (function, dim, seed), shared by every optimizer. */
export function rotationSeed(p: OptimizerProblem, seed: number): string {
  return `${p.name}/${p.dim}/${seed}`;
}

/** The run's objective: the base function, turned by the run's rotation when the problem is rotated. */
export function makeFunction(p: OptimizerProblem, seed: number): TestFunction {
  const f = { sphere, ellipsoid, rosenbrock, rastrigin }[p.base](p.dim);
  return p.rotated ? rotated(f, rotationSeed(p, seed)) : f;
}

/** scipy's `differential_evolution` (`scipy_de_targets.py`), run on the plan's {@link peerRuns}. */
export const SCIPY_NAME = "scipy DE";
export const SCIPY_SETTINGS =
  'differential_evolution(strategy="rand1bin", mutation=0.5, recombination=0.9, popsize=10 (NP = 10·dim, as ' +
  'Arena\'s DifferentialEvolution and issue 17), polish=False, updating="deferred", vectorized=True, tol=0, ' +
  "maxiter=budget // (10·dim) - 1, seed=s), stopped by callback at f ≤ 1e-8; rotated functions with the " +
  "same Q as Arena's runs";

/** One run for the Python peer, with everything it needs to evaluate the same function. */
export interface PeerRun {
  readonly function: FunctionName;
  readonly base: BaseFunction;
  readonly dim: number;
  readonly lower: number;
  readonly upper: number;
  readonly budget: number;
  readonly seed: number;
  /** x* is this value in every coordinate: 1 for Rosenbrock, 0 otherwise. */
  readonly optimum: number;
  /** Q column-major (dim·dim values), y = x* + Q (x − x*); null for an unrotated function. */
  readonly rotation: number[] | null;
}

/** The plan as the runs scipy's side needs, for the dimensions in `dims` (all by default). */
export function peerRuns(plan: OptimizerPlan, dims: readonly number[] = plan.dims): PeerRun[] {
  return plan.problems
    .filter((p) => dims.includes(p.dim))
    .flatMap((p) =>
      p.seeds.map((seed) => ({
        function: p.name,
        base: p.base,
        dim: p.dim,
        lower: p.lower,
        upper: p.upper,
        budget: p.budget,
        seed,
        optimum: p.base === "rosenbrock" ? 1 : 0,
        rotation: p.rotated ? Array.from(randomRotation(p.dim, rotationSeed(p, seed))) : null,
      })),
    );
}

export interface BenchOptimizer {
  readonly name: string;
  readonly settings: string;
  create(p: OptimizerProblem, seed: number): PopulationOptimizer;
}

const box = (p: OptimizerProblem, seed: number) => ({
  dim: p.dim,
  lower: p.lower,
  upper: p.upper,
  rng: seed,
});

/** CMA-ES in issue 17's setting: x0 uniform in [−4, 4]^n from the run's seed, σ0 = 2. */
const cma = (p: OptimizerProblem, seed: number, restarts?: "ipop" | "bipop") =>
  new CMAES({
    ...box(p, seed),
    initLower: -4,
    initUpper: 4,
    sigma0: 2,
    ...(restarts ? { restarts: { kind: restarts } } : {}),
  });

const CMA_SETTINGS = "x0 uniform in [−4, 4]^n (initLower/initUpper), σ0 = 2, active CMA, λ = 4 + ⌊3 ln n⌋";

export const OPTIMIZERS: readonly BenchOptimizer[] = [
  {
    name: "CMAES",
    settings: `${CMA_SETTINGS}; IPOP restarts on Rastrigin and rotated Rastrigin, none elsewhere`,
    create: (p, s) => cma(p, s, p.base === "rastrigin" ? "ipop" : undefined),
  },
  {
    name: "CMAES BIPOP",
    settings: `${CMA_SETTINGS}; BIPOP restarts (Hansen 2009) on every function`,
    create: (p, s) => cma(p, s, "bipop"),
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

/** One seeded run: `minimize` until f ≤ the last target, the optimizer stops, or `budget` is spent. */
export function runOptimizer(
  opt: BenchOptimizer,
  p: OptimizerProblem,
  seed: number,
  budget = p.budget,
  targets: readonly number[] = TARGETS,
): OptimizerRun {
  const f = makeFunction(p, seed);
  const trace: { evaluations: number; best: number }[] = [];
  const t0 = performance.now();
  const optimizer = opt.create(p, seed);
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
    dim: p.dim,
    seed,
    budget,
    f: r.f,
    evaluations: r.evaluations,
    hits: firstHits(trace, targets),
    ms,
  };
}
