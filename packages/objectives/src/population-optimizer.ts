/** The best candidate seen so far and its value. */
export interface BestPoint {
  x: Float32Array;
  f: number;
}

/**
 * An ask/tell optimizer over a population matrix, one row per candidate, so a whole population can be
 * evaluated in one batched pass (and in parallel). Lower fitness is better.
 *
 * Beyond the minimal ask/tell contract (`ask`, `tell`, `best`), it carries what a driver needs to budget,
 * log and resume a run: the sizes (`dim`, `populationSize`), the counts (`generation`, `evaluations`)
 * and `state()`.
 */
export interface PopulationOptimizer {
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
  ask(): Float32Array;
  /** One fitness per row of the last `ask()`, lower is better. Non-finite values rank worst. */
  tell(fitness: ArrayLike<number>): void;
  /** The best candidate told so far (a copy). Throws before the first `tell`. */
  best(): BestPoint;
  /** Everything needed to resume exactly, as plain JSON (each optimizer class has a static `fromState`). */
  state(): unknown;
}
