import {
  AskTellOptimizer,
  type Box,
  boxFromJson,
  boxToJson,
  floatsToJson,
  type Precision,
  rankOrder,
  resolveBox,
  sampleInBox,
  type Vector,
} from "@arena/objectives";
import { parseOptions } from "@arena/options";
import { sampleCandidate } from "./bounded-sampling.ts";
import { CMAESOptions, type CMAESSettings, type CMAESState, type RunSummary } from "./cmaes-options.ts";
import { type CmaRun, newRun, runFromJson, runToJson } from "./cmaes-run.ts";
import { refreshEigen } from "./distribution.ts";
import { planRestart, type RestartLedger, type RunPlan } from "./restarts.ts";
import { type CmaStopReason, checkStop, tolFunHistoryLength } from "./stop-criteria.ts";
import { defaultPopulationSize, type StrategyParameters } from "./strategy-parameters.ts";
import { updateDistribution } from "./update.ts";

const OWNER = "CMAES";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * CMA-ES, the covariance matrix adaptation evolution strategy, ask/tell, with the defaults of Hansen's
 * tutorial (2016, Table 1): λ = 4 + ⌊3 ln n⌋ samples x_k = m + σ y_k, y_k ~ N(0, C) per generation,
 * μ = ⌊λ/2⌋ log-weighted parents, cumulative step-size adaptation, and rank-one plus rank-μ updates of
 * C, active by default (the worse λ − μ samples get negative weights, as pycma's `CMA_active`;
 * equations in `update.ts` and `strategy-parameters.ts`), whose eigendecomposition (`symmetric-eigen.ts`) is refreshed every
 * ⌈λ/(c1+cμ)/n/10⌉ generations. `covariance: "diagonal"` is sep-CMA-ES (Ros & Hansen 2008): C diagonal,
 * O(n) per sample, learning rates × (n+2)/3, for large n.
 *
 * A run stops on tolX, tolFun or a condition number of C above 1e14 (`stop-criteria.ts`); then, with
 * `restarts`, a new run starts from a uniform random mean in the init range with a larger population
 * (IPOP) or alternately a larger or a small one (BIPOP); without restarts, or when none is left,
 * {@link CMAES.stopped} turns true and the distribution is frozen (ask() keeps sampling it, nothing is
 * learned). The `minimize` driver has no stop hook: pass `onGeneration: () => !cma.stopped()`.
 *
 * `populationSize` is λ of the current run: a restart resizes it (IPOP's doubled λ, BIPOP's small
 * ones) and every `ask()` returns exactly λ rows (`minimize` reads `populationSize` every generation).
 * The box is handled by resampling (`bounded-sampling.ts`). The distribution is float64; the asked
 * rows are stored in `precision` (float32 rounds them, and the update uses the rounded points).
 *
 * @example
 * ```ts
 * import { minimize, rosenbrock } from "@arena/objectives";
 * import { CMAES } from "@arena/cmaes";
 * const f = rosenbrock(5);
 * const cma = new CMAES({ dim: 5, lower: f.lower, upper: f.upper, rng: 1 });
 * const r = minimize(cma, f, { maxEvaluations: 20_000, target: 1e-10 });
 * console.log(r.f < 1e-10);
 * ```
 */
export class CMAES<P extends Precision = "float64"> extends AskTellOptimizer<P> {
  readonly settings: Readonly<CMAESSettings>;
  private readonly box: Box;
  private run: CmaRun;
  private ledger: RestartLedger = { restarts: 0, largeRuns: 0, largeEvaluations: 0, smallEvaluations: 0 };
  private summaries: Mutable<RunSummary>[] = [];
  private finalReason: CmaStopReason | null = null;
  private readonly z: Float64Array;
  private readonly y: Float64Array;

