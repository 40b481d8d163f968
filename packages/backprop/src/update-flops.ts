import type { AnyModel, Cost, FeedbackKind, Mlp, RecurrentNet } from "@arena/nn";
import type { BpttChunk } from "./bptt-chunks.ts";
import type { ResolvedClip } from "./clipping.ts";
import type { GradientOptimizer } from "./optimizers/gradient-optimizer.ts";

/** How a `BackpropStepper` turns a minibatch into updates (what its cost depends on). */
export interface UpdatePlan {
  model: AnyModel;
  /** The model as a recurrent net; null for an MLP. */
  net: RecurrentNet | null;
  optimizer: GradientOptimizer;
  clip: ResolvedClip | null;
  /** The chunk plan of one sequence (one chunk for full BPTT; empty for an MLP). */
  chunks: readonly BpttChunk[];
  /** How the stepper updates: see `BackpropStepper`. */
  mode: UpdateMode;
  /** Dropout is on: passes count its mask FLOPs. */
  train: boolean;
  /** The MLP's gradient is this feedback-alignment estimate (its own backward count); null: backprop. */
  feedback: FeedbackKind | null;
}

/**
 * `mlp`: one pass per update. `chunk`: one update per truncated-BPTT chunk (targets at every step).
 * `accumulate`: one update from all chunks' gradients (targets at every step, `update: "sequence"`).
 * `last-window`: forward every chunk, backpropagate the last window (a target at the last step).
 */
export type UpdateMode = "mlp" | "chunk" | "accumulate" | "last-window";

/**
 * The analytic FLOPs of backprop updates (memoised per pass shape), and the largest minibatch whose
 * update fits a budget's allowance.
 */
export class UpdateFlops {
  private readonly memo = new Map<string, number>();

  constructor(private readonly plan: UpdatePlan) {}

  /**
   * The largest batch of at most `full` samples whose update fits `allowance` (0 when not one sample
   * does). The cost grows with the batch, so a bisection over the analytic count finds it.
   */
  batchWithin(full: number, allowance: Cost, chunk: number): number {
    const flops = allowance.flops;
    let hi = Math.min(full, Math.floor(allowance.evaluations));
    if (!(hi >= 1)) return 0;
    if (this.maxFlops(hi, chunk) <= flops) return hi;
    // maxFlops(lo) fits (lo = 0: nothing, vacuously), maxFlops(hi) does not.
    let lo = 0;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.maxFlops(mid, chunk) <= flops) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The most the next update (at chunk `chunk` of a minibatch) can cost with a batch of n: the stepper's
   * own count, with clipping by norm taken as rescaling (whether it does depends on the gradient, unknown
   * before the pass).
   */
  maxFlops(n: number, chunk: number): number {
    const { model, clip, chunks, mode } = this.plan;
    const size = model.size;
    const clipMax =
      clip === null
        ? 0
        : (clip.value === undefined ? 0 : 2 * size) + (clip.norm === undefined ? 0 : 3 * size);
    let f = 0;
    if (mode === "mlp") {
      f = this.pass(n, 1, 1, true) + clipMax;
    } else if (mode === "chunk") {
      const ch = chunks[chunk];
      f = this.pass(n, ch.steps, ch.lastK, true) + clipMax;
    } else if (mode === "accumulate") {
      const perChunk = clip !== null && clip.per === "chunk";
      for (const ch of chunks) {
        f += this.pass(n, ch.steps, ch.lastK, true) + 2 * size + (perChunk ? clipMax : 0);
      }
      if (!perChunk) f += clipMax;
    } else {
      const last = chunks.length - 1;
      for (let c = 0; c < last; c++) f += this.pass(n, chunks[c].steps, 0, false);
      f += this.pass(n, chunks[last].steps, chunks[last].lastK, true) + clipMax;
    }
    return f + this.plan.optimizer.flopsPerStep(size);
  }

  /**
   * Analytic FLOPs of one forward pass over `steps` steps of n sequences and, with `backward`, the
   * backward pass through the last `lastK` steps. nn's `flops` caps lastK at `steps`; a truncated-BPTT
   * window can be longer (kept steps + new steps), so the recurrent layers' backward is taken from a
   * count over `lastK` steps, the readout's from the chunk's own steps.
   */
  pass(n: number, steps: number, lastK: number, backward: boolean): number {
    const key = `${n}:${steps}:${lastK}:${backward ? 1 : 0}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const { net, model, train, feedback } = this.plan;
    let total: number;
    if (net === null) {
      total = (
        feedback === null
          ? model.flops({ batch: n, backward, train })
          : (model as Mlp).flops({ batch: n, backward, train, feedback })
      ).total;
    } else {
      const f = net.flops({
        batch: n,
        steps,
        backward,
        ...(backward ? { lastK: Math.min(lastK, steps) } : {}),
        train,
      });
      total = f.total;
      if (backward && lastK > steps) {
        const g = net.flops({ batch: n, steps: lastK, backward: true, lastK, train });
        for (let l = 0; l < net.cells.length; l++) {
          const a = g.layers[l].backward;
          const b = f.layers[l].backward;
          total += a.matmul + a.bias + a.elementwise - (b.matmul + b.bias + b.elementwise);
        }
      }
    }
    this.memo.set(key, total);
    return total;
  }
}
