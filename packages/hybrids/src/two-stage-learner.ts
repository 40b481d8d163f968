import {
  type BackpropLearner,
  type BackpropLearnerState,
  backpropLearner,
  backpropLearnerConfig,
  resumeBackpropLearner,
} from "@arena/backprop";
import type { Problem } from "@arena/datasets";
import { type NeuroevolutionState, type PopulationLearner, resumeLearner } from "@arena/neuroevolution";
import type { AnyModel, Cost, Learner, RunLimits } from "@arena/nn";
import { parseOptions, searchable } from "@arena/options";
import { Rng, type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import { buildSearch, checkSearch, searchShape } from "./population-search.ts";

/** The second stage's default: Adam at backprop's defaults (lr 1e-3, batches of 32). */
export const TWO_STAGE_BACKPROP_DEFAULT = { optimizer: { kind: "adam" } } as const;

/** Config of {@link twoStageLearner} (plain JSON): the schema gives its type, defaults, checks and docs. */
export const TwoStageLearnerConfig = z
  .strictObject({
    ...searchShape,
    share: searchable(z.number().min(0).max(1).default(0.5), { low: 0.1, high: 0.9 }).describe(
      "the fraction of the run's budget the population search gets; backprop gets the rest",
    ),
    backprop: backpropLearnerConfig
      .prefault(TWO_STAGE_BACKPROP_DEFAULT)
      .describe("backpropLearner's config for the second stage (default: Adam)"),
  })
  .superRefine((c, ctx) => {
    if (ctx.issues.length === 0) checkSearch(c, ctx);
  })
  .describe("population search for a share of the budget, then backprop from its best point");
export type TwoStageLearnerConfig = z.input<typeof TwoStageLearnerConfig>;
/** {@link TwoStageLearnerConfig} with every default filled in, as recorded in `state()`. */
export type ResolvedTwoStageConfig = z.output<typeof TwoStageLearnerConfig>;

/** The run's budget, as the harness gives it: FLOPs, evaluations, or both (an absent unit is unlimited). */
export type TwoStageBudget = Pick<RunLimits, "flops" | "evaluations">;

/** Plain-JSON state of a {@link TwoStageLearner}: everything `resumeHybridLearner` needs. */
export interface TwoStageState {
  readonly format: "arena-hybrids";
  readonly version: 1;
  readonly kind: "two-stage";
  readonly config: ResolvedTwoStageConfig;
  readonly budget: TwoStageBudget;
  /** The seed path of the backprop learner's stream (the run's stream forked "backprop"). */
  readonly backpropSeed: string;
  /** What the search has spent (all of its cost, once the run is in the backprop stage). */
  readonly searchSpent: Cost;
  /** The search's state during the first stage, else null. */
  readonly search: NeuroevolutionState | null;
  /** The backprop learner's state during the second stage, else null. */
  readonly backprop: BackpropLearnerState | null;
}

/** What a {@link TwoStageLearner} is built from: the factory's new search, or a saved state's stage. */
export interface TwoStageParts {
  model: AnyModel;
  problem: Problem;
  config: ResolvedTwoStageConfig;
  budget: TwoStageBudget;
  /** The seed path of the backprop learner's stream. */
  backpropSeed: string;
  /** Exactly one of the two: the stage the learner is in. */
  search: PopulationLearner | null;
  backprop: BackpropLearner | null;
  /** What the search has spent so far. */
  searchSpent: Cost;
}

/**
 * The learner {@link twoStageLearner} returns. Stage 1: each `step()` is a step of the population
 * learner, its allowance capped at what is left of the search's share. Stage 2: each is a backprop
 * update. The switch happens inside the step in which the search can no longer do anything within its
 * share (or has stopped by its own rule): the backprop learner is built from the search's best
 * `current()` and takes that step with the step's allowance, so no step exceeds it. Every step charges
 * exactly what its stage spent.
 */
export class TwoStageLearner implements Learner {
  readonly name: string;
  /** The search's share of the budget, in each unit (Infinity where the run has no limit). */
  readonly searchLimit: Cost;
  private readonly model: AnyModel;
  private readonly problem: Problem;
  private readonly config: ResolvedTwoStageConfig;
  private readonly budget: TwoStageBudget;
  private readonly backpropSeed: string;
  private search: PopulationLearner | null;
  private backprop: BackpropLearner | null;
  private readonly searchSpent: Cost;

  constructor(parts: TwoStageParts) {
    if ((parts.search === null) === (parts.backprop === null)) {
      throw new TypeError("TwoStageLearner: expected exactly one of search and backprop");
    }
    this.model = parts.model;
    this.problem = parts.problem;
    this.config = parts.config;
    this.budget = { ...parts.budget };
    this.backpropSeed = parts.backpropSeed;
    this.search = parts.search;
    this.backprop = parts.backprop;
    this.searchSpent = { ...parts.searchSpent };
    this.name = `two-stage-${parts.config.search}`;
    this.searchLimit = searchLimit(parts.config.share, parts.budget);
  }

  /** 1 during the population search, 2 during backprop. */
  get stage(): 1 | 2 {
    return this.backprop === null ? 1 : 2;
  }

  step(allowance?: Cost): Cost {
    if (this.search !== null) {
      const cost = this.stepSearch(allowance);
      if (cost !== null) return cost;
      this.startBackprop(this.search.current());
    }
    return (this.backprop as BackpropLearner).step(allowance);
  }

  /**
   * A search step within what is left of its share and of `allowance`. Null when the stage is over: the
   * search has stopped, or its share (not the run's allowance) left it nothing to do. When the run's
   * allowance is what fits nothing, the cost is zero and the run ends in stage 1.
   */
  private stepSearch(allowance: Cost | undefined): Cost | null {
    const search = this.search as PopulationLearner;
    if (search.finished()) return null;
    const left = {
      flops: this.searchLimit.flops - this.searchSpent.flops,
      evaluations: this.searchLimit.evaluations - this.searchSpent.evaluations,
    };
    const cost = search.step(capAllowance(left, allowance));
    if (cost.flops > 0 || cost.evaluations > 0) {
      this.searchSpent.flops += cost.flops;
      this.searchSpent.evaluations += cost.evaluations;
      return cost;
    }
    const shareBinds =
      allowance === undefined || left.flops < allowance.flops || left.evaluations < allowance.evaluations;
    return shareBinds ? null : cost;
  }

  /** Ends the search: backprop from `start` (the search's best point) on the model's own parameters. */
  private startBackprop(start: Float32Array): void {
    this.model.params.set(start);
    this.search = null;
    this.backprop = backpropLearner(
      this.model,
      this.problem,
      this.config.backprop,
      new Rng(this.backpropSeed),
    );
  }

  current(): Float32Array {
    return this.search !== null ? this.search.current() : (this.backprop as BackpropLearner).current();
  }

  /** The stage's learner's series, plus `stage` ([1] or [2]) and `search_flops` (what the search spent). */
  diagnostics(): Record<string, number[]> {
    const own =
      this.search !== null ? this.search.diagnostics() : (this.backprop as BackpropLearner).diagnostics();
    return { ...own, stage: [this.stage], search_flops: [this.searchSpent.flops] };
  }

  /** Backprop's early stopping; a search that stops by its own rule hands over to backprop instead. */
  finished(): boolean {
    return this.backprop?.finished() ?? false;
  }

  state(): TwoStageState {
    return {
      format: "arena-hybrids",
      version: 1,
      kind: "two-stage",
      config: structuredClone(this.config),
      budget: { ...this.budget },
      backpropSeed: this.backpropSeed,
      searchSpent: { ...this.searchSpent },
      search: this.search?.state() ?? null,
      backprop: this.backprop?.state() ?? null,
    };
  }
}

/** The rest of the search's share capped by the run's allowance; undefined when neither limits the step. */
function capAllowance(left: Cost, allowance: Cost | undefined): Cost | undefined {
  const capped =
    allowance === undefined
      ? left
      : {
          flops: Math.min(left.flops, allowance.flops),
          evaluations: Math.min(left.evaluations, allowance.evaluations),
        };
  const unlimited =
    capped.flops === Number.POSITIVE_INFINITY && capped.evaluations === Number.POSITIVE_INFINITY;
  return unlimited ? undefined : capped;
}

/**
 * The search's share of `budget` in each unit, floored: Infinity where the unit has no limit (the other
 * unit's share then ends the search), and whatever the budget, none at share 0 and all at share 1.
 */
function searchLimit(share: number, budget: TwoStageBudget): Cost {
  const part = (limit: number | undefined): number => {
    if (share === 0) return 0;
    if (share === 1 || limit === undefined || limit === Number.POSITIVE_INFINITY)
      return Number.POSITIVE_INFINITY;
    return Math.floor(share * limit);
  };
  return { flops: part(budget.flops), evaluations: part(budget.evaluations) };
}

/** Checks the budget a share needs: a share strictly between 0 and 1 is a part of a limit. */
function checkBudget(owner: string, share: number, budget: TwoStageBudget): void {
  for (const unit of ["flops", "evaluations"] as const) {
    const v = budget[unit];
    if (v !== undefined && !(v >= 0)) {
      throw new RangeError(`${owner}: budget.${unit} must be a number >= 0 or absent, got ${String(v)}`);
    }
  }
  const limited = [budget.flops, budget.evaluations].some((v) => v !== undefined && Number.isFinite(v));
  if (share > 0 && share < 1 && !limited) {
    throw new RangeError(
      `${owner}: share is ${share}, a part of the run's budget, but the budget gives no finite flops or evaluations (pass the run's budget, or share 0 or 1)`,
    );
  }
}

const OWNER = "twoStageLearner";

/**
 * The simple two-stage hybrid: the population learner `config.search` (GA by default, or PSO, built from
 * its own config block with `rng`, as on its own) runs for `share` of the run's `budget` (the harness
 * passes its budget; FLOPs, evaluations or both, each shared alike), then `backpropLearner` (config
 * `backprop`, stream `rng.fork("backprop")`) trains on from the search's best point for the rest. A share
 * strictly between 0 and 1 needs a finite budget; 0 is backprop alone from the initial weights, 1 the
 * search alone.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * import { createModel } from "@arena/nn";
 * import { twoStageLearner } from "@arena/hybrids";
 * const problem = getProblem("xor").load(new Rng(1));
 * const model = createModel({ kind: "mlp", layers: [2, 4, 1], activation: "sigmoid", output: "sigmoid", loss: "mse" }, new Rng(2));
 * const learner = twoStageLearner(model, problem, { share: 0.3, backprop: { optimizer: { kind: "adam", lr: 0.1 }, batchSize: 4 } }, new Rng(3), { flops: 1e6 });
 * for (let i = 0; i < 5; i++) learner.step();
 * console.log(learner.stage); // 1
 * ```
 */
export function twoStageLearner(
  model: AnyModel,
  problem: Problem,
  config: TwoStageLearnerConfig | Record<string, unknown>,
  rngLike: RngLike,
  budget: TwoStageBudget = {},
): TwoStageLearner {
  const c = parseOptions(OWNER, TwoStageLearnerConfig, config);
  checkBudget(OWNER, c.share, budget);
  const rng = toRng(rngLike, OWNER);
  return new TwoStageLearner({
    model,
    problem,
    config: c,
    budget,
    backpropSeed: rng.fork("backprop").seed,
    search: buildSearch(model, problem, c, rng),
    backprop: null,
    searchSpent: { flops: 0, evaluations: 0 },
  });
}

/** Rebuilds a two-stage learner from its `state()`; it continues bit for bit. */
export function resumeTwoStage(model: AnyModel, problem: Problem, state: TwoStageState): TwoStageLearner {
  const owner = "resumeHybridLearner";
  const c = parseOptions(owner, TwoStageLearnerConfig, state.config);
  const budget = state.budget ?? {};
  checkBudget(owner, c.share, budget);
  if (typeof state.backpropSeed !== "string") {
    throw new TypeError(
      `${owner}: state.backpropSeed must be a seed path, got ${String(state.backpropSeed)}`,
    );
  }
  if ((state.search === null) === (state.backprop === null)) {
    throw new TypeError(`${owner}: a two-stage state holds exactly one of search and backprop`);
  }
  return new TwoStageLearner({
    model,
    problem,
    config: c,
    budget,
    backpropSeed: state.backpropSeed,
    search: state.search === null ? null : resumeLearner(model, problem, state.search),
    backprop: state.backprop === null ? null : resumeBackpropLearner(model, problem, state.backprop),
    searchSpent: readSpent(owner, state.searchSpent),
  });
}

/** A saved `searchSpent`: two counts >= 0, else a TypeError naming the bad one. */
function readSpent(owner: string, spent: unknown): Cost {
  const out: Cost = { flops: 0, evaluations: 0 };
  for (const unit of ["flops", "evaluations"] as const) {
    const v = (spent as Partial<Cost> | undefined)?.[unit];
    if (typeof v !== "number" || !(v >= 0)) {
      throw new TypeError(`${owner}: state.searchSpent.${unit} must be a number >= 0, got ${String(v)}`);
    }
    out[unit] = v;
  }
  return out;
}
