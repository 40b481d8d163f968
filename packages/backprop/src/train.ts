/**
 * The standalone training loop for library users: epochs or a step budget, checkpoints with train and
 * validation figures, early stopping, divergence reported in the result (never thrown).
 */
import { type AnyModel, type Cost, DivergenceError, type Samples } from "@arena/nn";
import { parseOptions } from "@arena/options";
import type { Rng } from "@arena/rng";
import * as z from "zod";
import { trainingShape } from "./backprop-config.ts";
import { BackpropStepper } from "./backprop-stepper.ts";
import { EarlyStopping } from "./early-stopping.ts";
import { type OptimizerConfig, optimizerFrom } from "./optimizers/create-optimizer.ts";
import type { GradientOptimizer } from "./optimizers/gradient-optimizer.ts";

/** What `train` trains on: a training split and, optionally, a validation split (a `Problem` fits). */
export interface TrainData {
  train: Samples;
  validation?: Samples;
}

const positiveInt = z.number().int().min(1);

/**
 * Options of {@link train}: the learner's training options plus how long to train, the run's random
 * stream and the checkpoint hooks. Give `epochs`, `steps` or both (training stops at whichever comes
 * first). `optimizer` may also be an optimizer instance (kept and updated).
 */
export const trainOptions = z
  .strictObject({
    ...trainingShape,
    rng: z
      .custom<Rng>((v) => typeof v === "object" && v !== null && typeof (v as Rng).fork === "function", {
        error: "expected an Rng (e.g. new Rng(seed))",
      })
      .describe(
        'the run\'s random stream: minibatch order (fork "minibatches") and dropout (fork "dropout")',
      ),
    epochs: positiveInt
      .optional()
      .describe("passes over the training split (training stops after the last update of the last epoch)"),
    steps: positiveInt.optional().describe("parameter updates"),
    evalEvery: positiveInt
      .optional()
      .describe(
        "updates between checkpoints; default one epoch's updates; early stopping evaluates at checkpoints",
      ),
    diagnostics: z
      .boolean()
      .default(true)
      .describe("record model.diagnostics() (gradient norms per layer and through time) at checkpoints"),
    onCheckpoint: z
      .custom<(checkpoint: TrainCheckpoint) => void>((v) => typeof v === "function", {
        error: "expected a function",
      })
      .optional()
      .describe("called with every checkpoint as it is recorded"),
  })
  .superRefine((o, ctx) => {
    if (o.epochs === undefined && o.steps === undefined)
      ctx.addIssue({ code: "custom", path: [], message: "expected epochs and/or steps (how long to train)" });
  });

/** Options of {@link train} as written; `optimizer` is a config or an optimizer instance. */
export type TrainOptions = Omit<z.input<typeof trainOptions>, "optimizer"> & {
  optimizer: OptimizerConfig | GradientOptimizer;
};

function isOptimizer(v: unknown): v is GradientOptimizer {
  return typeof v === "object" && v !== null && typeof (v as GradientOptimizer).step === "function";
}

/** The figures recorded at a checkpoint (the state after `step` updates). */
export interface TrainCheckpoint {
  /** Updates done. */
  step: number;
  /** Epochs of training data seen (fractional). */
  epoch: number;
  /** Training FLOPs so far (updates only; see `TrainResult.evaluationCost` for the checkpoints' own). */
  flops: number;
  /** Training samples forwarded so far. */
  evaluations: number;
  /** Learning rate of the next update. */
  lr: number;
  /** Mean minibatch loss of the updates since the previous checkpoint (NaN at step 0). */
  batchLoss: number;
  /** Unclipped gradient norm of the last update (NaN at step 0). */
  gradNorm: number;
  /** Mean data loss and metric over the whole training split. */
  trainLoss: number;
  trainMetric: number;
  /** The same over the validation split, when one is given. */
  valLoss?: number;
  valMetric?: number;
  /** `model.diagnostics()` after the last update: `grad_norm/<layer>`, `dh_norm/<layer>`. */
  diagnostics?: Record<string, number[]>;
}

/** The best validation checkpoint. */
export interface BestCheckpoint {
  /** Index into `history`. */
  checkpoint: number;
  step: number;
  epoch: number;
  valLoss: number;
  valMetric: number;
}

