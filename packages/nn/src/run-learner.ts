import { type Cost, DivergenceError, type Learner } from "./learner.ts";

/** How far a run has come: updates, what they cost, and the wall time spent inside `step()`. */
export interface RunProgress {
  /** Steps that did work (a step that fitted nothing is not counted). */
  steps: number;
  flops: number;
  evaluations: number;
  /** Milliseconds spent in `learner.step()` (checkpoint evaluations are not training time). */
  wallMs: number;
}

/** The limits of a run; an absent limit is no limit. FLOPs and evaluations are never exceeded. */
export interface RunLimits {
  flops?: number;
  evaluations?: number;
  /** Checked between steps: a step cannot be cut to fit wall time, so this may be overshot by one step. */
  wallMs?: number;
  steps?: number;
}

/** How {@link runLearner} drives a learner. */
export interface RunLearnerOptions {
  limits: RunLimits;
  /** After a step that did work: is a checkpoint due now? */
  checkpointDue(progress: Readonly<RunProgress>): boolean;
  /**
   * Records a checkpoint at `progress`: called before the first step, whenever `checkpointDue` says so,
   * and once at the end if the last step had none. Returning false ends the run (it diverged, or the
   * caller's own stopping rule fired); the run then gets no further checkpoint.
   */
  onCheckpoint(progress: Readonly<RunProgress>): boolean;
  /** A stopping rule of the caller's, checked before every step (e.g. "whole epochs done"). */
  stopWhen?(progress: Readonly<RunProgress>): boolean;
  /**
   * The counters the loop advances in place (default: new ones from zero). Pass your own to read how far
   * the run came when a step or a checkpoint throws.
   */
  progress?: RunProgress;
  /** Milliseconds; default `performance.now`. */
  clock?(): number;
}

/** Why {@link runLearner} stopped. */
export type RunEnd =
  /** A limit was reached, or not even the smallest part of a step fitted what was left of it. */
  | "budget"
  /** The learner's own rule (`finished()`), or the caller's `stopWhen`. */
  | "finished"
  /** `onCheckpoint` returned false. */
  | "stopped"
  /** The learner threw a `DivergenceError`. */
  | "diverged";

/** What {@link runLearner} returns. */
export interface RunLearnerResult {
  progress: RunProgress;
  end: RunEnd;
  /** The learner's `DivergenceError` when `end` is "diverged". */
  divergence: DivergenceError | null;
}

/**
 * The one training loop: every learner, in the harness and in `train()`, is driven by it, so budgets,
 * checkpoints, stopping rules and divergence are handled in one place.
 *
 * Before each step it checks the limits, the learner's `finished()` and the caller's `stopWhen`; each
 * `step()` gets what is left of the FLOP and evaluation limits as its allowance (none when neither is
 * limited) and cuts its work to fit
 * (a step that returns no cost means not even its smallest part fitted: the budget is spent). A
 * `DivergenceError` ends the run as "diverged"; any other throw propagates to the caller.
 *
 * @example
 * ```ts
 * import { runLearner } from "@arena/nn";
 * let x = 0;
 * const learner = { name: "count", step: () => ({ flops: 3, evaluations: 1 }), current: () => Float32Array.of(x++) };
 * const seen: number[] = [];
 * const r = runLearner(learner, {
 *   limits: { flops: 10 },
 *   checkpointDue: (p) => p.steps % 2 === 0,
 *   onCheckpoint: (p) => seen.push(p.flops) > 0,
 * });
 * console.log(r.end, r.progress.flops, seen); // budget 9 [ 0, 6, 9 ]
 * ```
 */
export function runLearner(learner: Learner, options: RunLearnerOptions): RunLearnerResult {
  const limits = options.limits;
  const maxFlops = limits.flops ?? Number.POSITIVE_INFINITY;
  const maxEvaluations = limits.evaluations ?? Number.POSITIVE_INFINITY;
  const maxWallMs = limits.wallMs ?? Number.POSITIVE_INFINITY;
  const maxSteps = limits.steps ?? Number.POSITIVE_INFINITY;
  const clock = options.clock ?? (() => performance.now());
  const unlimited = maxFlops === Number.POSITIVE_INFINITY && maxEvaluations === Number.POSITIVE_INFINITY;
  const progress: RunProgress = options.progress ?? { steps: 0, flops: 0, evaluations: 0, wallMs: 0 };
  const spent = () =>
    progress.flops >= maxFlops ||
    progress.evaluations >= maxEvaluations ||
    progress.wallMs >= maxWallMs ||
    progress.steps >= maxSteps;

  if (!options.onCheckpoint(progress)) return { progress, end: "stopped", divergence: null };
  let checkpointed = true;
  let end: RunEnd = "budget";
  try {
    for (;;) {
      if (spent()) break;
      if ((learner.finished?.() ?? false) || (options.stopWhen?.(progress) ?? false)) {
        end = "finished";
        break;
      }
      const t0 = clock();
      // Without a FLOP or evaluation limit there is nothing to fit: the step runs uncut (no allowance).
      const cost: Cost = learner.step(
        unlimited
          ? undefined
          : { flops: maxFlops - progress.flops, evaluations: maxEvaluations - progress.evaluations },
      );
      progress.wallMs += clock() - t0;
      // Not even the smallest part of a step fitted: the budget is spent.
      if (cost.flops === 0 && cost.evaluations === 0) break;
      progress.steps++;
      progress.flops += cost.flops;
      progress.evaluations += cost.evaluations;
      checkpointed = false;
      if (options.checkpointDue(progress)) {
        checkpointed = true;
        if (!options.onCheckpoint(progress)) return { progress, end: "stopped", divergence: null };
      }
    }
  } catch (e) {
    if (!(e instanceof DivergenceError)) throw e;
    return { progress, end: "diverged", divergence: e };
  }
  if (!checkpointed && !options.onCheckpoint(progress)) return { progress, end: "stopped", divergence: null };
  return { progress, end, divergence: null };
}
