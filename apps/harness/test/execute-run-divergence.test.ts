import { parseRecord, serializeRecord } from "@arena/results";
import { describe, expect, it } from "vitest";
import { executeRun } from "../src/execute-run.ts";
import { LEARNER_KINDS } from "../src/learner-kinds.ts";
import { createProblemLoader } from "../src/problem-loader.ts";
import type { RunContext } from "../src/run-context.ts";
import { planSuite } from "../src/run-plan.ts";
import { parseSuite, UsageError } from "../src/suite.ts";

const context: RunContext = { learners: LEARNER_KINDS, loadProblem: createProblemLoader() };

/** SGD on moons at a sane and an absurd learning rate. */
function suite(extra: Record<string, unknown> = {}, problem: Record<string, unknown> = {}) {
  return {
    name: "div",
    seed: 3,
    repetitions: 1,
    budget: { flops: 2e6 },
    checkpoints: { count: 8, first: 0.01 },
    learners: [
      { id: "sgd", kind: "backprop", config: { optimizer: { kind: "sgd", lr: 0.1 }, batchSize: 16 } },
      { id: "sgd-huge", kind: "backprop", config: { optimizer: { kind: "sgd", lr: 1e6 }, batchSize: 16 } },
      {
        id: "momentum-huge",
        kind: "backprop",
        config: { optimizer: { kind: "momentum", lr: 1e6, momentum: 0.9 }, batchSize: 16 },
      },
    ],
    problems: [{ name: "moons", options: { samples: 200 }, ...problem }],
    ...extra,
  };
}

function run(learner: string, s = suite()) {
  const spec = planSuite(parseSuite(s)).find((r) => r.learner.id === learner);
  if (!spec) throw new Error(`no run of ${learner}`);
  return executeRun(spec, context);
}

describe("divergence by loss growth", () => {
  it("SGD with lr 1e6 on moons is recorded diverged, with the reason; lr 0.1 is ok", () => {
    for (const id of ["sgd-huge", "momentum-huge"]) {
      const r = run(id);
      expect(r.status).toBe("diverged");
      expect(r.reason).toMatch(/^training loss .* exceeds 1000 × its initial value/);
      const last = r.trace.at(-1)!;
      expect(Number.isFinite(last.trainLoss)).toBe(true);
      expect(last.trainLoss).toBeGreaterThan(1000 * r.trace[0].trainLoss);
      expect(r.divergedAt).toEqual({ step: last.step, flops: last.flops, evaluations: last.evaluations });
      expect(r.final).toBeNull();
      expect(r.error).toBeUndefined();
      expect(parseRecord(serializeRecord(r)).ok).toBe(true);
    }
    const ok = run("sgd");
    expect(ok.status).toBe("ok");
    expect(ok.reason).toBeUndefined();
    expect(parseRecord(serializeRecord(ok)).ok).toBe(true);
  });

  it("the factor is a suite option, overridden per problem", () => {
    const huge = run("sgd-huge");
    const growth = Math.max(...huge.trace.map((c) => c.trainLoss)) / huge.trace[0].trainLoss;
    // A factor above the growth the run reaches lets it finish.
    const lenient = run("sgd-huge", suite({ divergence: { factor: 10 * growth * 1e3 } }));
    expect(lenient.status).toBe("ok");
    const strictAgain = run(
      "sgd-huge",
      suite({ divergence: { factor: 10 * growth * 1e3 } }, { divergence: { factor: 1e3 } }),
    );
    expect(strictAgain.status).toBe("diverged");
    expect(planSuite(parseSuite(suite()))[0].divergence).toEqual({ factor: 1e3 });
  });

  it("rejects a factor that is not finite or not above 1", () => {
    for (const factor of [1, 0.5, -3, "big"]) {
      expect(() => parseSuite(suite({ divergence: { factor } }))).toThrow(UsageError);
    }
    expect(() => parseSuite(suite({ divergence: { factor: 10, extra: 1 } }))).toThrow(/extra|unrecognized/i);
  });
});
