import type { Problem } from "@arena/datasets";
import type { AnyModel, Evaluation, Learner, RunProgress } from "@arena/nn";
import type { BestFigures, Checkpoint, Figures, RunRecord, TargetHit } from "@arena/results";
import type { MemoryPeak } from "./memory-peak.ts";
import type { RunSpec } from "./run-spec.ts";
import { splitDiagnostics } from "./split-diagnostics.ts";
import { DEFAULT_DIVERGENCE_FACTOR } from "./suite.ts";
import { reachesTarget, unreachedTargets } from "./target-hits.ts";

/**
 * The least initial training loss the divergence factor is applied to, so that a run starting at a zero
 * loss is not declared diverged by the first rounding error.
 */
export const DIVERGENCE_LOSS_FLOOR = 1e-6;

type BestCheckpoint = Omit<BestFigures, "testLoss" | "testMetric">;

/**
 * What a run records at its checkpoints: the trace (train and validation figures, diagnostics), the
 * targets reached, the best-validation parameters, and whether it diverged (a non-finite loss, or a
 * training loss above `divergence.factor` × the one at the first checkpoint). The test split is read
 * only by `final` and `best`, once training has ended.
 */
export class RunTrace {
  readonly checkpoints: Checkpoint[] = [];
  readonly targets: TargetHit[];
  /** Set when a checkpoint found the run diverged. */
  divergence: { at: NonNullable<RunRecord["divergedAt"]>; reason: string } | null = null;
  private readonly bestParams: Float32Array;
  private bestValue = Number.NaN;
  private bestCheckpoint: BestCheckpoint | null = null;
  private lossLimit = Number.POSITIVE_INFINITY;
  private readonly divergenceFactor: number;

  constructor(
    private readonly spec: RunSpec,
    private readonly model: AnyModel,
    private readonly problem: Problem,
    private readonly learner: Learner,
    private readonly memory: MemoryPeak,
    private readonly higherIsBetter: boolean,
  ) {
    this.targets = unreachedTargets(spec);
    this.bestParams = new Float32Array(model.size);
    this.divergenceFactor = spec.divergence?.factor ?? DEFAULT_DIVERGENCE_FACTOR;
  }

  /** Evaluates the learner's current parameters at `p`; returns false when the run diverged. */
  record(p: Readonly<RunProgress>): boolean {
    const params = this.learner.current();
    const tr = this.evaluate(params, "train");
    const va = this.evaluate(params, "validation");
    const cp: Checkpoint = {
      step: p.steps,
      epoch: p.evaluations / this.problem.train.n,
      flops: p.flops,
      evaluations: p.evaluations,
      wallMs: p.wallMs,
      trainLoss: tr.loss,
      trainMetric: tr.value,
      valLoss: va.loss,
      valMetric: va.value,
    };
    const diag = this.learner.diagnostics?.();
    if (diag) Object.assign(cp, splitDiagnostics(diag));
    this.checkpoints.push(cp);
    this.memory.sample();
    if (this.diverged(cp, p)) return false;
    this.keepBest(cp, params);
    this.markTargets(cp, p);
    return true;
  }

  /** The final figures: the last checkpoint's train and validation, test on the current parameters. */
  final(): Figures {
    const last = this.checkpoints[this.checkpoints.length - 1];
    const te = this.evaluate(this.learner.current(), "test");
    const { trainLoss, trainMetric, valLoss, valMetric } = last;
    return { trainLoss, trainMetric, valLoss, valMetric, testLoss: te.loss, testMetric: te.value };
  }

  /** The best-validation checkpoint with the test figures of its parameters; null if none was finite. */
  best(): BestFigures | null {
    if (this.bestCheckpoint === null) return null;
    const te = this.evaluate(this.bestParams, "test");
    return { ...this.bestCheckpoint, testLoss: te.loss, testMetric: te.value };
  }

  private evaluate(params: Float32Array, which: "train" | "validation" | "test"): Evaluation {
    return this.model.evaluate(this.problem[which], { params });
  }

  private diverged(cp: Checkpoint, p: Readonly<RunProgress>): boolean {
    const at = { step: p.steps, flops: p.flops, evaluations: p.evaluations };
    if (!Number.isFinite(cp.trainLoss) || !Number.isFinite(cp.valLoss)) {
      const which = Number.isFinite(cp.trainLoss) ? "validation" : "training";
      const loss = Number.isFinite(cp.trainLoss) ? cp.valLoss : cp.trainLoss;
      this.divergence = { at, reason: `${which} loss is ${loss} at step ${p.steps}` };
      return true;
    }
    if (this.checkpoints.length === 1) {
      this.lossLimit = this.divergenceFactor * Math.max(cp.trainLoss, DIVERGENCE_LOSS_FLOOR);
      return false;
    }
    if (cp.trainLoss <= this.lossLimit) return false;
    const first = this.checkpoints[0].trainLoss;
    this.divergence = {
      at,
      reason: `training loss ${cp.trainLoss} at step ${p.steps} exceeds ${this.divergenceFactor} × its initial value ${first}`,
    };
    return true;
  }

  private keepBest(cp: Checkpoint, params: Float32Array): void {
    const v = cp.valMetric;
    const better =
      Number.isNaN(this.bestValue) || (this.higherIsBetter ? v > this.bestValue : v < this.bestValue);
    if (!Number.isFinite(v) || !better) return;
    this.bestValue = v;
    this.bestParams.set(params);
    const {
      testLoss: _l,
      testMetric: _m,
      gradNorms: _g,
      gradNormsThroughTime: _t,
      diagnostics: _d,
      wallMs: _w,
      ...fig
    } = cp;
    this.bestCheckpoint = { checkpoint: this.checkpoints.length - 1, ...fig };
  }

  private markTargets(cp: Checkpoint, p: Readonly<RunProgress>): void {
    const on = this.spec.targets?.on ?? "valMetric";
    for (const t of this.targets) {
      if (t.reached || !reachesTarget(on, cp, t.target, this.higherIsBetter)) continue;
      t.reached = true;
      t.flops = p.flops;
      t.evaluations = p.evaluations;
      t.step = p.steps;
      t.wallMs = p.wallMs;
    }
  }
}
