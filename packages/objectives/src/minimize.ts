import { OptionsError, parseOptions } from "@arena/options";
import * as z from "zod";
import { evaluatePopulation, type Objective } from "./objective.ts";
import type { PopulationOptimizer } from "./population-optimizer.ts";
import type { Vector } from "./precision.ts";

/** What `onGeneration` sees after each generation. */
export interface GenerationInfo {
  /** Generations completed in this `minimize` call (1 after the first). */
  readonly generation: number;
  /** Evaluations spent in this `minimize` call. */
  readonly evaluations: number;
  /** Best fitness so far (over the optimizer's whole life, resumed runs included). */
  readonly best: number;
  /** This generation's fitness, one per row (a view; copy it to keep it). */
  readonly fitness: Float64Array;
}

/** Budgets and hooks for {@link minimize}. At least one of `maxEvaluations` and `maxGenerations` is required. */
export const MinimizeOptions = z
  .strictObject({
    maxEvaluations: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        "evaluation budget for this call (at least populationSize); a generation starts only if its whole population fits, so the evaluations spent never exceed it",
      ),
    maxGenerations: z.number().int().min(1).optional().describe("generation budget for this call"),
    target: z.number().optional().describe("stop as soon as the best fitness is <= target"),
    onGeneration: z
      .custom<(info: GenerationInfo) => unknown>((v) => typeof v === "function", {
        error: "expected a function",
      })
      .optional()
      .describe("called after every generation; returning false (exactly) stops the run"),
  })
  .refine((o) => o.maxEvaluations !== undefined || o.maxGenerations !== undefined, {
    error: "give maxEvaluations or maxGenerations (or both); a run needs a budget",
  });
export type MinimizeOptions = z.input<typeof MinimizeOptions>;

/** Why {@link minimize} stopped. */
export type StopReason = "target" | "maxEvaluations" | "maxGenerations" | "callback" | "optimizer";

/** The outcome of {@link minimize}; `x` comes in the optimizer's precision. */
export interface MinimizeResult<V extends Vector = Float64Array> {
  /** Best point found (over the optimizer's whole life). */
  x: V;
  /** Its fitness. */
  f: number;
  /** Evaluations spent in this call. */
  evaluations: number;
  /** Generations run in this call. */
  generations: number;
  /** Best-so-far fitness after each generation of this call. */
  history: number[];
  stopReason: StopReason;
}

/**
 * Runs an ask/tell optimizer on an objective until a budget is spent, the target is reached or the
 * callback says stop. Each generation is scored with `objective.evaluateBatch` when the objective has
 * one, else row by row. Budgets count from this call, so `minimize` on a resumed optimizer continues
 * the same trajectory. The objective receives the rows in the optimizer's precision (a `Float64Array`
 * unless the optimizer was built with `precision: "float32"`).
 *
 * @example
 * ```ts
 * import { RandomSearch, minimize, sphere } from "@arena/objectives";
 * const f = sphere(3);
 * const rs = new RandomSearch({ dim: 3, lower: f.lower, upper: f.upper, rng: 1 });
 * const r = minimize(rs, f, { maxEvaluations: 5000 });
 * console.log(r.f, r.evaluations, r.stopReason); // 0.057… 5000 "maxEvaluations"
 * ```
 */
export function minimize<V extends Vector>(
  optimizer: PopulationOptimizer<V>,
  objective: Objective<V>,
  options: MinimizeOptions,
): MinimizeResult<V> {
  const owner = "minimize";
  const o = parseOptions(owner, MinimizeOptions, options);
  if (objective.dim !== optimizer.dim) {
    throw new RangeError(`${owner}: objective has dim ${objective.dim}, optimizer expects ${optimizer.dim}`);
  }
  const n = optimizer.populationSize;
  const maxEvaluations = o.maxEvaluations ?? Number.MAX_SAFE_INTEGER;
  if (maxEvaluations < n) {
    throw new OptionsError(owner, [
      { path: "maxEvaluations", message: `expected >= populationSize = ${n} (got ${maxEvaluations})` },
    ]);
  }
  const maxGenerations = o.maxGenerations ?? Number.MAX_SAFE_INTEGER;
  const target = o.target ?? Number.NEGATIVE_INFINITY;
  const onGeneration = o.onGeneration;

  // The population may change between generations (L-SHADE, restarts): sized per generation.
  let buffer = new Float64Array(n);
  const history: number[] = [];
  let evaluations = 0;
  let generations = 0;
  let stopReason: StopReason;
  for (;;) {
    const size = optimizer.populationSize;
    if (size > buffer.length) buffer = new Float64Array(size);
    const fitness = buffer.subarray(0, size);
    const xs = optimizer.ask();
    evaluatePopulation(objective, xs, size, fitness);
    optimizer.tell(fitness);
    evaluations += size;
    generations++;
    const best = optimizer.best().f;
    history.push(best);
    if (best <= target) {
      stopReason = "target";
      break;
    }
    if (onGeneration?.({ generation: generations, evaluations, best, fitness }) === false) {
      stopReason = "callback";
      break;
    }
    if (optimizer.stopped?.() === true) {
      stopReason = "optimizer";
      break;
    }
    if (generations >= maxGenerations) {
      stopReason = "maxGenerations";
      break;
    }
    if (evaluations + optimizer.populationSize > maxEvaluations) {
      stopReason = "maxEvaluations";
      break;
    }
  }
  const { x, f } = optimizer.best();
  return { x, f, evaluations, generations, history, stopReason };
}
