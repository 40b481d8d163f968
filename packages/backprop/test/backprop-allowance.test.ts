/**
 * `step(allowance)`: a budget's last minibatch is cut to the samples the allowance pays for; a step
 * with no room does nothing; an allowance that does not bind changes nothing.
 */
import type { Problem } from "@arena/datasets";
import { type Cost, createModel, type MlpSpec, type RecurrentSpec } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { type BackpropLearnerState, backpropLearner, resumeBackpropLearner } from "../src/index.ts";
import { blobs, randomSequences } from "./training-fixtures.ts";

const blobsProblem = {
  name: "blobs",
  task: "classification",
  metric: "accuracy",
  train: blobs("a-train", 70),
  validation: blobs("a-val", 30),
  test: blobs("a-test", 30),
} as Problem;

function sequences(readout: "last" | "every-step"): Problem {
  return {
    name: "seq",
    task: "regression",
    metric: "rmse",
    train: randomSequences("s-train", 40, 7, 2, 1, readout),
    validation: randomSequences("s-val", 10, 7, 2, 1, readout),
    test: randomSequences("s-test", 10, 7, 2, 1, readout),
  } as Problem;
}

const MLP: MlpSpec = { kind: "mlp", layers: [2, 12, 3], activation: "tanh", output: "softmax" };
const DEEP: MlpSpec = { kind: "mlp", layers: [2, 12, 8, 3], activation: "tanh", output: "softmax" };
const GRU_LAST: RecurrentSpec = { kind: "gru", input: 2, hidden: 5, output: 1, readout: "last" };
const LSTM_EVERY: RecurrentSpec = { kind: "lstm", input: 2, hidden: 5, output: 1, readout: "every-step" };

const CASES: [string, MlpSpec | RecurrentSpec, Problem, Record<string, unknown>][] = [
  [
    "MLP, momentum, clipping",
    MLP,
    blobsProblem,
    { optimizer: { kind: "momentum", lr: 0.1 }, batchSize: 16, clip: { norm: 0.5, value: 1 } },
  ],
  [
    "MLP, Adam, early stopping",
    MLP,
    blobsProblem,
    { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 16, earlyStopping: { patience: 100 }, evalEvery: 5 },
  ],
  [
    "MLP, direct feedback alignment, momentum, clipping",
    DEEP,
    blobsProblem,
    {
      optimizer: { kind: "momentum", lr: 0.1 },
      gradient: "direct-feedback-alignment",
      batchSize: 16,
      clip: { norm: 0.5 },
    },
  ],
  [
    "MLP with dropout, feedback alignment, Adam",
    { ...DEEP, dropout: 0.2 },
    blobsProblem,
    { optimizer: { kind: "adam", lr: 0.01 }, gradient: "feedback-alignment", batchSize: 16 },
  ],
  ["GRU, full BPTT", GRU_LAST, sequences("last"), { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 16 }],
  [
    "GRU, truncated BPTT, target at the end",
    GRU_LAST,
    sequences("last"),
    { optimizer: { kind: "sgd", lr: 0.05 }, batchSize: 16, bptt: { k1: 3, k2: 4 } },
  ],
  [
    "LSTM, truncated BPTT, chunk updates",
    LSTM_EVERY,
    sequences("every-step"),
    { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 16, bptt: { k1: 3, k2: 3 }, clip: { norm: 1 } },
  ],
  [
    "LSTM, truncated BPTT, sequence updates, clipping per chunk",
    LSTM_EVERY,
    sequences("every-step"),
    {
      optimizer: { kind: "adam", lr: 0.01 },
      batchSize: 16,
      bptt: { k1: 3, k2: 4, update: "sequence" },
      clip: { norm: 0.1, per: "chunk" },
    },
  ],
];

function build(spec: MlpSpec | RecurrentSpec, problem: Problem, config: Record<string, unknown>) {
  return backpropLearner(createModel(spec, new Rng("init")), problem, config, new Rng("run"));
}

