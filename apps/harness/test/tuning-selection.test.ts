import type { Dataset, Problem } from "@arena/datasets";
import type { RunRecord } from "@arena/results";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { executeRun } from "../src/execute-run.ts";
import { LEARNER_KINDS } from "../src/learner-kinds.ts";
import { createProblemLoader } from "../src/problem-loader.ts";
import type { RunContext } from "../src/run-context.ts";
import { planSuiteWithTuning } from "../src/run-plan.ts";
import type { RunSpec } from "../src/run-spec.ts";
import { parseSuite } from "../src/suite.ts";
import { chooseTrial, planFinals } from "../src/tuning-selection.ts";

/**
 * Held-out means held out: the tuning protocol chooses on validation only, and reports the chosen
 * configuration on fresh seeds. Proved by running the same trials with the test labels shuffled (the
 * choice must not move) and with the validation labels shuffled (it must be able to).
 */

const SUITE = parseSuite({
  name: "tuning-test",
  seed: 11,
  repetitions: 2,
  budget: { flops: 1.5e6 },
  tuning: { trials: 6, seeds: 2 },
  baselines: false,
  learners: [
    {
      id: "sgd",
      kind: "backprop",
      config: { optimizer: { kind: "momentum", lr: 0.05 } },
      search: { "optimizer.lr": { low: 1e-4, high: 3, scale: "log" } },
    },
    { id: "ga", kind: "ga", config: { population: 16 } },
    { id: "pso", kind: "pso", search: false },
  ],
  problems: [
    { name: "iris", models: [{ kind: "mlp", layers: [4, 6, 3], activation: "tanh", output: "softmax" }] },
  ],
});

/** A split with its label rows permuted (seeded): same inputs, labels no longer belong to them. */
function shuffledLabels(d: Dataset, seed: string): Dataset {
  const width = d.y.length / d.n;
  const order = new Rng(seed).permutation(d.n);
  const y = new Float32Array(d.y.length);
  for (let i = 0; i < d.n; i++) y.set(d.y.subarray(order[i] * width, (order[i] + 1) * width), i * width);
  return { ...d, y };
}

/** A run context whose problems have one split's labels shuffled. */
function contextShuffling(split?: "test" | "validation"): RunContext {
  const load = createProblemLoader();
  return {
    learners: LEARNER_KINDS,
    loadProblem: (spec: RunSpec): Problem => {
      const p = load(spec);
      return split ? { ...p, [split]: shuffledLabels(p[split], `${spec.dataSeedPath}/shuffle`) } : p;
    },
  };
}

const plan = planSuiteWithTuning(SUITE);
const trialSpecs = plan.runs.filter((r) => r.tuning?.role === "trial");

function runTrials(ctx: RunContext): Map<string, RunRecord> {
  return new Map(trialSpecs.map((s) => [s.runId, executeRun(s, ctx)]));
}

const plain = runTrials(contextShuffling());
const testShuffled = runTrials(contextShuffling("test"));

describe("tuning plan", () => {
  it("plans trials × seeds for each tuned learner, and the untuned learner's runs as usual", () => {
    expect(plan.tuned.map((g) => g.key)).toEqual(["iris/mlp-4-6-3/sgd", "iris/mlp-4-6-3/ga"]);
    expect(trialSpecs).toHaveLength(2 * 6 * 2);
    expect(plan.runs.filter((r) => r.learner.id === "pso").map((r) => r.runId)).toEqual([
      "tuning-test/iris/mlp-4-6-3/pso/0",
      "tuning-test/iris/mlp-4-6-3/pso/1",
    ]);
    const lrs = trialSpecs
      .filter((s) => s.learner.id === "sgd" && s.repetition === 0)
      .map((s) => (s.learner.config.optimizer as { lr: number }).lr);
    expect(new Set(lrs).size).toBe(6);
    for (const lr of lrs) expect(lr >= 1e-4 && lr <= 3).toBe(true);
  });

  it("runs the chosen configuration on fresh seeds: no seed or data path of a trial is reused", () => {
    const finals = planFinals(plan, SUITE.repetitions, plain).runs;
    expect(finals.map((r) => r.runId)).toEqual([
      "tuning-test/iris/mlp-4-6-3/sgd/0",
      "tuning-test/iris/mlp-4-6-3/sgd/1",
      "tuning-test/iris/mlp-4-6-3/ga/0",
      "tuning-test/iris/mlp-4-6-3/ga/1",
    ]);
    const used = new Set(trialSpecs.flatMap((s) => [s.seedPath, s.dataSeedPath, s.initSeedPath]));
    for (const f of finals) {
      for (const path of [f.seedPath, f.dataSeedPath, f.initSeedPath]) expect(used.has(path)).toBe(false);
      expect(f.tuning?.role).toBe("final");
      // Its config is the chosen trial's, exactly.
      const chosen = trialSpecs.find(
        (s) => s.learner.id === f.learner.id && s.tuning?.trial === f.tuning?.trial,
      );
      expect(f.learner.config).toEqual(chosen?.learner.config);
    }
  });

  it("waits while a trial has no record", () => {
    const partial = new Map(plain);
    partial.delete(trialSpecs[0].runId);
    const finals = planFinals(plan, SUITE.repetitions, partial);
    expect(finals.waiting).toEqual([{ key: "iris/mlp-4-6-3/sgd", missing: 1, of: 12 }]);
    expect(finals.runs.every((r) => r.learner.id === "ga")).toBe(true);
  });
});

describe("selection reads validation only", () => {
  it("chooses the same trials when the test labels are shuffled, though the test figures change", () => {
    const testMoved = trialSpecs.some(
      (s) => plain.get(s.runId)?.final?.testMetric !== testShuffled.get(s.runId)?.final?.testMetric,
    );
    expect(testMoved).toBe(true);
    for (const g of plan.tuned) expect(chooseTrial(g, testShuffled)).toEqual(chooseTrial(g, plain));
    const hashes = (records: Map<string, RunRecord>) =>
      planFinals(plan, SUITE.repetitions, records).runs.map((r) => r.configHash);
    expect(hashes(testShuffled)).toEqual(hashes(plain));
  });

  it("can move when the validation labels are shuffled, so the check above could fail", () => {
    const valShuffled = runTrials(contextShuffling("validation"));
    const scores = (records: Map<string, RunRecord>) => plan.tuned.map((g) => chooseTrial(g, records)?.score);
    expect(scores(valShuffled)).not.toEqual(scores(plain));
  });

  it("chooses the trial with the best mean validation metric, a diverged trial never", () => {
    const g = plan.tuned[0];
    const records = new Map(plain);
    const choice = chooseTrial(g, records);
    const mean = (t: number) => {
      const rs = g.trialRunIds.map((id) => records.get(id)!).filter((r) => r.tuning?.trial === t);
      return rs.reduce((s, r) => s + (r.final?.valMetric ?? 0), 0) / rs.length;
    };
    for (let t = 0; t < 6; t++) expect(mean(t)).toBeLessThanOrEqual(choice!.score);
    // Mark the chosen trial's first seed diverged: another trial must be chosen.
    const id = g.trialRunIds.find((i) => records.get(i)?.tuning?.trial === choice!.trial)!;
    records.set(id, { ...records.get(id)!, status: "diverged" });
    expect(chooseTrial(g, records)?.trial).not.toBe(choice!.trial);
  });
});
