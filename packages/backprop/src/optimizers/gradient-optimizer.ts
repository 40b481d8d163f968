/**
 * The gradient-optimizer contract (docs/ARCHITECTURE.md, "Contracts") — `step(params, grads)` updates `params` in place and the
 * optimizer keeps its own state — and the base class every optimizer here shares: step counting,
 * learning-rate schedule, lazily sized moment buffers, and exact save/restore.
 */

import { floatsFromJson, floatsToJson, type JsonFloat } from "@arena/float-json";
import { type Kernels, tsKernels } from "@arena/tensor";
import * as z from "zod";
import { gradNorm } from "../clipping.ts";
import { type ResolvedScheduleConfig, type Schedule, toSchedule } from "../schedules.ts";

/** The optimizers `createOptimizer` knows. */
export type OptimizerKind = "sgd" | "momentum" | "nesterov" | "adagrad" | "rmsprop" | "adam" | "adamw";

/** What every optimizer config has: a kind and a learning rate (constant or schedule). */
export interface OptimizerConfigBase {
  kind: OptimizerKind;
  lr: number | ResolvedScheduleConfig;
}

/** The `size` option every optimizer takes (not part of its config: a run's model fixes it). */
export const sizeOption = z
  .number()
  .int()
  .min(0)
  .optional()
  .describe("parameter-vector length, to allocate the state now rather than at the first step");

/**
 * Everything needed to resume an optimizer exactly; plain JSON. `buffers` holds each moment buffer's
 * values as exact float JSON (`@arena/float-json`: -0 and non-finite values as strings, which JSON numbers
 * cannot carry).
 */
export interface OptimizerState<C extends OptimizerConfigBase = OptimizerConfigBase> {
  /** The hyperparameters, every default filled in; `createOptimizer(config)` rebuilds the optimizer. */
  config: C;
  /** Steps taken so far; the next step uses `lr.at(step)` and Adam's bias correction for t = step + 1. */
  step: number;
  /** Length of the parameter vector, or null before the first step of an optimizer built without `size`. */
  size: number | null;
  buffers: Record<string, JsonFloat[]>;
}

/**
 * A gradient optimizer: `step(params, grads)` updates `params` in place from `grads` (same length).
 * State (moments, step count) lives inside it and round-trips through `state()` / `loadState()`.
 */
export interface GradientOptimizer {
  readonly kind: OptimizerKind;
  /** Steps taken so far. */
  readonly stepCount: number;
  /** Parameter-vector length the optimizer is bound to, or null until the first step. */
  readonly size: number | null;
  /** Arithmetic operations per parameter per step (see `flopsPerStep`). */
  readonly flopsPerElement: number;
  /** The learning rate of step `step` (default: the next step). */
  learningRate(step?: number): number;
  /** One update of `params` in place; `grads` is read only. No allocation after the first call. */
  step(params: Float32Array, grads: Float32Array): void;
  /**
   * Optional: run the update on `kernels` (the model's backend), whose kernel for this optimizer, if it
   * has one, gives the bits of the TypeScript loop. The state moves into the backend's memory
   * (`allocFloat64`); a trainer calls it once with its model's kernels.
   */
  useKernels?(kernels: Kernels): void;
  /**
   * Optional: `step`, returning the L2 norm of `grads` (the bits of `gradNorm`), which a kernel may
   * compute alongside the update (Adam on the WebAssembly backend: on its helper thread). With
   * `backup` (as long as params), a step that leaves a parameter non-finite, from a non-finite gradient
   * or an overflow, undoes itself: params are copied there first and back then, and the result is NaN
   * (the optimizer's state keeps the failed step, so the caller stops). Without it the update is done
   * whatever the gradient, which the caller must then have checked.
   */
  stepAndNorm?(params: Float32Array, grads: Float32Array, backup?: Float32Array): number;
  /**
   * Floating-point operations of one step on `size` parameters, counted analytically: every add,
   * multiply, divide and square root on a parameter-sized quantity is one FLOP; the O(1) per-step scalar
   * work (schedule, bias-correction powers) is not counted.
   */
  flopsPerStep(size: number): number;
  /** The hyperparameters as plain JSON, every default filled in. */
  config(): OptimizerConfigBase;
  /** A plain-JSON snapshot from which `loadState` or `restoreOptimizer` resumes bit for bit. */
  state(): OptimizerState;
  /**
   * Continues from a snapshot of an optimizer of the same kind: restores the step count and the moment
   * buffers. Hyperparameters stay this instance's own (so a resumed run may, say, lower the rate);
   * `restoreOptimizer(state)` rebuilds one with the saved hyperparameters instead.
   */
  loadState(state: OptimizerState): void;
}

