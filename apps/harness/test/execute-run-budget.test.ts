import { createModel } from "@arena/nn";
import { parseRecord, serializeRecord } from "@arena/results";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { executeRun } from "../src/execute-run.ts";
import { LEARNER_KINDS } from "../src/learner-kinds.ts";
import { createProblemLoader } from "../src/problem-loader.ts";
import type { RunContext } from "../src/run-context.ts";
import { planSuite } from "../src/run-plan.ts";
import type { RunSpec } from "../src/run-spec.ts";
import { parseSuite } from "../src/suite.ts";

/**
 * Equal budgets: every learner kind, on every kind of task, spends at most its budget and nearly all of
 * it, although the budgets are no multiple of any step's cost (the last step is cut to fit).
 */

const context: RunContext = { learners: LEARNER_KINDS, loadProblem: createProblemLoader() };

/** One small problem per task type, with a small model; `recurrent` marks where truncated BPTT applies. */
const PROBLEMS = [
  {
    name: "moons",
    options: { samples: 200 },
    model: { kind: "mlp", layers: [2, 6, 2], activation: "tanh", output: "softmax" },
  },
  {
    name: "diabetes",
    options: {},
    model: { kind: "mlp", layers: [10, 6, 1], activation: "tanh", output: "linear" },
  },
  {
    name: "sine",
    options: { length: 200, inputLength: 8 },
    model: { kind: "gru", input: 1, hidden: 4, output: 1, readout: "last" },
    recurrent: true,
  },
  {
    name: "adding",
    options: { samples: 120, length: 6 },
    model: { kind: "lstm", input: 2, hidden: 4, output: 1, readout: "last" },
    recurrent: true,
  },
  {
    name: "copy",
    options: { samples: 80, symbols: 3, length: 2, delay: 3 },
    model: {
      kind: "lstm",
      input: 5,
      hidden: 4,
      output: 4,
      readout: "every-step",
      loss: "cross-entropy",
    },
    recurrent: true,
  },
] as const;

const LEARNERS = [
  {
    id: "sgd",
    kind: "backprop",
    config: { optimizer: { kind: "momentum", lr: 0.05, momentum: 0.9 }, batchSize: 16, clip: { norm: 1 } },
  },
  { id: "adam", kind: "backprop", config: { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 16 } },
  {
    id: "adam-es",
    kind: "backprop",
    config: {
      optimizer: { kind: "adam", lr: 0.01 },
      batchSize: 16,
      earlyStopping: { patience: 1000 },
      evalEvery: 3,
    },
  },
  {
    id: "tbptt",
    kind: "backprop",
    config: { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 16, bptt: { k1: 3, k2: 4 } },
    recurrentOnly: true,
  },
  {
    id: "tbptt-seq",
    kind: "backprop",
    config: {
      optimizer: { kind: "sgd", lr: 0.05 },
      batchSize: 16,
      clip: { norm: 1, per: "chunk" },
      bptt: { k1: 3, k2: 3, update: "sequence" },
    },
    recurrentOnly: true,
  },
  {
    id: "ga",
    kind: "ga",
    config: { population: 12, fitness: { minibatch: 16 }, rescore: { every: 2, top: 3 } },
  },
  { id: "ga-full", kind: "ga", config: { population: 10 } },
  {
    id: "pso",
    kind: "pso",
    config: { population: 10, fitness: { minibatch: 16 }, rescore: { every: 1, top: 2 } },
  },
  { id: "pso-full", kind: "pso", config: { population: 8 } },
  { id: "random", kind: "random-search", config: { population: 12, fitness: { minibatch: 16 } } },
  { id: "sep-cma", kind: "cmaes", config: { population: 10, fitness: { minibatch: 16 } } },
  { id: "snes", kind: "snes", config: { population: 10 } },
  { id: "openai-es", kind: "openai-es", config: { population: 10, fitness: { minibatch: 16 } } },
  { id: "shade", kind: "shade", config: { population: 10, fitness: { minibatch: 16 } } },
  {
    id: "fa",
    kind: "backprop",
    config: { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 16, gradient: "feedback-alignment" },
    mlpOnly: true,
  },
  {
    id: "dfa",
    kind: "backprop",
    config: { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 16, gradient: "direct-feedback-alignment" },
    mlpOnly: true,
  },
  {
    id: "memetic",
    kind: "memetic",
    config: { ga: { population: 6, fitness: { minibatch: 16 } }, local: { k: 1, batchSize: 8 } },
  },
  {
    id: "two-stage",
    kind: "two-stage",
    config: { ga: { population: 6, fitness: { minibatch: 16 } }, share: 0.4 },
  },
] as const;

