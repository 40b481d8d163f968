import { type RunRecord, runId } from "../src/index.ts";

/**
 * A realistic record: particle swarm training a 64-32-10 MLP on digits for 4 checkpoints, reaching
 * the first two targets of a 3-target accuracy ladder. Variants make diverged and failed runs.
 */
export function sampleRecord(status: "ok" | "diverged" | "failed" = "ok"): RunRecord {
  const parts = { suite: "default", problem: "digits", model: "mlp-64-32", learner: "pso", repetition: 3 };
  const record: RunRecord = {
    schema: "arena.run/1",
    runId: runId(parts),
    suite: "default",
    problem: { name: "digits", options: { split: [0.6, 0.2, 0.2], scale: "standard" } },
    model: {
      name: "mlp-64-32",
      spec: {
        kind: "mlp",
        inputs: 64,
        layers: [
          { units: 32, activation: "tanh" },
          { units: 10, activation: "softmax" },
        ],
      },
    },
    learner: {
      name: "pso",
      config: { particles: 40, inertia: 0.7298, cognitive: 1.49618, social: 1.49618, topology: "ring" },
    },
    configHash: "1a2b3c4d",
    seedPath: "42/digits/pso/3",
    repetition: 3,
    parameters: 2410,
    metric: { name: "accuracy", higherIsBetter: true },
    status: "ok",
    trace: [
      {
        step: 0,
        epoch: 0,
        flops: 0,
        evaluations: 0,
        wallMs: 0,
        trainLoss: 2.3312,
        trainMetric: 0.098,
        valLoss: 2.3398,
        valMetric: 0.091,
      },
      {
        step: 50,
        epoch: 1.8549,
        flops: 4.62e9,
        evaluations: 2000,
        wallMs: 812.4,
        trainLoss: 1.2031,
        trainMetric: 0.6412,
        valLoss: 1.2544,
        valMetric: 0.6211,
        diagnostics: { diversity: [0.82, 0.79] },
      },
      {
        step: 100,
        epoch: 3.7097,
        flops: 9.24e9,
        evaluations: 4000,
        wallMs: 1650.9,
        trainLoss: 0.6122,
        trainMetric: 0.8355,
        valLoss: 0.7012,
        valMetric: 0.805,
      },
      {
        step: 150,
        epoch: 5.5646,
        flops: 1.386e10,
        evaluations: 6000,
        wallMs: 2479.2,
        trainLoss: 0.441,
        trainMetric: 0.8801,
        valLoss: 0.5903,
        valMetric: 0.8012,
      },
    ],
    final: {
      trainLoss: 0.441,
      trainMetric: 0.8801,
      valLoss: 0.5903,
      valMetric: 0.8012,
      testLoss: 0.6021,
      testMetric: 0.7988,
    },
    best: {
      checkpoint: 2,
      step: 100,
      epoch: 3.7097,
      flops: 9.24e9,
      evaluations: 4000,
      trainLoss: 0.6122,
      trainMetric: 0.8355,
      valLoss: 0.7012,
      valMetric: 0.805,
      testLoss: 0.7177,
      testMetric: 0.7941,
    },
    cost: { steps: 150, flops: 1.386e10, evaluations: 6000 },
    targets: [
      { target: 0.5, reached: true, flops: 4.62e9, evaluations: 2000, step: 50, wallMs: 812.4 },
      { target: 0.8, reached: true, flops: 9.24e9, evaluations: 4000, step: 100, wallMs: 1650.9 },
      { target: 0.9, reached: false, flops: null, evaluations: null, step: null, wallMs: null },
    ],
    measured: {
      startedAt: "2025-01-15T10:21:03.512Z",
      endedAt: "2025-01-15T10:21:06.201Z",
      wallMs: 2688.7,
      peakRssBytes: 187_432_960,
      peakHeapBytes: 41_205_112,
      host: { node: "v20.20.2", cpu: "AMD EPYC 7B13", cores: 2, platform: "linux", arch: "x64" },
      provenance: { arenaVersion: "0.1.0", gitCommit: "33a53bd", kernels: "wasm", workers: 2 },
    },
  };
  if (status === "diverged") {
    // Backprop with too large a learning rate: the loss overflows after the second checkpoint.
    record.learner = { name: "backprop-sgd", config: { lr: 10, momentum: 0.9, batchSize: 32 } };
    record.runId = runId({ ...parts, learner: "backprop-sgd" });
    record.seedPath = "42/digits/backprop-sgd/3";
    record.status = "diverged";
    record.divergedAt = { step: 120, flops: 1.1e10, evaluations: 3840 };
    record.trace = record.trace
      .slice(0, 2)
      .map((c) => ({ ...c, gradNorms: { "dense0.W": 3.2, "dense0.b": 0.4, "dense1.W": 12.5 } }));
    record.trace.push({
      step: 120,
      epoch: 3.5,
      flops: 1.1e10,
      evaluations: 3840,
      wallMs: 1990,
      trainLoss: Number.NaN,
      trainMetric: 0.1,
      valLoss: Number.POSITIVE_INFINITY,
      valMetric: 0.1,
      gradNorms: { "dense0.W": Number.POSITIVE_INFINITY, "dense0.b": Number.NaN, "dense1.W": 8.5e37 },
    });
    record.final = {
      trainLoss: Number.NaN,
      trainMetric: 0.1,
      valLoss: Number.POSITIVE_INFINITY,
      valMetric: 0.1,
      testLoss: Number.NaN,
      testMetric: 0.1,
    };
    record.best = {
      ...record.best!,
      checkpoint: 1,
      step: 50,
      flops: 4.62e9,
      evaluations: 2000,
      epoch: 1.8549,
    };
    record.cost = { steps: 120, flops: 1.1e10, evaluations: 3840 };
    record.targets = [
      record.targets[0],
      { target: 0.8, reached: false, flops: null, evaluations: null, step: null, wallMs: null },
      record.targets[2],
    ];
  }
  if (status === "failed") {
    record.status = "failed";
    record.error = {
      message: "Dense: input has 3 columns, layer expects 4",
      stack: "RangeError: Dense: input has 3 columns\n    at Dense.forward (dense.ts:42:11)",
    };
    record.trace = [];
    record.final = null;
    record.best = null;
    record.cost = { steps: 0, flops: 0, evaluations: 0 };
    record.targets = record.targets.map((t) => ({
      target: t.target,
      reached: false,
      flops: null,
      evaluations: null,
      step: null,
      wallMs: null,
    }));
  }
  return record;
}

/** A recurrent-model checkpoint with gradient norms through time. */
export function rnnRecord(): RunRecord {
  const r = sampleRecord();
  r.problem = { name: "sine-sequence", options: { steps: 20 } };
  r.model = { name: "lstm-16", spec: { kind: "lstm", inputs: 1, hidden: 16, outputs: 1 } };
  r.metric = { name: "rmse", higherIsBetter: false };
  r.trace = r.trace.map((c) => ({ ...c, gradNormsThroughTime: [1e-6, 3e-4, 0.02, 0.4, 1.2] }));
  r.targets = [{ target: 0.1, reached: false, flops: null, evaluations: null, step: null, wallMs: null }];
  return r;
}