  constructor(options: CMAESOptions<P>) {
    const o = parseOptions(OWNER, CMAESOptions, options);
    const dim = o.dim;
    const precision = o.precision as P;
    super(OWNER, dim, o.populationSize ?? defaultPopulationSize(dim), o.rng, precision);
    this.box = resolveBox(
      OWNER,
      dim,
      { lower: o.lower, upper: o.upper, initLower: o.initLower, initUpper: o.initUpper },
      precision,
    );
    let width = 0;
    for (let d = 0; d < dim; d++) width += (this.box.initUpper[d] - this.box.initLower[d]) / dim;
    this.settings = {
      populationSize: this.populationSize,
      x0: o.x0 === undefined ? null : floatsToJson(Float64Array.from(o.x0)),
      sigma0: o.sigma0 ?? 0.3 * width,
      covariance: o.covariance,
      active: o.active,
      restarts: o.restarts ?? null,
      tolX: o.tolX,
      tolFun: o.tolFun,
      tolConditionCov: o.tolConditionCov,
      ...boxToJson(this.box),
    };
    this.z = new Float64Array(dim);
    this.y = new Float64Array(dim);
    const mean = new Float64Array(dim);
    if (o.x0 !== undefined) mean.set(o.x0);
    else sampleInBox(mean, this.box.initLower, this.box.initUpper, this.rng);
    this.run = this.startRun(
      { lambda: this.populationSize, sigma0: this.settings.sigma0, regime: "large", maxEvaluations: null },
      mean,
    );
  }

  private startRun(plan: RunPlan, mean: Float64Array): CmaRun {
    const s = this.settings;
    const run = newRun(this.dim, plan, s.covariance === "diagonal", s.active, mean, this.precision);
    const { lambda, sigma0, regime } = plan;
    this.summaries.push({ lambda, regime, sigma0, evaluations: 0, stopReason: null });
    this.run = run;
    this.resizePopulation(plan.lambda);
    this.sampleGeneration();
    return run;
  }

  private sampleGeneration(): void {
    const { dist, samples, lambda } = this.run;
    const n = this.dim;
    for (let k = 0; k < lambda; k++) {
      sampleCandidate(dist, this.rng, this.box, this.z, this.y, samples.subarray(k * n, (k + 1) * n));
    }
  }

  protected candidates(): Vector {
    return this.run.samples;
  }

  protected advance(): void {
    this.summaries[this.summaries.length - 1].evaluations += this.run.lambda;
    if (this.finalReason === null && this.endGeneration()) return;
    this.sampleGeneration();
  }

  /** Updates the distribution from the told generation; true when a restart already sampled anew. */
  private endGeneration(): boolean {
    const r = this.run;
    const d = r.dist;
    const n = this.dim;
    const ys = new Float64Array(r.lambda * n);
    for (let k = 0; k < r.lambda; k++) {
      for (let j = 0; j < n; j++) ys[k * n + j] = (r.samples[k * n + j] - d.mean[j]) / d.sigma;
    }
    const fitness = this.fitness.subarray(0, r.lambda);
    const order = new Int32Array(r.lambda);
    rankOrder(fitness, order);
    updateDistribution(d, ys, order);
    refreshEigen(d);
    r.history.push(fitness[order[0]]);
    if (r.history.length > tolFunHistoryLength(n, r.lambda)) r.history.shift();
    const s = this.settings;
    const tol = { tolX: s.tolX * r.sigma0, tolFun: s.tolFun, tolConditionCov: s.tolConditionCov };
    const summary = this.summaries[this.summaries.length - 1];
    const overBudget = r.maxEvaluations !== null && summary.evaluations >= r.maxEvaluations;
    const reason = checkStop(d, tol, r.history, fitness) ?? (overBudget ? "smallRunBudget" : null);
    if (reason === null) return false;
    summary.stopReason = reason;
    const plan = planRestart(s.restarts, this.ledger, summary, s.populationSize, s.sigma0, this.rng);
    if (plan === null) {
      this.finalReason = reason;
      return false;
    }
    const mean = new Float64Array(n);
    sampleInBox(mean, this.box.initLower, this.box.initUpper, this.rng);
    this.startRun(plan, mean);
    return true;
  }

