/**
 * The standalone training loop for library users: epochs or a step budget, checkpoints with train and
 * validation figures, early stopping, divergence reported in the result (never thrown). The loop itself
 * is nn's `runLearner`, the one the harness drives every learner with.
 */
import { type AnyModel, type Learner, runLearner } from "@arena/nn";
import { parseOptions } from "@arena/options";
import { BackpropStepper } from "./backprop-stepper.ts";
import { EarlyStopping } from "./early-stopping.ts";
import { optimizerFrom } from "./optimizers/create-optimizer.ts";
import { TrainHistory } from "./train-history.ts";
import {
  isOptimizer,
  type TrainData,
  type TrainOptions,
  type TrainResult,
  trainOptions,
} from "./train-options.ts";

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
  if (typeof data !== "object" || data === null || data.train === undefined) {
    throw new TypeError("train: data must be { train, validation? } (a Problem fits)");
  }
  // An empty validation split (e.g. a series problem with validation 0) counts as none.
  const validation = data.validation !== undefined && data.validation.n > 0 ? data.validation : null;
  if (cfg.earlyStopping !== undefined && validation === null) {
    throw new RangeError("train: earlyStopping needs a non-empty validation split (data.validation)");
  }
  const stepper = new BackpropStepper(model, data.train, {
    optimizer: instance ?? optimizerFrom(cfg.optimizer),
    batchSize: cfg.batchSize,
    rng: cfg.rng,
    shuffle: cfg.shuffle,
    clip: cfg.clip,
    bptt: cfg.bptt,
    gradient: cfg.gradient,
  });
  const es =
    cfg.earlyStopping === undefined
      ? null
      : new EarlyStopping(
          cfg.earlyStopping,
          model.size,
          cfg.earlyStopping.monitor === "metric" && model.metric === "accuracy",
        );
  const history = new TrainHistory({
    model,
    stepper,
    train: data.train,
    validation,
    earlyStopping: es,
    monitor: cfg.earlyStopping?.monitor ?? "loss",
    recordDiagnostics: cfg.diagnostics,
    ...(cfg.onCheckpoint === undefined ? {} : { onCheckpoint: cfg.onCheckpoint }),
  });
  const learner: Learner = {
    name: "train",
    step(allowance) {
      const r = stepper.step(allowance);
      history.addLoss(r.loss);
      return r;
    },
    current: () => model.params,
  };
  const epochs = cfg.epochs ?? Number.POSITIVE_INFINITY;
  const evalEvery = cfg.evalEvery ?? stepper.updatesPerEpoch;
  const run = runLearner(learner, {
    limits: { steps: cfg.steps ?? Number.POSITIVE_INFINITY },
    // Whole epochs: the chunk updates of the last minibatch finish first.
    stopWhen: () => stepper.sampler.epoch >= epochs && !stepper.midSequence,
    checkpointDue: (p) => p.steps % evalEvery === 0,
    onCheckpoint: () => history.record() && !(es?.stopped ?? false),
  });
  return trainResult(model, stepper, history, es, run.divergence);
}

/** The result once the loop has ended: status, the best parameters put back if asked, final figures. */
function trainResult(
  model: AnyModel,
  stepper: BackpropStepper,
  history: TrainHistory,
  es: EarlyStopping | null,
  thrown: { step: number; flops: number; message: string } | null,
): TrainResult {
  const divergence =
    thrown === null
      ? history.divergence
      : { step: thrown.step, flops: thrown.flops, message: thrown.message };
  const status: TrainResult["status"] =
    divergence !== null ? "diverged" : es?.stopped ? "early-stopped" : "completed";
  let restoredBest = false;
  if (es?.config.restoreBest && es.bestStep >= 0 && es.bestStep !== stepper.steps) {
    model.setParams(es.bestParams);
    restoredBest = true;
  }
  const { tr, va } = history.measure();
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
    evaluationCost: history.evaluationCost,
    metric: model.metric,
    history: history.checkpoints,
    best: history.best,
    restoredBest,
    divergence,
    final,
  };
}
