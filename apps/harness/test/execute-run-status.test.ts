import { DivergenceError, type Learner } from "@arena/nn";
import { parseRecord, serializeRecord } from "@arena/results";
import type { Rng } from "@arena/rng";
import { getKernels, type wasmKernels } from "@arena/tensor";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { executeRun } from "../src/execute-run.ts";
import { createProblemLoader } from "../src/problem-loader.ts";
import type { LearnerKind, RunContext } from "../src/run-context.ts";
import { planSuite } from "../src/run-plan.ts";
import { parseSuite } from "../src/suite.ts";

/** A learner that draws fresh weights every step (random search without memory), with fixed costs. */
function drifting(
  model: { params: Float32Array },
  rng: Rng,
  opts: { failAt?: number; nanAt?: number; divergeAt?: number },
): Learner {
  let steps = 0;
  const current = new Float32Array(model.params);
  return {
    name: "drift",
    step() {
      steps++;
      if (opts.failAt === steps) throw new Error(`deliberate failure at step ${steps}`);
      if (opts.divergeAt === steps) throw new DivergenceError("loss became NaN", steps, steps * 1000);
      rng.fillNormal(current, 0, 1);
      if (opts.nanAt !== undefined && steps >= opts.nanAt) current.fill(Number.NaN);
      return { flops: 1000, evaluations: 4 };
    },
    current: () => current,
    diagnostics: () => ({
      "grad_norm/dense0": [steps],
      "dh_norm/rnn0": [1, 2, 3],
      population_spread: [0.5, 0.25],
    }),
  };
}

function context(): RunContext {
  const kinds: LearnerKind[] = [
    {
      kind: "drift",
      description: "",
      config: z.record(z.string(), z.unknown()),
      create: (m, _p, c, rng) => drifting(m, rng, c as never),
    },
  ];
  return { learners: new Map(kinds.map((k) => [k.kind, k])), loadProblem: createProblemLoader() };
}

function plan(config: Record<string, unknown>, budget = { flops: 50_000 }) {
  const suite = parseSuite({
    name: "t",
    seed: 1,
    repetitions: 1,
    budget,
    checkpoints: { count: 8, first: 0.02 },
    learners: [{ id: "drift", kind: "drift", config }],
    problems: [{ name: "xor", targets: { values: [0.5, 0.75, 1.01] } }],
  });
  return planSuite(suite)[0];
}

describe("executeRun", () => {
  it("records an ok run: log-spaced checkpoints, cost, best and final figures, targets, diagnostics", () => {
    const r = executeRun(plan({}), context());
    expect(r.status).toBe("ok");
    expect(r.cost).toEqual({ steps: 50, flops: 50_000, evaluations: 200 });
    // Checkpoint at step 0, then at the first step (1000 FLOPs each) crossing each threshold
    // 1000·50^(i/7) = 1000, 1748, 3057, 5345, 9346, 16343, 28574, 50000.
    expect(r.trace[0].step).toBe(0);
    expect(r.trace.map((c) => c.flops)).toEqual([0, 1000, 2000, 4000, 6000, 10_000, 17_000, 29_000, 50_000]);
    expect(r.trace.at(-1)?.epoch).toBe(50); // 200 evaluations / 4 training points
    expect(r.trace[1].gradNorms).toEqual({ dense0: 1 });
    expect(r.trace[1].gradNormsThroughTime).toEqual([1, 2, 3]);
    expect(r.trace[1].diagnostics).toEqual({ population_spread: [0.5, 0.25] });
    expect(r.final).not.toBeNull();
    expect(r.best).not.toBeNull();
    const best = r.best!;
    expect(r.trace[best.checkpoint].valMetric).toBe(Math.max(...r.trace.map((c) => c.valMetric)));
    // XOR's test split is its training points: the best checkpoint's test equals its train figure.
    expect(best.testMetric).toBe(best.trainMetric);
    expect(r.targets.map((t) => t.target)).toEqual([0.5, 0.75, 1.01]);
    expect(r.targets[2].reached).toBe(false);
    for (const t of r.targets.filter((t) => t.reached)) {
      const first = r.trace.find((c) => c.valMetric >= t.target)!;
      expect(t.flops).toBe(first.flops);
    }
    expect(r.parameters).toBe(9);
    expect(parseRecord(serializeRecord(r)).ok).toBe(true);
  });

  it("records a learner that throws as failed, keeping the checkpoints before it", () => {
    const r = executeRun(plan({ failAt: 5 }), context());
    expect(r.status).toBe("failed");
    expect(r.error?.message).toBe("deliberate failure at step 5");
    expect(r.trace.length).toBeGreaterThan(1);
    expect(r.final).toBeNull();
    expect(parseRecord(serializeRecord(r)).ok).toBe(true);
  });

  it("records a non-finite loss as diverged at the checkpoint that saw it", () => {
    const r = executeRun(plan({ nanAt: 3 }), context());
    expect(r.status).toBe("diverged");
    expect(r.divergedAt).toEqual({ step: 4, flops: 4000, evaluations: 16 });
    expect(r.reason).toBe("training loss is NaN at step 4");
    expect(Number.isNaN(r.trace.at(-1)!.trainLoss)).toBe(true);
    expect(parseRecord(serializeRecord(r)).ok).toBe(true);
  });

  it("records a DivergenceError as diverged at the learner's step", () => {
    const r = executeRun(plan({ divergeAt: 7 }), context());
    expect(r.status).toBe("diverged");
    expect(r.divergedAt?.step).toBe(7);
    expect(r.divergedAt?.flops).toBe(7000);
    expect(r.reason).toBe("loss became NaN");
  });

  it("records a setup failure (bad model spec) as failed, with the reason", () => {
    const spec = { ...plan({}), model: { name: "bad", spec: { kind: "mlp", layers: [2, 0, 1] } } };
    const r = executeRun(spec, context());
    expect(r.status).toBe("failed");
    expect(r.error?.message).toMatch(/layers/);
    expect(parseRecord(serializeRecord(r)).ok).toBe(true);
  });

  it("stops on an evaluation budget and an epoch budget", () => {
    expect(executeRun(plan({}, { evaluations: 40 } as never), context()).cost.evaluations).toBe(40);
    expect(executeRun(plan({}, { epochs: 3 } as never), context()).cost.evaluations).toBe(12);
  });

  it("gives the model's memory back to the kernel backend on every outcome", () => {
    const k = getKernels();
    const inUse = () => (k.name === "wasm" ? (k as ReturnType<typeof wasmKernels>).bytesInUse() : 0);
    const before = inUse();
    for (const config of [{}, { failAt: 3 }, { nanAt: 2 }, { divergeAt: 4 }]) {
      executeRun(plan(config), context());
      expect(inUse()).toBe(before);
    }
  });

  it("is deterministic: the same spec gives the same record apart from measured fields", () => {
    const a = executeRun(plan({}), context());
    const b = executeRun(plan({}), context());
    const strip = (r: typeof a) => ({
      ...r,
      measured: null,
      trace: r.trace.map((c) => ({ ...c, wallMs: 0 })),
      targets: r.targets.map((t) => ({ ...t, wallMs: 0 })),
    });
    expect(strip(b)).toEqual(strip(a));
  });
});