/**
 * Shared machinery. Subclasses give the buffer names and implement `update`, a tight loop over the
 * vectors. Moment buffers are Float64Array: JavaScript computes in double anyway, so float64 storage
 * costs no conversions and no rounding of the state each step. With float32 state, small increments
 * such as Adam's (1 − β2)·g² = 1e-3·g², or Adagrad's g² added to an ever-growing sum, lose low bits
 * (or vanish once below 2^-24 of the total) and the state drifts from the published recurrence over long
 * runs. The price is 8 bytes per parameter per buffer instead of 4, which is small for Arena's models.
 * Parameters stay Float32Array (the model's format): each step's new value is computed in double and
 * rounded once when stored.
 */
export abstract class BaseOptimizer<C extends OptimizerConfigBase> implements GradientOptimizer {
  readonly kind: C["kind"];
  readonly flopsPerElement: number;
  /** The learning-rate schedule; `schedule.at(k)` is used by the k-th step. */
  protected readonly schedule: Schedule;
  /** Moment buffers, in the order of `bufferNames`; empty until the size is known. */
  protected buffers: Float64Array[] = [];
  /** The backend of `useKernels`, or null (the TypeScript loops). */
  protected kernels: Kernels | null = null;
  /** The buffers' owner, for the backend to take them back once this optimizer is collected. */
  private readonly owned: OwnedBuffers = { kernels: null, arrays: [] };
  private readonly name: string;
  private readonly hyper: C;
  private readonly bufferNames: readonly string[];
  private t = 0;
  private n = -1;

  protected constructor(name: string, config: C, bufferNames: readonly string[], flopsPerElement: number) {
    this.name = name;
    this.kind = config.kind;
    this.schedule = toSchedule(config.lr);
    this.hyper = { ...config, lr: typeof config.lr === "number" ? config.lr : this.schedule.config } as C;
    this.bufferNames = bufferNames;
    this.flopsPerElement = flopsPerElement;
    collected.register(this, this.owned);
  }

  useKernels(kernels: Kernels): void {
    if (kernels === this.kernels) return;
    this.kernels = kernels;
    if (this.n >= 0) this.replaceBuffers(this.buffers);
  }

  /**
   * Allocates the state for `size` parameters now (the `size` option, validated by the optimizer's
   * schema) instead of at the first step. Subclasses call it last in their constructor, once the
   * fields `initBuffers` reads are set.
   */
  protected presize(size: number | undefined): void {
    if (size !== undefined) this.allocate(size);
  }

  get stepCount(): number {
    return this.t;
  }

  get size(): number | null {
    return this.n < 0 ? null : this.n;
  }

  learningRate(step: number = this.t): number {
    return this.schedule.at(step);
  }

  step(params: Float32Array, grads: Float32Array): void {
    this.prepare(params, grads);
    this.update(params, grads, this.schedule.at(this.t), this.t + 1);
    this.t++;
  }

  stepAndNorm(params: Float32Array, grads: Float32Array, backup?: Float32Array): number {
    this.prepare(params, grads);
    if (backup !== undefined && backup.length !== params.length) {
      throw new RangeError(
        `${this.name}.stepAndNorm: backup has ${backup.length} elements, params has ${params.length}`,
      );
    }
    const norm = this.updateAndNorm(params, grads, this.schedule.at(this.t), this.t + 1, backup ?? null);
    this.t++;
    return norm;
  }

  /** Checks the lengths and sizes the buffers on the first step. */
  private prepare(params: Float32Array, grads: Float32Array): void {
    const n = params.length;
    if (grads.length !== n) {
      throw new RangeError(`${this.name}.step: grads has ${grads.length} elements, params has ${n}`);
    }
    if (n !== this.n) {
      if (this.n >= 0) {
        throw new RangeError(
          `${this.name}.step: params has ${n} elements, the optimizer is sized for ${this.n}`,
        );
      }
      this.allocate(n);
    }
  }

