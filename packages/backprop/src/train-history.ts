import type { AnyModel, Cost, Evaluation, Samples } from "@arena/nn";
import type { BackpropStepper } from "./backprop-stepper.ts";
import type { EarlyStopping } from "./early-stopping.ts";
import type { BestCheckpoint, TrainCheckpoint, TrainResult } from "./train-options.ts";

/** What `TrainHistory` needs to know about the run it records. */
export interface TrainHistoryOptions {
  model: AnyModel;
  stepper: BackpropStepper;
  train: Samples;
  /** null: no (or an empty) validation split. */
  validation: Samples | null;
  earlyStopping: EarlyStopping | null;
  monitor: "loss" | "metric";
  recordDiagnostics: boolean;
  onCheckpoint?: (checkpoint: TrainCheckpoint) => void;
}

/**
 * The checkpoints of `train`: each evaluates the whole training and validation splits (their forward
 * passes counted apart from the training cost), feeds early stopping, tracks the best validation
 * checkpoint, and notices a non-finite loss (divergence).
 */
export class TrainHistory {
  readonly checkpoints: TrainCheckpoint[] = [];
  readonly evaluationCost: Cost = { flops: 0, evaluations: 0 };
  best: BestCheckpoint | null = null;
  divergence: TrainResult["divergence"] = null;
  private lossSum = 0;
  private lossCount = 0;
  private readonly trainFlops: number;
  private readonly valFlops: number;
  private readonly higher: boolean;

  constructor(private readonly o: TrainHistoryOptions) {
    this.trainFlops = this.forwardFlops(o.train);
    this.valFlops = o.validation === null ? 0 : this.forwardFlops(o.validation);
    this.higher = o.monitor === "metric" && o.model.metric === "accuracy";
  }

  /** Adds an update's minibatch loss to the mean reported at the next checkpoint. */
  addLoss(loss: number): void {
    this.lossSum += loss;
    this.lossCount++;
  }

  /** Evaluates the model on train and validation, counting the forward passes. */
  measure(): { tr: Evaluation; va: Evaluation | null } {
    const { model, train, validation } = this.o;
    const tr = model.evaluate(train);
    this.evaluationCost.flops += this.trainFlops;
    this.evaluationCost.evaluations += train.n;
    if (validation === null) return { tr, va: null };
    const va = model.evaluate(validation);
    this.evaluationCost.flops += this.valFlops;
    this.evaluationCost.evaluations += validation.n;
    return { tr, va };
  }

  /** Records a checkpoint; returns false when its figures are not finite (divergence). */
  record(): boolean {
    const { stepper } = this.o;
    const { tr, va } = this.measure();
    const cp: TrainCheckpoint = {
      step: stepper.steps,
      epoch: stepper.epoch,
      flops: stepper.flops,
      evaluations: stepper.evaluations,
      lr: stepper.optimizer.learningRate(),
      batchLoss: this.lossCount === 0 ? Number.NaN : this.lossSum / this.lossCount,
      gradNorm: stepper.gradNorm,
      trainLoss: tr.loss,
      trainMetric: tr.value,
    };
    if (va !== null) {
      cp.valLoss = va.loss;
      cp.valMetric = va.value;
    }
    if (this.o.recordDiagnostics && stepper.steps > 0) cp.diagnostics = stepper.diagnostics();
    this.checkpoints.push(cp);
    this.lossSum = 0;
    this.lossCount = 0;
    this.o.onCheckpoint?.(cp);
    if (!Number.isFinite(tr.loss) || (va !== null && !Number.isFinite(va.loss))) {
      this.divergence = {
        step: stepper.steps,
        flops: stepper.flops,
        message: `backprop: ${Number.isFinite(tr.loss) ? "validation" : "training"} loss is not finite at checkpoint step ${stepper.steps}`,
      };
      return false;
    }
    if (va !== null) this.trackBest(cp, va);
    return true;
  }

  private trackBest(cp: TrainCheckpoint, va: Evaluation): void {
    const es = this.o.earlyStopping;
    const monitor = this.o.monitor;
    const value = monitor === "loss" ? va.loss : va.value;
    // With early stopping, "best" is the checkpoint whose parameters it keeps (improvement > minDelta).
    let improved: boolean;
    if (es !== null) improved = es.update(value, cp.step, this.o.model.params);
    else {
      const best = this.best;
      const bestValue = best === null ? Number.NaN : monitor === "loss" ? best.valLoss : best.valMetric;
      improved = best === null || (this.higher ? value > bestValue : value < bestValue);
    }
    if (!improved) return;
    this.best = {
      checkpoint: this.checkpoints.length - 1,
      step: cp.step,
      epoch: cp.epoch,
      valLoss: va.loss,
      valMetric: va.value,
    };
  }

  private forwardFlops(d: Samples): number {
    const model = this.o.model;
    const steps = model.checkData(d);
    return model.flops(model.spec.kind === "mlp" ? { batch: d.n } : { batch: d.n, steps }).forward;
  }
}
