import { floatFromJson, floatsFromJson, floatsToJson, floatToJson, type JsonFloat } from "@arena/float-json";
import { RngOption } from "@arena/options";
import { Rng, type RngState } from "@arena/rng";
import * as z from "zod";
import { sanitizeFitness } from "./fitness.ts";
import type { BestPoint, PopulationOptimizer } from "./population-optimizer.ts";
import {
  newVector,
  type Precision,
  PrecisionOption,
  statePrecision,
  type Vector,
  type VectorOf,
} from "./precision.ts";

/** The options every ask/tell optimizer takes; each optimizer's schema spreads this shape into its own. */
export const AskTellOptions = z.strictObject({
  dim: z.number().int().min(1).describe("length of a candidate vector"),
  rng: RngOption,
  precision: PrecisionOption,
});
export type AskTellOptions = z.input<typeof AskTellOptions>;

/**
 * An optimizer's options with `precision` typed as `P`, so that the constructor infers the precision
 * from the literal it is given (`"float64"` when it is left out) and `ask()` returns the matching array.
 */
export type WithPrecision<O, P extends Precision> = Omit<O, "precision"> & { precision?: P };

/** The part of every optimizer's `state()` that {@link AskTellOptimizer} owns. */
export interface AskTellState<P extends Precision = Precision> {
  /** The class name, checked by `fromState`. */
  readonly type: string;
  readonly version: 1;
  /** The precision of the candidates; a state is resumed in the same one (absent in older states: float32). */
  readonly precision: P;
  readonly dim: number;
  readonly populationSize: number;
  readonly generation: number;
  readonly evaluations: number;
  /** Whether the current candidates were asked for and await a `tell`. */
  readonly asked: boolean;
  /** The best point told so far, or null before the first `tell`. */
  readonly best: { readonly x: JsonFloat[]; readonly f: JsonFloat } | null;
  readonly rng: RngState;
}

/**
 * The bookkeeping every ask/tell optimizer shares: the ask-before-tell protocol, the length check on
 * `tell`, sanitizing fitness (non-finite ranks worst), the best-so-far point, generation and evaluation
 * counts, and their part of `state()`. A subclass provides the candidates and how one generation's
 * fitness moves the search on.
 */