/** Every learner on every problem, one repetition each, budgets set below. */
function plan(): RunSpec[] {
  const suite = parseSuite({
    name: "budget",
    seed: 7,
    repetitions: 1,
    budget: { flops: 1e6 },
    checkpoints: { count: 4, first: 0.05 },
    learners: LEARNERS.map(({ id, kind, config }) => ({ id, kind, config })),
    problems: PROBLEMS.map((p) => ({
      name: p.name,
      options: p.options,
      models: [p.model],
      learners: LEARNERS.filter((l) => ("recurrent" in p ? !("mlpOnly" in l) : !("recurrentOnly" in l))).map(
        (l) => l.id,
      ),
    })),
  });
  return planSuite(suite).filter((r) => LEARNERS.some((l) => l.id === r.learner.id));
}

/** FLOPs of one sample's forward pass: the budgets below are this many times an odd count. */
function sampleFlops(spec: RunSpec): { flops: number; trainN: number } {
  const problem = context.loadProblem(spec);
  const model = createModel(spec.model.spec as never, new Rng(1));
  const steps = model.checkData(problem.train);
  const flops = model.flops(model.spec.kind === "mlp" ? { batch: 1 } : { batch: 1, steps }).forward;
  model.dispose();
  return { flops, trainN: problem.train.n };
}

const runs = plan();

describe("equal budgets: the last step is cut to fit", () => {
  it("plans every learner on every task", () => {
    // MLP tasks: every learner but the 2 truncated-BPTT ones; sequences: all but FA and DFA.
    expect(runs.length).toBe(2 * 16 + 3 * 16);
  });

  it.each(runs.map((r) => [r.runId, r] as const))(
    "%s spends at most its FLOP budget, and nearly all of it",
    (_id, spec) => {
      const { flops } = sampleFlops(spec);
      // Roughly 8000 sample forwards' worth (a few generations of a full-fitness population), never a
      // round multiple of a step.
      const budget = 8001 * flops + 7;
      const r = executeRun({ ...spec, budget: { flops: budget } }, context);
      expect(r.status, r.error?.message ?? r.reason).toBe("ok");
      expect(r.cost.flops).toBeLessThanOrEqual(budget);
      expect(r.cost.flops).toBeGreaterThanOrEqual(0.95 * budget);
      expect(r.trace.at(-1)?.flops).toBe(r.cost.flops);
      expect(parseRecord(serializeRecord(r)).ok).toBe(true);
    },
  );

  it.each(
    runs
      .filter((r) => r.problem.name === "moons" || r.problem.name === "copy")
      .map((r) => [r.runId, r] as const),
  )("%s spends at most its evaluation budget, and nearly all of it", (_id, spec) => {
    const { trainN } = sampleFlops(spec);
    const budget = 20 * trainN + 13;
    const r = executeRun({ ...spec, budget: { evaluations: budget } }, context);
    expect(r.status, r.error?.message ?? r.reason).toBe("ok");
    expect(r.cost.evaluations).toBeLessThanOrEqual(budget);
    expect(r.cost.evaluations).toBeGreaterThanOrEqual(0.95 * budget);
  });

  it("an epoch budget is the evaluations of that many epochs, cut to the sample", () => {
    const spec = runs.find((r) => r.problem.name === "moons" && r.learner.id === "sgd")!;
    const { trainN } = sampleFlops(spec);
    const r = executeRun({ ...spec, budget: { epochs: 2.5 } }, context);
    expect(r.status).toBe("ok");
    expect(r.cost.evaluations).toBe(Math.floor(2.5 * trainN));
  });

  it("a FLOP and an evaluation budget together: the one that binds first ends the run", () => {
    const spec = runs.find((r) => r.problem.name === "sine" && r.learner.id === "ga")!;
    const { flops, trainN } = sampleFlops(spec);
    const budget = { flops: 1e9 * flops, evaluations: 10 * trainN + 5 };
    const r = executeRun({ ...spec, budget }, context);
    expect(r.cost.evaluations).toBeLessThanOrEqual(budget.evaluations);
    expect(r.cost.evaluations).toBeGreaterThanOrEqual(0.95 * budget.evaluations);
  });
});