/** What `train` returns. */
export interface TrainResult {
  /** "completed": the budget was spent; "early-stopped": patience ran out; "diverged": see `divergence`. */
  status: "completed" | "early-stopped" | "diverged";
  /** Updates done (the diverged update not counted). */
  steps: number;
  epochs: number;
  /** Training work: updates' forward, backward, clipping and optimizer FLOPs; samples forwarded. */
  cost: Cost;
  /** Checkpoint evaluations (train and validation forward passes), kept apart from the training cost. */
  evaluationCost: Cost;
  metric: "accuracy" | "rmse";
  history: TrainCheckpoint[];
  /**
   * The checkpoint with the best validation figure (the early-stopping monitor, or the validation loss
   * without early stopping); null without a validation split.
   */
  best: BestCheckpoint | null;
  /** True when early stopping put the best checkpoint's parameters back into the model. */
  restoredBest: boolean;
  /** Where training diverged: the 1-based update whose loss or gradient was not finite. */
  divergence: { step: number; flops: number; message: string } | null;
  /** Train and validation figures of the parameters the model holds at the end. */
  final: { trainLoss: number; trainMetric: number; valLoss?: number; valMetric?: number };
}

/**
 * Trains `model` in place by minibatch backpropagation (full or truncated BPTT for recurrent nets) and
 * returns the history. Checkpoints evaluate the whole training split and the validation split, every
 * `evalEvery` updates (default: each epoch) and at the start and the end. A non-finite loss or gradient
 * ends training with status "diverged" and the parameters of the last good update; nothing is thrown for
 * it. Only `data.train` and `data.validation` are read: pass a `Problem` and its test split stays unseen.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { createModel } from "@arena/nn";
 * import { getProblem } from "@arena/datasets";
 * import { train } from "@arena/backprop";
 * const iris = getProblem("iris").load(new Rng(1));
 * const model = createModel({ kind: "mlp", layers: [4, 8, 3], activation: "tanh", output: "softmax" }, new Rng(2));
 * const result = train(model, iris, {
 *   optimizer: { kind: "adam", lr: 0.01 },
 *   rng: new Rng(3),
 *   batchSize: 16,
 *   epochs: 100,
 *   earlyStopping: { patience: 10 },
 * });
 * console.log(result.status, result.best?.step, result.final.valMetric);
 * ```
 */