export abstract class AskTellOptimizer<P extends Precision = "float64">
  implements PopulationOptimizer<VectorOf<P>>
{
  readonly dim: number;
  /** The precision the candidates are stored in (the `precision` option). */
  readonly precision: P;
  /** The class name used in errors and in `state().type`. */
  protected readonly owner: string;
  protected rng: Rng;
  /** The last told fitness, sanitized (non-finite replaced by +Infinity). */
  protected fitness: Float64Array;
  private size: number;
  private generationCount = 0;
  private evaluationCount = 0;
  private asked = false;
  private readonly bestX: Vector;
  private bestF = Number.POSITIVE_INFINITY;
  private hasBest = false;

  /** `dim`, `populationSize`, `rng` and `precision` come validated from the subclass's options schema. */
  protected constructor(owner: string, dim: number, populationSize: number, rng: Rng, precision: P) {
    this.owner = owner;
    this.dim = dim;
    this.rng = rng;
    this.precision = precision;
    this.size = populationSize;
    this.fitness = new Float64Array(populationSize);
    this.bestX = newVector(precision, this.dim);
  }

  /** The rows of the next `ask()`. */
  get populationSize(): number {
    return this.size;
  }

  /**
   * Sets the rows of the next `ask()`, for an optimizer whose population changes between generations
   * (L-SHADE's linear reduction, a restart with a larger population). Only between a `tell` and the
   * next `ask`.
   */
  protected resizePopulation(n: number): void {
    if (n > this.fitness.length) this.fitness = new Float64Array(n);
    this.size = n;
  }

  get generation(): number {
    return this.generationCount;
  }

  get evaluations(): number {
    return this.evaluationCount;
  }

  /** The current candidates (`populationSize × dim`, stored in `precision`), returned by `ask()`. */
  protected abstract candidates(): Vector;

  /**
   * Moves the search on after a generation: `this.fitness` holds the sanitized values of the rows of
   * `candidates()`, and the best-so-far point is already updated. Afterwards `candidates()` must return
   * the next generation.
   */
  protected abstract advance(): void;

  ask(): VectorOf<P> {
    this.asked = true;
    return this.candidates() as VectorOf<P>;
  }

  tell(fitness: ArrayLike<number>): void {
    if (!this.asked) throw new Error(`${this.owner}.tell: no candidates are pending; call ask() first`);
    if (fitness === null || typeof fitness !== "object" || fitness.length !== this.populationSize) {
      const got =
        fitness === null || typeof fitness !== "object" ? String(fitness) : `${fitness.length} values`;
      throw new RangeError(`${this.owner}.tell: got ${got}, expected one per row (${this.populationSize})`);
    }
    sanitizeFitness(fitness, this.fitness);
    const xs = this.candidates();
    const dim = this.dim;
    let arg = -1;
    let fmin = this.bestF;
    for (let i = 0; i < this.populationSize; i++) {
      if (this.fitness[i] < fmin) {
        fmin = this.fitness[i];
        arg = i;
      }
    }
    // Before anything finite is seen, the first row stands in as best (with f = +Infinity).
    if (arg < 0 && !this.hasBest) arg = 0;
    if (arg >= 0) {
      this.bestF = this.fitness[arg];
      this.bestX.set(xs.subarray(arg * dim, (arg + 1) * dim));
      this.hasBest = true;
    }
    this.asked = false;
    this.generationCount++;
    this.evaluationCount += this.populationSize;
    this.advance();
  }

  best(): BestPoint<VectorOf<P>> {
    if (!this.hasBest)
      throw new Error(`${this.owner}.best: nothing has been told yet; call ask() and tell() first`);
    return { x: this.bestX.slice() as VectorOf<P>, f: this.bestF };
  }

  /** Best fitness so far, +Infinity before the first `tell` (no copy). */
  protected bestValue(): number {
    return this.bestF;
  }

  /** Everything needed to resume exactly, as plain JSON. */
  abstract state(): unknown;

  /** The shared part of `state()`. */
  protected baseState(): AskTellState<P> {
    return {
      type: this.owner,
      version: 1,
      precision: this.precision,
      dim: this.dim,
      populationSize: this.populationSize,
      generation: this.generationCount,
      evaluations: this.evaluationCount,
      asked: this.asked,
      best: this.hasBest ? { x: floatsToJson(this.bestX), f: floatToJson(this.bestF) } : null,
      rng: this.rng.state(),
    };
  }

  /**
   * Restores the shared part of `state()` into an optimizer constructed with the same options. Throws
   * when the state is of another type or shape.
   */
  protected restoreBaseState(s: AskTellState): void {
    const owner = `${this.owner}.fromState`;
    if (s === null || typeof s !== "object")
      throw new TypeError(`${owner}: expected a state object, got ${String(s)}`);
    if (s.type !== this.owner)
      throw new TypeError(`${owner}: state is of type ${String(s.type)}, expected ${this.owner}`);
    if (s.version !== 1)
      throw new TypeError(`${owner}: state version ${String(s.version)} is not supported (expected 1)`);
    statePrecision(owner, s, this.precision);
    if (s.dim !== this.dim || s.populationSize !== this.populationSize) {
      throw new TypeError(
        `${owner}: state has dim ${s.dim} and populationSize ${s.populationSize}, options say ${this.dim} and ${this.populationSize}`,
      );
    }
    const generation = s.generation;
    const evaluations = s.evaluations;
    if (
      !Number.isSafeInteger(generation) ||
      generation < 0 ||
      !Number.isSafeInteger(evaluations) ||
      evaluations < 0
    )
      throw new TypeError(`${owner}: state.generation and state.evaluations must be integers >= 0`);
    if (typeof s.asked !== "boolean") throw new TypeError(`${owner}: state.asked must be a boolean`);
    this.generationCount = generation;
    this.evaluationCount = evaluations;
    this.asked = s.asked;
    if (s.best === null) {
      this.hasBest = false;
      this.bestF = Number.POSITIVE_INFINITY;
      this.bestX.fill(0);
    } else {
      floatsFromJson(owner, "best.x", s.best?.x, this.dim, this.bestX);
      this.bestF = floatFromJson(owner, "best.f", s.best.f);
      this.hasBest = true;
    }
    this.rng = Rng.fromState(s.rng);
  }
}
