import type { Problem } from "@arena/datasets";
import { createModel, DivergenceError, type MlpSpec } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { backpropLearner } from "../src/index.ts";
import { blobs, randomSequences } from "./training-fixtures.ts";

const SPEC: MlpSpec = { kind: "mlp", layers: [2, 16, 3], activation: "tanh", output: "softmax" };

/** A problem whose test split throws when read (and, unless allowed, its validation split too). */
function guarded(allowValidation: boolean): Problem & { reads: string[] } {
  const reads: string[] = [];
  const splits = { train: blobs("l-train", 60), validation: blobs("l-val", 30), test: blobs("l-test", 30) };
  const p = { name: "blobs", task: "classification", metric: "accuracy", reads } as const;
  const out = { ...p } as Problem & { reads: string[] };
  Object.defineProperty(out, "train", { get: () => splits.train, enumerable: true });
  Object.defineProperty(out, "validation", {
    enumerable: true,
    get: () => {
      reads.push("validation");
      if (!allowValidation) throw new Error("the learner read the validation split");
      return splits.validation;
    },
  });
  Object.defineProperty(out, "test", {
    enumerable: true,
    get: () => {
      throw new Error("the learner read the test split");
    },
  });
  return out;
}

describe("backpropLearner", () => {
  it("one step is one minibatch update; its cost is the model's FLOPs plus the optimizer's; no split but train is read", () => {
    const problem = guarded(false);
    const model = createModel(SPEC, new Rng(1));
    const learner = backpropLearner(
      model,
      problem,
      { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 16 },
      new Rng(2),
    );
    expect(learner.name).toBe("backprop-adam");
    expect(learner.diagnostics()).toEqual({});
    const costs = Array.from({ length: 8 }, () => learner.step());
    const full = model.flops({ batch: 16, backward: true }).total + 13 * model.size;
    const rest = model.flops({ batch: 12, backward: true }).total + 13 * model.size;
    expect(costs).toEqual([
      { flops: full, evaluations: 16 },
      { flops: full, evaluations: 16 },
      { flops: full, evaluations: 16 },
      { flops: rest, evaluations: 12 },
      { flops: full, evaluations: 16 },
      { flops: full, evaluations: 16 },
      { flops: full, evaluations: 16 },
      { flops: rest, evaluations: 12 },
    ]);
    expect(learner.current()).toBe(model.params);
    expect(learner.finished()).toBe(false);
    expect(Object.keys(learner.diagnostics())).toEqual(["grad_norm/dense0", "grad_norm/dense1"]);
    expect(problem.reads).toEqual([]);
  });

  it("is deterministic for a seed", () => {
    const run = (seed: number) => {
      const model = createModel(SPEC, new Rng(1));
      const l = backpropLearner(
        model,
        guarded(false),
        { optimizer: { kind: "sgd", lr: 0.1 }, batchSize: 8 },
        new Rng(seed),
      );
      for (let i = 0; i < 20; i++) l.step();
      return Array.from(l.current());
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it("early stopping reads the validation split (never test), counts that work, finishes and restores the best", () => {
    const problem = guarded(true);
    const model = createModel({ ...SPEC, layers: [2, 64, 3] }, new Rng(1));
    const learner = backpropLearner(
      model,
      problem,
      { optimizer: { kind: "adam", lr: 0.05 }, batchSize: 60, earlyStopping: { patience: 3 }, evalEvery: 5 },
      new Rng(2),
    );
    expect(learner.evalEvery).toBe(5);
    const val = model.flops({ batch: 30 }).forward;
    const step = model.flops({ batch: 60, backward: true }).total + 13 * model.size;
    let steps = 0;
    while (!learner.finished() && steps < 5000) {
      const c = learner.step();
      steps++;
      expect(c).toEqual(
        steps % 5 === 0 ? { flops: step + val, evaluations: 90 } : { flops: step, evaluations: 60 },
      );
    }
    expect(learner.finished()).toBe(true);
    const es = learner.earlyStopping;
    if (es === null) throw new Error("early stopping missing");
    expect(steps).toBe(es.bestStep + 15);
    expect(learner.restoredBest).toBe(true);
    expect(Array.from(learner.current())).toEqual(Array.from(es.bestParams));
    expect(model.evaluate(blobs("l-val", 30)).loss).toBe(es.bestValue);
    expect(problem.reads.length).toBeGreaterThan(0);
  });

  it("throws nn's DivergenceError when the loss blows up", () => {
    const model = createModel(SPEC, new Rng(1));
    const learner = backpropLearner(
      model,
      guarded(false),
      { optimizer: { kind: "sgd", lr: 1e30 }, batchSize: 60 },
      new Rng(2),
    );
    let err: unknown;
    for (let i = 0; i < 100 && err === undefined; i++) {
      try {
        learner.step();
      } catch (e) {
        err = e;
      }
    }
    expect(err).toBeInstanceOf(DivergenceError);
    expect((err as DivergenceError).step).toBeGreaterThan(1);
    expect(learner.current().every(Number.isFinite)).toBe(true);
  });

  it("recurrent nets: truncated BPTT chunk updates and gradient norms through time", () => {
    const seqs = randomSequences("l-seq", 12, 12, 2, 1, "every-step");
    const problem = {
      name: "seq",
      task: "regression",
      metric: "rmse",
      train: seqs,
      validation: seqs,
      test: seqs,
    } as const;
    const model = createModel(
      { kind: "gru", input: 2, hidden: 5, output: 1, readout: "every-step" },
      new Rng(1),
    );
    const learner = backpropLearner(
      model,
      problem,
      { optimizer: { kind: "rmsprop" }, batchSize: 6, bptt: { k1: 4, k2: 6 }, clip: { norm: 5 } },
      new Rng(2),
    );
    const evals = Array.from({ length: 6 }, () => learner.step().evaluations);
    expect(evals).toEqual([6, 0, 0, 6, 0, 0]);
    const d = learner.diagnostics();
    expect(d["dh_norm/gru0"]).toHaveLength(6);
    expect(d["grad_norm/gru0"]).toHaveLength(1);
  });

  it("validates the config, naming the key and the value", () => {
    const model = createModel(SPEC, new Rng(1));
    const p = guarded(true);
    const make = (config: Record<string, unknown>) => () => backpropLearner(model, p, config, new Rng(1));
    expect(make({})).toThrow("backprop learner: optimizer: required: expected object");
    expect(make({ optimizer: { kind: "adam" }, batchsize: 8 })).toThrow(
      'backprop learner: unknown key "batchsize"; known keys: optimizer, gradient, batchSize, shuffle, clip, bptt, earlyStopping, evalEvery',
    );
    expect(make({ optimizer: { kind: "lbfgs" } })).toThrow(
      /backprop learner: optimizer\.kind: Invalid discriminator value\. Expected 'sgd' \| .* \(got "lbfgs"\)/,
    );
    expect(make({ optimizer: { kind: "adam", lr: -1 } })).toThrow(
      "backprop learner: optimizer.lr: Too small: expected number to be >=0 (got -1)",
    );
    expect(make({ optimizer: { kind: "adam" }, batchSize: 2.5 })).toThrow(
      "backprop learner: batchSize: Invalid input: expected int, received number (got 2.5)",
    );
    expect(make({ optimizer: { kind: "adam" }, clip: { norm: 1, per: "epoch" } })).toThrow(
      'backprop learner: clip.per: Invalid option: expected one of "step"|"chunk" (got "epoch")',
    );
    expect(make({ optimizer: { kind: "adam" }, bptt: { k1: 3 } })).toThrow(
      "backprop learner: bptt.k2: required: expected number",
    );
    expect(make({ optimizer: { kind: "adam" }, bptt: { k1: 3, k2: 3 } })).toThrow(
      /bptt applies to recurrent models only/,
    );
    expect(make({ optimizer: { kind: "adam" }, earlyStopping: { patience: 2, minDelta: "0.1" } })).toThrow(
      'backprop learner: earlyStopping.minDelta: Invalid input: expected number, received string (got "0.1")',
    );
    // Every problem of a config in one message, so a suite is fixed in one pass.
    expect(make({ optimizer: { kind: "adam", beta1: 1 }, batchSize: 0, clip: {} })).toThrow(
      'backprop learner: optimizer.beta1: Too big: expected number to be <1 (got 1); batchSize: Too small: expected number to be >=1 (got 0); clip: expected norm and/or value (a number > 0) (got {"per": "step"})',
    );
    const noValidation = { ...blobs("e", 0), n: 0 };
    expect(() =>
      backpropLearner(
        model,
        {
          name: "empty-val",
          task: "classification",
          metric: "accuracy",
          train: blobs("t", 9),
          validation: noValidation,
          test: noValidation,
        },
        { optimizer: { kind: "adam" }, earlyStopping: { patience: 2 } },
        new Rng(1),
      ),
    ).toThrow(/earlyStopping needs a validation split, problem "empty-val" has an empty one/);
    expect(make({ optimizer: { kind: "adam" }, evalEvery: 10 })).toThrow(
      "backprop learner: evalEvery: only sets how often early stopping evaluates; expected earlyStopping as well, or no evalEvery (got 10)",
    );
  });
});
