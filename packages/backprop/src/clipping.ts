/**
 * Gradient clipping, in place. Both functions return the gradient's L2 norm *before* clipping, which the
 * trainer records: it is the diagnostic that shows exploding gradients. `clipConfig` is how a training
 * config asks for it.
 */
import * as z from "zod";

/**
 * Gradient clipping as plain JSON. `value` clamps every entry to [−value, value]; `norm` rescales the
 * whole gradient to L2 norm at most `norm` (Pascanu et al. 2013). With both, entries are clamped first,
 * then the norm is capped. `per`: "step" (default) clips the gradient of each parameter update;
 * "chunk" clips each truncated-BPTT chunk's gradient before the chunks are summed (differs from "step"
 * only with `bptt.update: "sequence"`, where one update sums several chunks).
 */
export const clipConfig = z
  .strictObject({
    norm: z
      .number()
      .positive()
      .optional()
      .describe("cap on the gradient's L2 norm (Pascanu et al. 2013), > 0"),
    value: z.number().positive().optional().describe("clamp every gradient entry to [−value, value], > 0"),
    per: z
      .enum(["step", "chunk"])
      .default("step")
      .describe(
        '"step": clip each update\'s gradient; "chunk": each truncated-BPTT chunk\'s, before summing',
      ),
  })
  .superRefine((c, ctx) => {
    if (c.norm === undefined && c.value === undefined)
      ctx.addIssue({ code: "custom", path: [], message: "expected norm and/or value (a number > 0)" });
  })
  .describe("gradient clipping: by value, by norm, or both (value first)");

/** A clip config as written. */
export type ClipConfig = z.input<typeof clipConfig>;
/** A clip config with its defaults filled in. */
export type ResolvedClip = z.output<typeof clipConfig>;

/**
 * The L2 norm of `grads`, accumulated in float64. No rescaling is needed against overflow or underflow:
 * a float32's square lies between about 2e-90 and 1.2e77, far inside float64's range, so the sum of
 * squares of any realistic vector is exact to double rounding. Non-finite entries give a non-finite norm.
 */
export function gradNorm(grads: Float32Array): number {
  let s = 0;
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    s += g * g;
  }
  return Math.sqrt(s);
}

/**
 * Clipping by global norm (Pascanu, Mikolov & Bengio 2013, "On the difficulty of training recurrent
 * neural networks", Algorithm 1): if ‖g‖ > maxNorm, g ← g·maxNorm/‖g‖, which keeps the direction and
 * caps the length. Arena's gradient is one flat vector, so its norm is the global norm over all layers.
 * Returns the norm before clipping. The exact factor maxNorm/‖g‖ is used (PyTorch adds 1e-6 to ‖g‖);
 * rounding the scaled entries to float32 may leave the clipped norm above maxNorm by a relative 2^-24 or
 * so. A non-finite norm (NaN or ±Infinity in `grads`) leaves `grads` untouched, so the caller sees the
 * divergence rather than a silently zeroed or NaN-filled gradient.
 *
 * @example
 * ```ts
 * import { clipGradNorm } from "@arena/backprop";
 * const g = new Float32Array([3, 4]);
 * const before = clipGradNorm(g, 1); // 5; g is now [0.6, 0.8]
 * ```
 */
export function clipGradNorm(grads: Float32Array, maxNorm: number): number {
  if (typeof maxNorm !== "number" || !(maxNorm > 0)) {
    throw new RangeError(`clipGradNorm: maxNorm must be a number > 0, got ${maxNorm}`);
  }
  const norm = gradNorm(grads);
  if (norm > maxNorm && Number.isFinite(norm)) {
    const scale = maxNorm / norm;
    for (let i = 0; i < grads.length; i++) grads[i] *= scale;
  }
  return norm;
}

/**
 * Clipping by value: each entry is clamped to [−clipValue, clipValue] (changes the direction, unlike
 * `clipGradNorm`). NaN entries stay NaN. Returns the L2 norm before clipping.
 *
 * @example
 * ```ts
 * import { clipGradValue } from "@arena/backprop";
 * const g = new Float32Array([3, -0.5]);
 * clipGradValue(g, 1); // returns ≈3.04; g is now [1, -0.5]
 * ```
 */
export function clipGradValue(grads: Float32Array, clipValue: number): number {
  if (typeof clipValue !== "number" || !(clipValue > 0)) {
    throw new RangeError(`clipGradValue: clipValue must be a number > 0, got ${clipValue}`);
  }
  let s = 0;
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    s += g * g;
    if (g > clipValue) grads[i] = clipValue;
    else if (g < -clipValue) grads[i] = -clipValue;
  }
  return Math.sqrt(s);
}

/**
 * Clips `g` in place as configured (entries first, then the norm); returns the FLOPs: 2 per entry per
 * norm computed or entry clamped, 1 more per entry when the norm rescales.
 */
export function clipInPlace(g: Float32Array, clip: ResolvedClip | null): number {
  if (clip === null) return 0;
  let f = 0;
  if (clip.value !== undefined) {
    clipGradValue(g, clip.value);
    f += 2 * g.length;
  }
  if (clip.norm !== undefined) {
    const before = clipGradNorm(g, clip.norm);
    f += 2 * g.length + (before > clip.norm ? g.length : 0);
  }
  return f;
}