export function train(model: AnyModel, data: TrainData, options: TrainOptions): TrainResult {
  // An optimizer instance is kept as it is; the other options are checked with a stand-in config.
  const given = (options as { optimizer?: unknown } | null)?.optimizer;
  const instance = isOptimizer(given) ? given : null;
  const cfg = parseOptions(
    "train",
    trainOptions,
    instance ? { ...options, optimizer: { kind: "sgd" } } : options,
  );
  const optimizer = instance ?? optimizerFrom(cfg.optimizer);
  const rng = cfg.rng;
  const epochs = cfg.epochs ?? Number.POSITIVE_INFINITY;
  const maxSteps = cfg.steps ?? Number.POSITIVE_INFINITY;
  const onCheckpoint = cfg.onCheckpoint;
  const recordDiagnostics = cfg.diagnostics;
  if (typeof data !== "object" || data === null || data.train === undefined) {
    throw new TypeError("train: data must be { train, validation? } (a Problem fits)");
  }
  // An empty validation split (e.g. a series problem with validation 0) counts as none.
  const validation = data.validation !== undefined && data.validation.n > 0 ? data.validation : null;
  if (cfg.earlyStopping !== undefined && validation === null) {
    throw new RangeError("train: earlyStopping needs a non-empty validation split (data.validation)");
  }

  const stepper = new BackpropStepper(model, data.train, {
    optimizer,
    batchSize: cfg.batchSize,
    rng,
    shuffle: cfg.shuffle,
    clip: cfg.clip,
    bptt: cfg.bptt,
  });
  const sampler = stepper.sampler;
  const evalEvery = cfg.evalEvery ?? stepper.updatesPerEpoch;

  const es =
    cfg.earlyStopping === undefined
      ? null
      : new EarlyStopping(
          cfg.earlyStopping,
          model.size,
          cfg.earlyStopping.monitor === "metric" && model.metric === "accuracy",
        );
  const monitor = cfg.earlyStopping?.monitor ?? "loss";
  const higher = monitor === "metric" && model.metric === "accuracy";

  const evalFlops = (d: Samples): number => {
    const steps = model.checkData(d);
    return model.flops(model.spec.kind === "mlp" ? { batch: d.n } : { batch: d.n, steps }).forward;
  };
  const trainEvalFlops = evalFlops(data.train);
  const valEvalFlops = validation === null ? 0 : evalFlops(validation);
  const evaluationCost: Cost = { flops: 0, evaluations: 0 };

  const history: TrainCheckpoint[] = [];
  let best: BestCheckpoint | null = null;
  let lossSum = 0;
  let lossCount = 0;
  let status: TrainResult["status"] = "completed";
  let divergence: TrainResult["divergence"] = null;

  const measure = () => {
    const tr = model.evaluate(data.train);
    evaluationCost.flops += trainEvalFlops;
    evaluationCost.evaluations += data.train.n;
    const va = validation === null ? null : model.evaluate(validation);
    if (validation !== null) {
      evaluationCost.flops += valEvalFlops;
      evaluationCost.evaluations += validation.n;
    }
    return { tr, va };
  };

  /** Records a checkpoint; returns false when its figures are not finite (divergence). */
  const checkpoint = (): boolean => {
    const { tr, va } = measure();
    const cp: TrainCheckpoint = {
      step: stepper.steps,
      epoch: stepper.epoch,
      flops: stepper.flops,
      evaluations: stepper.evaluations,
      lr: optimizer.learningRate(),
      batchLoss: lossCount === 0 ? Number.NaN : lossSum / lossCount,
      gradNorm: stepper.gradNorm,
      trainLoss: tr.loss,
      trainMetric: tr.value,
    };
    if (va !== null) {
      cp.valLoss = va.loss;
      cp.valMetric = va.value;
    }
    if (recordDiagnostics && stepper.steps > 0) cp.diagnostics = model.diagnostics();
    history.push(cp);
    lossSum = 0;
    lossCount = 0;
    onCheckpoint?.(cp);
    if (!Number.isFinite(tr.loss) || (va !== null && !Number.isFinite(va.loss))) {
      status = "diverged";
      divergence = {
        step: stepper.steps,
        flops: stepper.flops,
        message: `backprop: ${Number.isFinite(tr.loss) ? "validation" : "training"} loss is not finite at checkpoint step ${stepper.steps}`,
      };
      return false;
    }
    if (va !== null) {
      const value = monitor === "loss" ? va.loss : va.value;
      // With early stopping, "best" is the checkpoint whose parameters it keeps (improvement > minDelta).
      let improved: boolean;
      if (es !== null) improved = es.update(value, stepper.steps, model.params);
      else {
        const bestValue = best === null ? Number.NaN : monitor === "loss" ? best.valLoss : best.valMetric;
        improved = best === null || (higher ? value > bestValue : value < bestValue);
      }
      if (improved) {
        best = {
          checkpoint: history.length - 1,
          step: cp.step,
          epoch: cp.epoch,
          valLoss: va.loss,
          valMetric: va.value,
        };
      }
    }
    return true;
  };

  let alive = checkpoint();
  let since = 0;
  const done = () =>
    stepper.steps >= maxSteps || (sampler.epoch >= epochs && !stepper.midSequence) || (es?.stopped ?? false);
  try {
    while (alive && !done()) {
      const r = stepper.step();
      lossSum += r.loss;
      lossCount++;
      since++;
      if (since >= evalEvery) {
        since = 0;
        alive = checkpoint();
      }
    }
    if (alive && since > 0) checkpoint();
  } catch (e) {
    if (!(e instanceof DivergenceError)) throw e;
    status = "diverged";
    divergence = { step: e.step, flops: e.flops, message: e.message };
  }
  if (status !== "diverged" && es?.stopped) status = "early-stopped";

  let restoredBest = false;
  if (es?.config.restoreBest && es.bestStep >= 0 && es.bestStep !== stepper.steps) {
    model.setParams(es.bestParams);
    restoredBest = true;
  }
  const { tr, va } = measure();
  const final: TrainResult["final"] = { trainLoss: tr.loss, trainMetric: tr.value };
  if (va !== null) {
    final.valLoss = va.loss;
    final.valMetric = va.value;
  }
  return {
    status,
    steps: stepper.steps,
    epochs: stepper.epoch,
    cost: { flops: stepper.flops, evaluations: stepper.evaluations },
    evaluationCost,
    metric: model.metric,
    history,
    best,
    restoredBest,
    divergence,
    final,
  };
}
