/**
 * Early stopping: watch a validation figure, keep the best parameters, stop after `patience`
 * evaluations without an improvement larger than `minDelta`.
 */

import { floatsFromJson, floatsToJson, type JsonFloat } from "@arena/float-json";
import { parseOptions } from "@arena/options";
import * as z from "zod";

/**
 * Early stopping on the validation split (Prechelt 1998, "Early stopping — but when?"; Keras's
 * `EarlyStopping`): stop when the monitored figure has not improved by more than `minDelta` for
 * `patience` consecutive evaluations.
 */
export const earlyStoppingConfig = z
  .strictObject({
    patience: z.number().int().min(1).describe("evaluations without improvement before stopping, >= 1"),
    minDelta: z
      .number()
      .min(0)
      .default(0)
      .describe("an improvement must exceed this, >= 0 (0: any strict improvement counts)"),
    restoreBest: z
      .boolean()
      .default(true)
      .describe("put back the parameters of the best evaluation when training stops"),
    monitor: z
      .enum(["loss", "metric"])
      .default("loss")
      .describe(
        '"loss": the validation loss, lower is better; "metric": the model\'s metric (accuracy up, RMSE down)',
      ),
  })
  .describe("early stopping on the validation split (never the test split)");

/** An early-stopping config as written. */
export type EarlyStoppingConfig = z.input<typeof earlyStoppingConfig>;
/** An early-stopping config with its defaults filled in. */
export type ResolvedEarlyStopping = z.output<typeof earlyStoppingConfig>;

/** Plain-JSON state of an {@link EarlyStopping}; `best` and `bestParams` as exact float JSON (`@arena/float-json`). */
export interface EarlyStoppingState {
  best: JsonFloat[];
  bestStep: number;
  seen: boolean;
  waited: number;
  stopped: boolean;
  bestParams: JsonFloat[];
}

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
   * @param config patience, minDelta, restoreBest, monitor (checked against `earlyStoppingConfig`)
   * @param size length of the parameter vector
   * @param higherIsBetter true for accuracy, false for a loss or an RMSE
   */
  constructor(config: EarlyStoppingConfig | ResolvedEarlyStopping, size: number, higherIsBetter: boolean) {
    this.config = parseOptions("EarlyStopping", earlyStoppingConfig, config);
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

  /** Everything needed to continue, as plain JSON. */
  state(): EarlyStoppingState {
    return {
      best: floatsToJson([this.best]),
      bestStep: this.bestAt,
      seen: this.seen,
      waited: this.since,
      stopped: this.done,
      bestParams: floatsToJson(this.bestParams),
    };
  }

  /** Continues from `state()` of an EarlyStopping with the same config and parameter count. */
  restore(state: EarlyStoppingState): void {
    const owner = "EarlyStopping.restore";
    const best = floatsFromJson(owner, "best", state?.best, 1);
    const params = floatsFromJson(owner, "bestParams", state.bestParams, this.bestParams.length);
    if (!Number.isInteger(state.bestStep) || state.bestStep < -1)
      throw new RangeError(`${owner}: bestStep must be an integer >= -1, got ${String(state.bestStep)}`);
    if (!Number.isInteger(state.waited) || state.waited < 0)
      throw new RangeError(`${owner}: waited must be an integer >= 0, got ${String(state.waited)}`);
    this.best = best[0];
    this.bestAt = state.bestStep;
    this.seen = state.seen === true;
    this.since = state.waited;
    this.done = state.stopped === true;
    this.bestParams.set(params);
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
