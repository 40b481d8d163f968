/**
 * Backpropagation as a harness `Learner`: one `step()` is one minibatch update (one chunk update under
 * truncated BPTT with targets at every step).
 */
import type { Problem } from "@arena/datasets";
import type { AnyModel, Cost, Learner } from "@arena/nn";
import type { Rng } from "@arena/rng";
import {
  type BackpropConfig,
  type ResolvedBackpropConfig,
  resolveBackpropConfig,
} from "./backprop-config.ts";
import { BackpropStepper } from "./backprop-stepper.ts";
import { EarlyStopping } from "./early-stopping.ts";

/**
 * The learner `backpropLearner` returns: the `Learner` contract plus read-only views of its progress.
 */
export class BackpropLearner implements Learner {
  readonly name: string;
  readonly config: ResolvedBackpropConfig;
  readonly stepper: BackpropStepper;
  /** Early stopping on the validation split, when configured. */
  readonly earlyStopping: EarlyStopping | null;
  /** Updates between validation evaluations (early stopping only). */
  readonly evalEvery: number;
  private readonly model: AnyModel;
  private readonly problem: Problem;
  private readonly valCost: Cost;
  private restored = false;

  constructor(model: AnyModel, problem: Problem, config: ResolvedBackpropConfig, rng: Rng) {
    this.model = model;
    this.problem = problem;
    this.config = config;
    this.name = `backprop-${config.optimizer.kind}`;
    this.stepper = new BackpropStepper(model, problem.train, {
      optimizer: config.optimizer,
      batchSize: config.batchSize,
      rng,
      shuffle: config.shuffle,
      clip: config.clip,
      bptt: config.bptt,
    });
    const es = config.earlyStopping;
    if (es === null && config.evalEvery !== null) {
      throw new RangeError(
        `backprop learner: option evalEvery (${config.evalEvery}) only sets how often early stopping evaluates; add earlyStopping or drop it`,
      );
    }
    this.evalEvery = config.evalEvery ?? this.stepper.updatesPerEpoch;
    if (es !== null) {
      if (problem.validation.n === 0) {
        throw new RangeError(
          `backprop learner: earlyStopping needs a validation split, problem "${problem.name}" has an empty one`,
        );
      }
      const higher = es.monitor === "metric" && model.metric === "accuracy";
      this.earlyStopping = new EarlyStopping(es, model.size, higher);
      const steps = model.checkData(problem.validation);
      const v = problem.validation.n;
      this.valCost = {
        flops: model.flops(model.spec.kind === "mlp" ? { batch: v } : { batch: v, steps }).forward,
        evaluations: v,
      };
    } else {
      this.earlyStopping = null;
      this.valCost = { flops: 0, evaluations: 0 };
    }
  }

  /**
   * One update. With early stopping, every `evalEvery` updates the validation split is evaluated too,
   * and its forward pass is added to the cost (it is work the algorithm does). Throws nn's
   * `DivergenceError` when the loss or the gradient is not finite.
   */
  step(): Cost {
    const r = this.stepper.step();
    const cost: Cost = { flops: r.flops, evaluations: r.evaluations };
    const es = this.earlyStopping;
    if (es !== null && !es.stopped && this.stepper.steps % this.evalEvery === 0) {
      const ev = this.model.evaluate(this.problem.validation);
      es.update(es.config.monitor === "loss" ? ev.loss : ev.value, this.stepper.steps, this.model.params);
      cost.flops += this.valCost.flops;
      cost.evaluations += this.valCost.evaluations;
      if (es.stopped && es.config.restoreBest && es.bestStep >= 0) {
        this.model.params.set(es.bestParams);
        this.restored = true;
      }
    }
    return cost;
  }

  /** The model's parameters (the best ones once early stopping has stopped with restoreBest). */
  current(): Float32Array {
    return this.model.params;
  }

  /**
   * nn's diagnostics of the last update: `grad_norm/<layer>` → [‖∇‖ of the layer, before clipping]
   * and, for recurrent nets, `dh_norm/<layer>` → ‖∂L/∂h_t‖ for each step of the last backward window.
   * Empty before the first update.
   */
  diagnostics(): Record<string, number[]> {
    return this.stepper.steps === 0 ? {} : this.model.diagnostics();
  }

  /** True once early stopping has run out of patience. */
  finished(): boolean {
    return this.earlyStopping?.stopped ?? false;
  }

  /** Whether the best parameters have been put back. */
  get restoredBest(): boolean {
    return this.restored;
  }
}

/**
 * The harness's factory for backpropagation: binds a model (already initialised) to a problem's
 * training split with a JSON config (see {@link BackpropConfig}); the run's `rng` drives the minibatch
 * order ("minibatches") and dropout ("dropout").
 *
 * The learner trains on `problem.train` only. With `earlyStopping` it also evaluates
 * `problem.validation`, because early stopping is part of the algorithm and that is what the
 * validation split is for; it never reads `problem.test`.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { createModel } from "@arena/nn";
 * import { getProblem } from "@arena/datasets";
 * import { backpropLearner } from "@arena/backprop";
 * const problem = getProblem("iris").load(new Rng(1));
 * const model = createModel({ kind: "mlp", layers: [4, 8, 3], activation: "tanh", output: "softmax" }, new Rng(2));
 * const learner = backpropLearner(model, problem, { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 16 }, new Rng(3));
 * let flops = 0;
 * for (let i = 0; i < 300; i++) flops += learner.step().flops;
 * console.log(model.evaluate(problem.validation, { params: learner.current() }).accuracy, flops);
 * ```
 */
export function backpropLearner(
  model: AnyModel,
  problem: Problem,
  config: Record<string, unknown> | BackpropConfig,
  rng: Rng,
): BackpropLearner {
  return new BackpropLearner(model, problem, resolveBackpropConfig(config), rng);
}
