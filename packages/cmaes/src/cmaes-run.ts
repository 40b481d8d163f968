import {
  floatFromJson,
  floatsFromJson,
  floatsToJson,
  floatToJson,
  newVector,
  type Precision,
  type Vector,
} from "@arena/objectives";
import type { CmaRunState } from "./cmaes-options.ts";
import { createDistribution, type Distribution } from "./distribution.ts";
import type { Regime, RunPlan } from "./restarts.ts";
import { strategyParameters } from "./strategy-parameters.ts";

/** One CMA-ES run of a restart sequence: its distribution and the generation being asked (λ rows). */
export interface CmaRun {
  readonly lambda: number;
  readonly regime: Regime;
  readonly sigma0: number;
  /** A BIPOP small run's evaluation budget, null for any other run. */
  readonly maxEvaluations: number | null;
  readonly dist: Distribution;
  /** The λ samples of the current generation, λ × n, in the optimizer's precision. */
  readonly samples: Vector;
  /** Best value of each recent generation (newest last), for tolFun. */
  readonly history: number[];
}

/** A fresh run of `plan.lambda` samples at `mean` (the generation is sampled by the caller). */
export function newRun(
  n: number,
  plan: RunPlan,
  diagonal: boolean,
  active: boolean,
  mean: Float64Array,
  precision: Precision,
): CmaRun {
  const params = strategyParameters(n, plan.lambda, diagonal, active);
  return {
    lambda: plan.lambda,
    regime: plan.regime,
    sigma0: plan.sigma0,
    maxEvaluations: plan.maxEvaluations,
    dist: createDistribution(params, diagonal, mean, plan.sigma0),
    samples: newVector(precision, plan.lambda * n),
    history: [],
  };
}

/** The run as plain JSON (floats exact, see @arena/float-json). */
export function runToJson(r: CmaRun): CmaRunState {
  const d = r.dist;
  return {
    lambda: r.lambda,
    regime: r.regime,
    sigma0: r.sigma0,
    maxEvaluations: r.maxEvaluations,
    mean: floatsToJson(d.mean),
    sigma: floatToJson(d.sigma),
    C: floatsToJson(d.C),
    B: floatsToJson(d.B),
    D: floatsToJson(d.D),
    pc: floatsToJson(d.pc),
    ps: floatsToJson(d.ps),
    generation: d.generation,
    eigenGeneration: d.eigenGeneration,
    samples: floatsToJson(r.samples),
    history: floatsToJson(Float64Array.from(r.history)),
  };
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Fills `r`, made by {@link newRun} with the saved λ, from {@link runToJson}'s output; throws a TypeError naming the field. */
export function runFromJson(owner: string, s: CmaRunState, r: CmaRun): void {
  const d = r.dist;
  floatsFromJson(owner, "run.mean", s.mean, d.n, d.mean);
  d.sigma = floatFromJson(owner, "run.sigma", s.sigma);
  floatsFromJson(owner, "run.C", s.C, d.C.length, d.C);
  floatsFromJson(owner, "run.B", s.B, d.B.length, d.B);
  floatsFromJson(owner, "run.D", s.D, d.n, d.D);
  floatsFromJson(owner, "run.pc", s.pc, d.n, d.pc);
  floatsFromJson(owner, "run.ps", s.ps, d.n, d.ps);
  floatsFromJson(owner, "run.samples", s.samples, r.samples.length, r.samples);
  for (const key of ["generation", "eigenGeneration"] as const) {
    if (!isCount(s[key])) throw new TypeError(`${owner}: state.run.${key} must be an integer >= 0`);
  }
  d.generation = s.generation;
  d.eigenGeneration = s.eigenGeneration;
  if (!Array.isArray(s.history)) throw new TypeError(`${owner}: state.run.history must be an array`);
  r.history.length = 0;
  r.history.push(...floatsFromJson(owner, "run.history", s.history, s.history.length));
}
