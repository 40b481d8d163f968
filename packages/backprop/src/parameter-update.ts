import { type AnyModel, DivergenceError } from "@arena/nn";
import { backendArray } from "./backend-array.ts";
import { clipInPlace, gradNorm, type ResolvedClip } from "./clipping.ts";
import type { GradientOptimizer } from "./optimizers/gradient-optimizer.ts";

/**
 * Throws nn's `DivergenceError` for update `step` (1-based), having spent `flops`, unless the loss and
 * the gradient norm are both finite; `where` (a chunk) goes in the message.
 */
export function checkFinite(loss: number, norm: number, where: string, step: number, flops: number): void {
  if (Number.isFinite(loss) && Number.isFinite(norm)) return;
  const what = Number.isFinite(loss) ? `gradient norm is ${norm}` : `loss is ${loss}`;
  throw new DivergenceError(`backprop: ${what} at step ${step}${where ? ` (${where})` : ""}`, step, flops);
}

/**
 * The guarded step from a gradient in `model.grads` to new parameters: the gradient and the loss are
 * checked, the gradient clipped (on a copy, so `model.grads` keeps the raw one for diagnostics) and the
 * optimizer applied; an update that leaves a parameter non-finite (a finite gradient times a huge rate
 * can overflow float32) is undone. Every failure throws nn's `DivergenceError` and leaves the
 * parameters as they were.
 */
export class ParameterUpdate {
  /** The parameters before the last update (in the model's backend memory), put back if it failed. */
  readonly backup: Float32Array;
  /** FLOPs of the last `apply`: clipping and the optimizer's step. */
  flops = 0;
  private readonly clipBuf: Float32Array | null;

  /**
   * `clip` is the stepper's clipping; `clipHere` says whether it applies at the update (not when it
   * clipped each chunk of an accumulated gradient already).
   */
  constructor(
    private readonly model: AnyModel,
    private readonly optimizer: GradientOptimizer,
    private readonly clip: ResolvedClip | null,
    private readonly clipHere: boolean,
  ) {
    this.backup = backendArray(this, model.kernels, model.size);
    this.clipBuf = clip === null ? null : new Float32Array(model.size);
  }

  /**
   * Checks the loss and the gradient, updates, and returns the gradient's norm; `step` (1-based) and
   * `spent` (FLOPs before this update) are for the errors. Without clipping, an optimizer with
   * `stepAndNorm` computes the norm alongside the update (on a second thread with Adam on the
   * WebAssembly backend) and, given the backup, undoes a step that leaves a parameter non-finite and
   * returns NaN; only then are the gradient and the parameters looked at, so the errors, their order
   * and the FLOPs they report are those of the plain path, which checks the gradient first.
   */
  apply(loss: number, step: number, spent: number): number {
    const model = this.model;
    const g = model.grads;
    const optimizer = this.optimizer;
    this.flops = 0;
    if (this.clip === null && optimizer.stepAndNorm !== undefined && Number.isFinite(loss)) {
      const norm = optimizer.stepAndNorm(model.params, g, this.backup);
      if (!Number.isNaN(norm)) {
        this.flops += optimizer.flopsPerStep(model.size);
        return norm;
      }
      const gn = gradNorm(g);
      checkFinite(loss, gn, "", step, spent);
      this.flops += optimizer.flopsPerStep(model.size);
      throw this.overflowed(gn, step, spent);
    }
    const norm = gradNorm(g);
    checkFinite(loss, norm, "", step, spent);
    this.clipAndStep(norm, step, spent);
    return norm;
  }

  /** Clips a copy of the gradient and applies the optimizer's `step`; undoes and reports an overflow. */
  private clipAndStep(norm: number, step: number, spent: number): void {
    const model = this.model;
    let g = model.grads;
    if (this.clip !== null && this.clipBuf !== null && this.clipHere) {
      this.clipBuf.set(g);
      g = this.clipBuf;
      this.flops += clipInPlace(g, this.clip);
    }
    const params = model.params;
    this.backup.set(params);
    this.optimizer.step(params, g);
    this.flops += this.optimizer.flopsPerStep(model.size);
    if (!model.kernels.allFinite(params.length, params, 0)) {
      params.set(this.backup);
      throw this.overflowed(norm, step, spent);
    }
  }

  /** The error for an update that overflowed the parameters (already put back). */
  private overflowed(norm: number, step: number, spent: number): DivergenceError {
    return new DivergenceError(
      `backprop: the update overflowed the parameters at step ${step} (gradient norm ${norm})`,
      step,
      spent + this.flops,
    );
  }
}
