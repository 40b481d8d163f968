/**
 * Saving and resuming a backprop learner: after a JSON round trip of `state()`, a learner rebuilt by
 * `resumeBackpropLearner` on a fresh model continues bit for bit: parameters, costs, minibatch order,
 * dropout masks, optimizer moments and early stopping.
 */
import type { Problem } from "@arena/datasets";
import { type AnyModel, type Cost, createModel, type MlpSpec, type RecurrentSpec } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  type BackpropLearner,
  type BackpropLearnerState,
  backpropLearner,
  resumeBackpropLearner,
} from "../src/index.ts";
import { blobs, randomSequences } from "./training-fixtures.ts";

const problem: Problem = {
  name: "blobs",
  task: "classification",
  metric: "accuracy",
  train: blobs("r-train", 70),
  validation: blobs("r-val", 30),
  test: blobs("r-test", 30),
} as Problem;

const MLP: MlpSpec = { kind: "mlp", layers: [2, 12, 3], activation: "tanh", output: "softmax", dropout: 0.2 };

/** Everything observable about a learner after some steps. */
function trace(learner: BackpropLearner, steps: number) {
  const costs: Cost[] = [];
  for (let i = 0; i < steps && !learner.finished(); i++) costs.push(learner.step());
  return {
    costs,
    params: Array.from(learner.current()),
    loss: learner.stepper.loss,
    steps: learner.stepper.steps,
    flops: learner.stepper.flops,
    epoch: learner.stepper.epoch,
    finished: learner.finished(),
    bestStep: learner.earlyStopping?.bestStep ?? null,
    bestValue: learner.earlyStopping?.bestValue ?? null,
    restored: learner.restoredBest,
  };
}

/** Runs `before` steps, snapshots through JSON, then runs `after` more on the original and on a resumed copy. */
function resumeMatches(
  spec: MlpSpec | RecurrentSpec,
  data: Problem,
  config: Record<string, unknown>,
  before: number,
  after: number,
) {
  const original = backpropLearner(createModel(spec, new Rng("init")), data, config, new Rng("run"));
  for (let i = 0; i < before; i++) original.step();
  const saved = JSON.parse(JSON.stringify(original.state())) as BackpropLearnerState;
  // A model with other weights: the resumed learner must overwrite them with the saved ones.
  const other: AnyModel = createModel(spec, new Rng("other init"));
  const resumed = resumeBackpropLearner(other, data, saved);
  expect(Array.from(resumed.current())).toEqual(Array.from(original.current()));
  return { original: trace(original, after), resumed: trace(resumed, after), saved };
}

describe("backprop learner state and resume", () => {
  it("an MLP with dropout, momentum, a schedule, clipping and early stopping resumes bit for bit", () => {
    const { original, resumed, saved } = resumeMatches(
      MLP,
      problem,
      {
        optimizer: { kind: "nesterov", lr: { kind: "cosine", lr: 0.05, steps: 400 }, momentum: 0.9 },
        batchSize: 16,
        clip: { norm: 1 },
        earlyStopping: { patience: 3, minDelta: 1e-3 },
        evalEvery: 5,
      },
      // 23 steps: mid-epoch (5 updates per epoch of 70 samples), between evaluations.
      23,
      120,
    );
    expect(saved.format).toBe("arena-backprop");
    expect(saved.stepper.steps).toBe(23);
    expect(saved.stepper.dropoutRng).not.toBeNull();
    expect(saved.stepper.sampler.position).toBe(48);
    expect(resumed).toEqual(original);
    // The comparison is not vacuous: training moved on, and early stopping had something to track.
    expect(original.costs.length).toBeGreaterThan(10);
    expect(original.bestStep).toBeGreaterThan(0);
  });

  it("AdamW with AMSGrad, saved after early stopping has restored the best weights, stays stopped", () => {
    const { original, resumed } = resumeMatches(
      { ...MLP, dropout: 0 },
      problem,
      {
        optimizer: { kind: "adamw", lr: 0.05, amsgrad: true },
        batchSize: 70,
        earlyStopping: { patience: 1, minDelta: 10 },
        evalEvery: 1,
      },
      5,
      5,
    );
    expect(original.finished).toBe(true);
    expect(original.restored).toBe(true);
    expect(resumed).toEqual(original);
  });

  it("a recurrent net under truncated BPTT resumes at a minibatch boundary, and refuses mid-minibatch", () => {
    const seqs: Problem = {
      name: "sequences",
      task: "regression",
      metric: "rmse",
      train: randomSequences("seq-train", 24, 12, 2, 1, "every-step"),
      validation: randomSequences("seq-val", 8, 12, 2, 1, "every-step"),
      test: randomSequences("seq-test", 8, 12, 2, 1, "every-step"),
    } as Problem;
    const spec: RecurrentSpec = { kind: "lstm", input: 2, hidden: 6, output: 1, readout: "every-step" };
    const config = { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 8, bptt: { k1: 4, k2: 6 } };
    // Chunk updates: 3 chunks (12 steps / k1 4) per minibatch, so steps 3, 6, … end a minibatch.
    const { original, resumed } = resumeMatches(spec, seqs, config, 6, 14);
    expect(resumed).toEqual(original);
    const learner = backpropLearner(createModel(spec, new Rng(1)), seqs, config, new Rng(2));
    learner.step();
    expect(learner.stepper.midSequence).toBe(true);
    expect(() => learner.state()).toThrow(
      "BackpropStepper.state: step 1 is chunk 1 of 3 of a minibatch; the carried recurrent state is not saved",
    );
    learner.step();
    learner.step();
    expect(() => learner.state()).not.toThrow();
  });

  it("rejects a state of another kind, another size or a mismatched config, naming what is wrong", () => {
    const learner = backpropLearner(
      createModel(MLP, new Rng(1)),
      problem,
      { optimizer: { kind: "adam" } },
      new Rng(2),
    );
    learner.step();
    const state = learner.state();
    const bigger = createModel({ ...MLP, layers: [2, 13, 3] }, new Rng(1));
    expect(() => resumeBackpropLearner(bigger, problem, state)).toThrow(
      /resumeBackpropLearner: state field params must be an array of 81 numbers, got an array of 75/,
    );
    expect(() =>
      resumeBackpropLearner(createModel(MLP, null), problem, {
        ...state,
        format: "arena-neuroevolution",
      } as never),
    ).toThrow('resumeBackpropLearner: expected a state with format "arena-backprop"');
    expect(() =>
      resumeBackpropLearner(createModel(MLP, null), problem, { ...state, version: 2 } as never),
    ).toThrow("resumeBackpropLearner: state version 2 is not supported (expected 1)");
    expect(() =>
      resumeBackpropLearner(createModel(MLP, null), problem, {
        ...state,
        config: { ...state.config, batchSize: 0 },
      }),
    ).toThrow("resumeBackpropLearner: batchSize: Too small: expected number to be >=1 (got 0)");
    expect(() => resumeBackpropLearner(createModel({ ...MLP, dropout: 0 }, null), problem, state)).toThrow(
      "BackpropStepper.restore: the state has a dropout stream, this model has no dropout",
    );
  });
});