  flopsPerStep(size: number): number {
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new RangeError(`${this.name}.flopsPerStep: size must be an integer >= 0, got ${size}`);
    }
    return size * this.flopsPerElement;
  }

  config(): C {
    return structuredClone(this.hyper);
  }

  state(): OptimizerState<C> {
    const buffers: Record<string, JsonFloat[]> = {};
    for (let i = 0; i < this.buffers.length; i++)
      buffers[this.bufferNames[i]] = floatsToJson(this.buffers[i]);
    return { config: this.config(), step: this.t, size: this.size, buffers };
  }

  loadState(state: OptimizerState): void {
    const owner = `${this.name}.loadState`;
    if (
      typeof state !== "object" ||
      state === null ||
      typeof state.config !== "object" ||
      state.config === null
    ) {
      throw new TypeError(`${owner}: expected { config, step, size, buffers }, got ${String(state)}`);
    }
    if (state.config.kind !== this.kind) {
      throw new RangeError(
        `${owner}: state is for kind ${JSON.stringify(state.config.kind)}, this optimizer is "${this.kind}"`,
      );
    }
    if (!Number.isSafeInteger(state.step) || state.step < 0) {
      throw new RangeError(`${owner}: step must be an integer >= 0, got ${state.step}`);
    }
    const size = state.size;
    if (size !== null && (!Number.isSafeInteger(size) || size < 0)) {
      throw new RangeError(`${owner}: size must be null or an integer >= 0, got ${size}`);
    }
    const saved = state.buffers ?? {};
    const expected = size === null ? [] : this.bufferNames;
    for (const key of Object.keys(saved)) {
      if (!expected.includes(key)) {
        throw new RangeError(
          `${owner}: state has buffer "${key}", this optimizer expects ${expected.length ? expected.join(", ") : "none"}`,
        );
      }
    }
    const restored = expected.map((name) => {
      if (!(name in saved)) throw new RangeError(`${owner}: state lacks buffer "${name}"`);
      return floatsFromJson(owner, name, saved[name], size ?? 0);
    });
    this.n = size ?? -1;
    this.replaceBuffers(restored);
    this.t = state.step;
  }

  /** Fresh buffers for `n` parameters; subclasses with a non-zero initial state override `initBuffers`. */
  private allocate(n: number): void {
    this.n = n;
    this.replaceBuffers(this.bufferNames.map(() => new Float64Array(n)));
    this.initBuffers();
  }

  /**
   * Makes copies of `values` this optimizer's buffers, in the backend's memory when it has
   * `allocFloat64` (so its kernels read them in place), and gives the previous buffers back.
   */
  private replaceBuffers(values: readonly Float64Array[]): void {
    const k = this.hasKernel() ? this.kernels : null;
    const fresh = values.map((a) => {
      const b = k?.allocFloat64?.(a.length) ?? new Float64Array(a.length);
      b.set(a);
      return b;
    });
    releaseBuffers(this.owned);
    this.owned.kernels = k;
    this.owned.arrays = fresh;
    this.buffers = fresh;
  }

  /** True for optimizers whose update has a kernel: only their state moves into the backend's memory. */
  protected hasKernel(): boolean {
    return false;
  }

  /** Sets initial buffer values after allocation (zeros by default). */
  protected initBuffers(): void {}

  /**
   * Applies one update. `lr` is this step's learning rate; `t` is the 1-based step number (Adam's bias
   * correction). Lengths are already checked and buffers allocated.
   */
  protected abstract update(params: Float32Array, grads: Float32Array, lr: number, t: number): void;

  /**
   * `update`, returning ‖grads‖ as `gradNorm` computes it, undone (NaN) when a parameter ends
   * non-finite if there is a `backup` (see `stepAndNorm`); optimizers with a fused kernel override it.
   */
  protected updateAndNorm(
    params: Float32Array,
    grads: Float32Array,
    lr: number,
    t: number,
    backup: Float32Array | null,
  ): number {
    const norm = gradNorm(grads);
    backup?.set(params);
    this.update(params, grads, lr, t);
    if (backup === null) return norm;
    if ((this.kernels ?? tsKernels).allFinite(params.length, params, 0)) return norm;
    params.set(backup);
    return Number.NaN;
  }
}

/** An optimizer's buffers and the backend that allocated them. */
interface OwnedBuffers {
  kernels: Kernels | null;
  arrays: Float64Array[];
}

/** Gives `owned`'s arrays back to their backend (a no-op for ordinary arrays). */
function releaseBuffers(owned: OwnedBuffers): void {
  const free = owned.kernels?.free;
  if (free !== undefined) for (const a of owned.arrays) free.call(owned.kernels, a);
  owned.arrays = [];
}

/**
 * Frees the backend memory of optimizers that are no longer reachable: an optimizer has no dispose,
 * and a harness worker creates one per run. Until it runs, a backend short of memory hands out
 * ordinary arrays, on which the kernels take the TypeScript path: slower, the same bits.
 */
const collected = new FinalizationRegistry<OwnedBuffers>(releaseBuffers);