describe("backprop step(allowance)", () => {
  it.each(CASES)("%s: an allowance that does not bind changes nothing", (_n, spec, problem, config) => {
    const a = build(spec, problem, config);
    const b = build(spec, problem, config);
    // Deciding the cut, clipping by norm counts as rescaling (size FLOPs per clip) whether or not it
    // does: an allowance that binds by less than that may cut a sample.
    const slack = config.clip ? 3 * a.stepper.model.size : 0;
    for (let i = 0; i < 9; i++) {
      const cost = a.step();
      const unlimited = { flops: Number.POSITIVE_INFINITY, evaluations: Number.POSITIVE_INFINITY };
      const exact = { flops: cost.flops + slack, evaluations: cost.evaluations };
      expect(b.step(i % 2 === 0 ? unlimited : exact)).toEqual(cost);
    }
    expect(Array.from(b.current())).toEqual(Array.from(a.current()));
  });

  it.each(CASES)(
    "%s: a step cut to the allowance stays within it, nearly fills it, and resumes exactly",
    (_n, spec, problem, config) => {
      const a = build(spec, problem, config);
      const costs: Cost[] = [];
      for (let i = 0; i < 3; i++) costs.push(a.step());
      while (a.stepper.midSequence) a.step();
      // Room for about 40 % of a full step: the batch is cut.
      const full = Math.max(...costs.map((c) => c.flops));
      const allowance = { flops: Math.floor(0.4 * full) + 3, evaluations: Number.POSITIVE_INFINITY };
      const before = a.stepper.sampler.position;
      const cut = a.step(allowance);
      const batch = a.stepper.sampler.position - before;
      expect(cut.flops).toBeLessThanOrEqual(allowance.flops);
      expect(cut.flops).toBeGreaterThan(0);
      expect(batch).toBeGreaterThan(0);
      expect(batch).toBeLessThan(16);
      // One more sample would not have fitted (clipping may have cost less than its worst case).
      expect(cut.flops).toBeGreaterThan(allowance.flops - full / 16 - 3 * a.stepper.model.size);
      // Not one sample fits: nothing is done.
      const params = Array.from(a.current());
      const steps = a.stepper.steps;
      expect(a.step({ flops: 10, evaluations: Number.POSITIVE_INFINITY })).toEqual({
        flops: 0,
        evaluations: 0,
      });
      expect(a.stepper.steps).toBe(steps);
      expect(Array.from(a.current())).toEqual(params);
      const mid = a.stepper.midSequence;
      const noSample = a.step({ flops: Number.POSITIVE_INFINITY, evaluations: 0.5 });
      // A new minibatch needs a sample; the next chunk of the current one needs none.
      if (mid) expect(noSample.evaluations).toBe(0);
      else expect(noSample).toEqual({ flops: 0, evaluations: 0 });
      while (a.stepper.midSequence) a.step();
      const saved = JSON.parse(JSON.stringify(a.state())) as BackpropLearnerState;
      const b = resumeBackpropLearner(createModel(spec, new Rng("other")), problem, saved);
      for (let i = 0; i < 5; i++) expect(b.step()).toEqual(a.step());
      expect(Array.from(b.current())).toEqual(Array.from(a.current()));
    },
  );

  it("cuts the minibatch to the samples an evaluation allowance pays for", () => {
    const a = build(MLP, blobsProblem, { optimizer: { kind: "sgd", lr: 0.1 }, batchSize: 16 });
    const cost = a.step({ flops: Number.POSITIVE_INFINITY, evaluations: 5.7 });
    expect(cost.evaluations).toBe(5);
    expect(a.stepper.sampler.position).toBe(5);
    // The epoch goes on from there: 16, 16, 16, then the 17 left.
    expect([a.step(), a.step(), a.step(), a.step(), a.step()].map((c) => c.evaluations)).toEqual([
      16, 16, 16, 16, 1,
    ]);
  });

  it("between the chunk updates of a minibatch, a chunk that does not fit is not done", () => {
    const a = build(LSTM_EVERY, sequences("every-step"), {
      optimizer: { kind: "sgd", lr: 0.05 },
      batchSize: 16,
      bptt: { k1: 3, k2: 3 },
    });
    const first = a.step();
    expect(a.stepper.midSequence).toBe(true);
    expect(a.step({ flops: first.flops - 1, evaluations: 1e9 })).toEqual({ flops: 0, evaluations: 0 });
    expect(a.stepper.midSequence).toBe(true);
    expect(a.stepper.steps).toBe(1);
  });

  it("with early stopping, an update that is due a validation pass keeps room for it", () => {
    const config = { optimizer: { kind: "sgd", lr: 0.1 }, batchSize: 16, earlyStopping: { patience: 100 } };
    const a = build(MLP, blobsProblem, config);
    const b = build(MLP, blobsProblem, config);
    // 70 samples: updates of 16, 16, 16, 16 and 6 samples; the 5th evaluates the 30 validation samples.
    for (let i = 0; i < 4; i++) a.step();
    for (let i = 0; i < 4; i++) b.step();
    const due = a.step();
    expect(due.evaluations).toBe(6 + 30);
    // Room for the validation pass and an update of 3 samples.
    const model = b.stepper.model;
    const update = (n: number) =>
      model.flops({ batch: n, backward: true }).total + b.stepper.optimizer.flopsPerStep(model.size);
    const room = due.flops - update(6) + update(3);
    expect(b.step({ flops: room + 1, evaluations: Number.POSITIVE_INFINITY })).toEqual({
      flops: room,
      evaluations: 3 + 30,
    });
    expect(b.earlyStopping?.bestStep).toBe(5);
  });
});
