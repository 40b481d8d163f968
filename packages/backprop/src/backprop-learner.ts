/**
 * Backpropagation as a harness `Learner`: one `step()` is one minibatch update (one chunk update under
 * truncated BPTT with targets at every step).
 */
import type { Problem } from "@arena/datasets";
import { floatsFromJson, floatsToJson, type JsonFloat } from "@arena/float-json";
import type { AnyModel, Cost, Learner } from "@arena/nn";
import { Rng, type RngLike, toRng } from "@arena/rng";
import {
  type BackpropLearnerConfig,
  type ResolvedBackpropConfig,
  resolveBackpropConfig,
} from "./backprop-config.ts";
import { BackpropStepper } from "./backprop-stepper.ts";
import { EarlyStopping, type EarlyStoppingState } from "./early-stopping.ts";
import { estimatorPrefix } from "./gradient-estimator.ts";
import type { StepperState } from "./stepper-state.ts";

/**
 * Plain-JSON state of a {@link BackpropLearner}: everything `resumeBackpropLearner` needs to continue
 * bit for bit: the config, the parameters (exact float JSON), the stepper (counters, minibatch
 * order and stream, dropout stream, optimizer moments) and early stopping.
 */
export interface BackpropLearnerState {
  readonly format: "arena-backprop";
  readonly version: 1;
  /** The learner's config as JSON, every default filled in (the optimizer as its `config()`). */
  readonly config: Record<string, unknown>;
  readonly params: JsonFloat[];
  readonly stepper: StepperState;
  readonly earlyStopping: EarlyStoppingState | null;
  readonly restoredBest: boolean;
}