  /** True once a run has stopped and no restart is left: nothing more will be learned. */
  stopped(): boolean {
    return this.finalReason !== null;
  }

  /** Why the optimizer stopped for good, or null while it searches (see {@link CmaStopReason}). */
  stopReason(): CmaStopReason | null {
    return this.finalReason;
  }

  /** The runs so far (one without restarts), the current one last. */
  runs(): RunSummary[] {
    return this.summaries.map((s) => ({ ...s }));
  }

  /** The current distribution's mean m (a copy, float64). */
  mean(): Float64Array {
    return this.run.dist.mean.slice();
  }

  /** The current step size σ. */
  stepSize(): number {
    return this.run.dist.sigma;
  }

  /** The current covariance matrix C, n × n row-major (a copy; off-diagonal zeros for sep-CMA-ES). */
  covariance(): Float64Array {
    const { n, C, diagonal } = this.run.dist;
    if (!diagonal) return C.slice();
    const full = new Float64Array(n * n);
    for (let i = 0; i < n; i++) full[i * n + i] = C[i];
    return full;
  }

  /** The strategy parameters of the current run (λ, μ, weights, learning rates). */
  parameters(): StrategyParameters {
    return this.run.dist.params;
  }

  state(): CMAESState<P> {
    return {
      ...this.baseState(),
      options: structuredClone(this.settings) as CMAESSettings,
      run: runToJson(this.run),
      ledger: { ...this.ledger },
      runs: this.runs(),
      stopReason: this.finalReason,
    };
  }

  /**
   * Resumes a CMA-ES saved by `state()` (also after a JSON round trip) exactly where it stopped, in the
   * precision it was saved in; with `precision`, throws unless the state has that one.
   */
  static fromState<P extends Precision = Precision>(state: CMAESState<P>, precision?: P): CMAES<P> {
    const owner = `${OWNER}.fromState`;
    const o = state?.options;
    if (o === null || typeof o !== "object") throw new TypeError(`${owner}: state.options is missing`);
    const cma = new CMAES<P>({
      dim: state.dim,
      populationSize: o.populationSize,
      sigma0: o.sigma0,
      covariance: o.covariance,
      active: o.active,
      restarts: o.restarts ?? undefined,
      tolX: o.tolX,
      tolFun: o.tolFun,
      tolConditionCov: o.tolConditionCov,
      ...boxFromJson(owner, o, state.dim),
      precision: (precision ?? state.precision) as P,
      // Throwaway stream for the constructor's draws; restoreBaseState installs the saved one.
      rng: "fromState",
    });
    const plan = state.run;
    if (plan === null || typeof plan !== "object") throw new TypeError(`${owner}: state.run is missing`);
    // The current run's λ is the population asked now (restoreBaseState checks it against the state's).
    if (!Number.isSafeInteger(plan.lambda) || plan.lambda < 2)
      throw new TypeError(`${owner}: state.run.lambda must be an integer >= 2`);
    cma.resizePopulation(plan.lambda);
    cma.restoreBaseState(state);
    // The constructor's x0 is not needed: the saved run carries its own mean.
    (cma.settings as Mutable<CMAESSettings>).x0 = o.x0 ?? null;
    cma.ledger = { ...state.ledger };
    cma.summaries = state.runs.map((s) => ({ ...s }));
    cma.finalReason = state.stopReason ?? null;
    const diagonal = o.covariance === "diagonal";
    const maxEvaluations = plan.maxEvaluations ?? null;
    if (maxEvaluations !== null && !(maxEvaluations >= 0))
      throw new TypeError(`${owner}: state.run.maxEvaluations must be null or a number >= 0`);
    cma.run = newRun(
      cma.dim,
      { ...plan, maxEvaluations },
      diagonal,
      o.active,
      new Float64Array(cma.dim),
      cma.precision,
    );
    runFromJson(owner, state.run, cma.run);
    return cma;
  }
}
