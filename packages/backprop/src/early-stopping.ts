/**
 * Early stopping: watch a validation figure, keep the best parameters, stop after `patience`
 * evaluations without an improvement larger than `minDelta`.
 */
import {
  type EarlyStoppingConfig,
  type ResolvedEarlyStopping,
  resolveEarlyStopping,
} from "./training-config.ts";

/**
 * Tracks the best value of a validation figure and a copy of the parameters that gave it
 * (Prechelt 1998; the rule of Keras's `EarlyStopping`): an evaluation improves when it beats the best so
 * far by more than `minDelta` (lower is better when `higherIsBetter` is false); after `patience`
 * evaluations in a row without improvement, `stopped` becomes true.
 *
 * @example
 * ```ts
 * import { EarlyStopping } from "@arena/backprop";
 * const es = new EarlyStopping({ patience: 2 }, 1, false);
 * const p = new Float32Array(1);
 * for (const [step, loss] of [[1, 0.5], [2, 0.4], [3, 0.45], [4, 0.41]]) {
 *   p[0] = step;
 *   es.update(loss, step, p);
 * }
 * console.log(es.stopped, es.bestStep, es.bestValue, es.bestParams[0]); // true 2 0.4 2
 * ```
 */
export class EarlyStopping {
  readonly config: ResolvedEarlyStopping;
  readonly higherIsBetter: boolean;
  /** The parameters of the best evaluation (a copy). */
  readonly bestParams: Float32Array;
  private best = Number.NaN;
  private bestAt = -1;
  private seen = false;
  private since = 0;
  private done = false;

  /**
   * @param config patience, minDelta, restoreBest, monitor (checked; unknown keys throw)
   * @param size length of the parameter vector
   * @param higherIsBetter true for accuracy, false for a loss or an RMSE
   */
  constructor(config: EarlyStoppingConfig | ResolvedEarlyStopping, size: number, higherIsBetter: boolean) {
    this.config = resolveEarlyStopping("earlyStopping", config);
    this.higherIsBetter = higherIsBetter;
    this.bestParams = new Float32Array(size);
  }

  /** True once patience has run out. */
  get stopped(): boolean {
    return this.done;
  }

  /** The best value seen (NaN before the first finite one). */
  get bestValue(): number {
    return this.best;
  }

  /** The step given with the best value (−1 before any). */
  get bestStep(): number {
    return this.bestAt;
  }

  /** Evaluations since the last improvement. */
  get waited(): number {
    return this.since;
  }

  /**
   * Records an evaluation. Returns true when it improved on the best (the parameters are then copied).
   * A non-finite value never improves. Evaluations after the stop are ignored.
   */
  update(value: number, step: number, params: Float32Array): boolean {
    if (this.done) return false;
    const { minDelta } = this.config;
    const improved =
      Number.isFinite(value) &&
      (!this.seen || (this.higherIsBetter ? value > this.best + minDelta : value < this.best - minDelta));
    if (improved) {
      this.best = value;
      this.bestAt = step;
      this.seen = true;
      this.bestParams.set(params);
      this.since = 0;
      return true;
    }
    this.since++;
    if (this.since >= this.config.patience) this.done = true;
    return false;
  }
}