/** A resolved config as the JSON `backpropLearner` accepts (unset options left out). */
function configJson(c: ResolvedBackpropConfig): Record<string, unknown> {
  return structuredClone({ ...c, optimizer: c.optimizer.config() });
}

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
    this.name = `${estimatorPrefix(config.gradient)}-${config.optimizer.kind}`;
    this.stepper = new BackpropStepper(model, problem.train, {
      optimizer: config.optimizer,
      batchSize: config.batchSize,
      rng,
      shuffle: config.shuffle,
      clip: config.clip,
      bptt: config.bptt,
      gradient: config.gradient,
    });
    const es = config.earlyStopping;
    this.evalEvery = config.evalEvery ?? this.stepper.updatesPerEpoch;
    if (es !== undefined) {
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
   *
   * With `allowance`, the cost stays within it: the minibatch is cut to the samples it pays for (see
   * `BackpropStepper.step`), after setting aside the validation pass when this update is due one. When
   * not one sample fits, nothing is done and the cost is zero.
   */
  step(allowance?: Cost): Cost {
    const es = this.earlyStopping;
    const validate = es !== null && !es.stopped && (this.stepper.steps + 1) % this.evalEvery === 0;
    const left =
      allowance === undefined || !validate
        ? allowance
        : {
            flops: allowance.flops - this.valCost.flops,
            evaluations: allowance.evaluations - this.valCost.evaluations,
          };
    const r = this.stepper.step(left);
    if (r.batch === 0) return { flops: 0, evaluations: 0 };
    const cost: Cost = { flops: r.flops, evaluations: r.evaluations };
    if (es !== null && validate) {
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
   * and, for recurrent nets, `dh_norm/<layer>` → ‖∂L/∂h_t‖ for each step of the last backward window;
   * with a feedback-alignment gradient also `alignment_angle` → [degrees between the estimate and the
   * true gradient, per dense layer] (measured here, not charged: see `BackpropStepper.diagnostics`).
   * Empty before the first update.
   */
  diagnostics(): Record<string, number[]> {
    return this.stepper.steps === 0 ? {} : this.stepper.diagnostics();
  }

  /** True once early stopping has run out of patience. */
  finished(): boolean {
    return this.earlyStopping?.stopped ?? false;
  }

  /** Whether the best parameters have been put back. */
  get restoredBest(): boolean {
    return this.restored;
  }

  /**
   * Everything needed to resume exactly, as plain JSON (see `resumeBackpropLearner`). Between
   * minibatches only: under truncated BPTT with chunk updates, a step that leaves a minibatch
   * half-done (`stepper.midSequence`) carries recurrent state the snapshot cannot hold, and this throws.
   */
  state(): BackpropLearnerState {
    return {
      format: "arena-backprop",
      version: 1,
      config: configJson(this.config),
      params: floatsToJson(this.model.params),
      stepper: this.stepper.state(),
      earlyStopping: this.earlyStopping?.state() ?? null,
      restoredBest: this.restored,
    };
  }

  /** Continues from `state()`: called by `resumeBackpropLearner` on a learner built from its config. */
  restore(state: BackpropLearnerState): void {
    const owner = "resumeBackpropLearner";
    if ((state.earlyStopping === null) !== (this.earlyStopping === null)) {
      throw new TypeError(`${owner}: state.earlyStopping does not match the config's earlyStopping`);
    }
    const params = floatsFromJson(owner, "params", state.params, this.model.size);
    this.stepper.restore(state.stepper);
    if (state.earlyStopping !== null) this.earlyStopping?.restore(state.earlyStopping);
    this.model.params.set(params);
    this.restored = state.restoredBest === true;
  }
}

/**
 * Rebuilds a backprop learner saved with `state()` (also after a JSON round trip) on `model` (the same
 * architecture; its parameters are overwritten with the saved ones) and `problem` (the same splits). It
 * continues bit for bit: the same minibatches, dropout masks, optimizer moments, costs and early
 * stopping.
 *
 * @example
 * ```ts
 * import { Rng, type RngLike, toRng } from "@arena/rng";
 * import { createModel } from "@arena/nn";
 * import { getProblem } from "@arena/datasets";
 * import { backpropLearner, resumeBackpropLearner } from "@arena/backprop";
 * const problem = getProblem("iris").load(new Rng(1));
 * const spec = { kind: "mlp", layers: [4, 8, 3], activation: "tanh", output: "softmax" } as const;
 * const a = backpropLearner(createModel(spec, new Rng(2)), problem, { optimizer: { kind: "adam" } }, new Rng(3));
 * for (let i = 0; i < 20; i++) a.step();
 * const b = resumeBackpropLearner(createModel(spec, null), problem, JSON.parse(JSON.stringify(a.state())));
 * a.step();
 * b.step();
 * console.log(a.current().every((v, i) => v === b.current()[i])); // true
 * ```
 */
export function resumeBackpropLearner(
  model: AnyModel,
  problem: Problem,
  state: BackpropLearnerState,
): BackpropLearner {
  const owner = "resumeBackpropLearner";
  if (state === null || typeof state !== "object" || state.format !== "arena-backprop") {
    throw new TypeError(`${owner}: expected a state with format "arena-backprop"`);
  }
  if (state.version !== 1)
    throw new TypeError(`${owner}: state version ${String(state.version)} is not supported (expected 1)`);
  // The streams below are provisional: restore installs the saved minibatch and dropout streams.
  const learner = new BackpropLearner(
    model,
    problem,
    resolveBackpropConfig(state.config, owner),
    new Rng("resume"),
  );
  learner.restore(state);
  return learner;
}

/**
 * The harness's factory for backpropagation: binds a model (already initialised) to a problem's
 * training split with a JSON config (see `backpropLearnerConfig`); the run's `rng` drives the minibatch
 * order ("minibatches"), dropout ("dropout") and, with a feedback-alignment `gradient`, the fixed
 * feedback matrices ("feedback"). The learner is named `<estimator>-<optimizer>`: "backprop-adam",
 * "fa-adam", "dfa-sgd"….
 *
 * The learner trains on `problem.train` only. With `earlyStopping` it also evaluates
 * `problem.validation`, because early stopping is part of the algorithm and that is what the
 * validation split is for; it never reads `problem.test`.
 *
 * @example
 * ```ts
 * import { Rng, type RngLike, toRng } from "@arena/rng";
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
  config: Record<string, unknown> | BackpropLearnerConfig,
  rng: RngLike,
): BackpropLearner {
  return new BackpropLearner(model, problem, resolveBackpropConfig(config), toRng(rng, "backpropLearner"));
}
