import type { Vector } from "./precision.ts";

/** The best candidate seen so far and its value. */
export interface BestPoint<V extends Vector = Float64Array> {
  x: V;
  f: number;
}

/**
 * An ask/tell optimizer over a population matrix, one row per candidate, so a whole population can be
 * evaluated in one batched pass (and in parallel). Lower fitness is better.
 *
 * Beyond the minimal ask/tell contract (`ask`, `tell`, `best`), it carries what a driver needs to budget,
 * log and resume a run: the sizes (`dim`, `populationSize`), the counts (`generation`, `evaluations`)
 * and `state()`.
 *
 * `V` is the array the candidates come in: `Float64Array` by default, `Float32Array` for an optimizer
 * built with `precision: "float32"`.
 */
export interface PopulationOptimizer<V extends Vector = Float64Array> {
  /** Length of every candidate vector. */
  readonly dim: number;
  /** Rows returned by every `ask()`. */
  readonly populationSize: number;
  /** Completed generations: the number of `tell` calls so far. */
  readonly generation: number;
  /** Fitness values told so far (`generation × populationSize`). */
  readonly evaluations: number;
  /**
   * The candidates to evaluate now: `populationSize × dim`, row-major. The array is the optimizer's own
   * buffer: read it, do not modify it; it stays valid until the next `tell`. Asking twice without a
   * `tell` returns the same candidates.
   */
  ask(): V;
  /** One fitness per row of the last `ask()`, lower is better. Non-finite values rank worst. */
  tell(fitness: ArrayLike<number>): void;
  /** The best candidate told so far (a copy). Throws before the first `tell`. */
  best(): BestPoint<V>;
  /** Everything needed to resume exactly, as plain JSON (each optimizer class has a static `fromState`). */
  state(): unknown;
  /**
   * Optional: true once the optimizer has stopped by its own criteria (CMA-ES's tolX, tolFun, condition
   * number); `minimize` then ends with stop reason "optimizer".
   */
  stopped?(): boolean;
}
