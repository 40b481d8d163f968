import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planSuite } from "../src/run-plan.ts";
import { filterRuns, parseShard, shardRuns } from "../src/run-selection.ts";
import { parseSuite, UsageError } from "../src/suite.ts";

const valid = {
  name: "s",
  seed: 7,
  repetitions: 2,
  budget: { flops: 1e6 },
  learners: [
    { id: "adam", kind: "backprop", config: { optimizer: { kind: "adam" } } },
    { id: "pso", kind: "pso" },
  ],
  problems: [
    { name: "xor" },
    { name: "moons", id: "moons-noisy", options: { noise: 0.3 }, learners: ["pso"] },
  ],
};

describe("suite files", () => {
  it("accepts a valid suite and fills defaults", () => {
    const s = parseSuite(valid);
    expect(s.checkpoints).toEqual({ count: 24, first: 1e-3 });
    expect(s.problems[0].options).toEqual({});
  });

  it("names the path and the bad value", () => {
    const bad = structuredClone(valid) as Record<string, unknown>;
    (bad.budget as Record<string, unknown>).flops = -5;
    expect(() => parseSuite(bad, "my.json")).toThrow(
      /my\.json is not a valid suite: budget\.flops: .*\(got -5\)/,
    );
    expect(() => parseSuite({ ...valid, repetitions: "3" })).toThrow(/repetitions: .*\(got "3"\)/);
    expect(() => parseSuite({ ...valid, problems: [{ name: "xor", budgett: {} }] })).toThrow(/problems\[0\]/);
    expect(() => parseSuite({ ...valid, learners: [{ id: "A B", kind: "pso" }] })).toThrow(
      /learners\[0\]\.id/,
    );
    expect(() => parseSuite({ ...valid, problems: [{ name: "xor", learners: ["sgd"] }] })).toThrow(
      /problems\[0\]\.learners\[0\] is "sgd", which is not a learner id/,
    );
    expect(() => parseSuite({ ...valid, learners: [valid.learners[0], valid.learners[0]] })).toThrow(
      /used twice/,
    );
  });

  it("never throws anything but a UsageError, whatever the input (fuzz)", () => {
    const field = fc.oneof(fc.constant(undefined), fc.anything());
    fc.assert(
      fc.property(
        fc.record(
          {
            name: fc.oneof(fc.string(), field),
            seed: fc.oneof(fc.integer(), field),
            repetitions: fc.oneof(fc.integer({ min: -2, max: 5 }), field),
            budget: fc.oneof(fc.record({ flops: fc.double() }), field),
            learners: fc.oneof(fc.array(fc.record({ id: fc.string(), kind: fc.string() })), field),
            problems: fc.oneof(
              fc.array(fc.record({ name: fc.string(), learners: fc.array(fc.string()) })),
              field,
            ),
          },
          { requiredKeys: [] },
        ),
        (s) => {
          try {
            parseSuite(s);
          } catch (e) {
            expect(e).toBeInstanceOf(UsageError);
            expect((e as Error).message.length).toBeGreaterThan(10);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("plans problems × models × learners × repetitions with stable ids and seed paths", () => {
    const runs = planSuite(parseSuite({ ...valid, baselines: false }));
    // xor: 2 learners × 2 reps; moons-noisy: pso only × 2 reps.
    expect(runs).toHaveLength(6);
    expect(runs[0].runId).toBe("s/xor/mlp-2-2-1/adam/0");
    expect(runs[0].seedPath).toBe("7/xor/mlp-2-2-1/adam/0");
    expect(runs[0].dataSeedPath).toBe("7/xor/data/0");
    // Learners of one repetition share the split and the initial weights (a paired design).
    expect(runs[2].learner.id).toBe("pso");
    expect(runs[2].initSeedPath).toBe(runs[0].initSeedPath);
    expect(runs[2].dataSeedPath).toBe(runs[0].dataSeedPath);
    expect(runs[1].initSeedPath).not.toBe(runs[0].initSeedPath);
    expect(runs.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(runs.map((r) => r.runId)).size).toBe(6);
  });

  it("plans the baselines of each problem's task after its learners, one per repetition, on the same data streams", () => {
    const runs = planSuite(parseSuite(valid));
    const baselines = runs.filter((r) => r.learner.kind === "baseline");
    // xor and moons are classification: majority class and ridge on one-hot targets, × 2 repetitions each.
    expect(baselines.map((r) => r.runId)).toEqual([
      "s/xor/baseline/majority/0",
      "s/xor/baseline/majority/1",
      "s/xor/baseline/linear/0",
      "s/xor/baseline/linear/1",
      "s/moons-noisy/baseline/majority/0",
      "s/moons-noisy/baseline/majority/1",
      "s/moons-noisy/baseline/linear/0",
      "s/moons-noisy/baseline/linear/1",
    ]);
    const learnerRun = runs.find((r) => r.problem.id === "xor" && r.learner.kind !== "baseline")!;
    expect(baselines[0].dataSeedPath).toBe(learnerRun.dataSeedPath);
    expect(runs.map((r) => r.index)).toEqual(runs.map((_, i) => i));
    expect(
      planSuite(parseSuite({ ...valid, baselines: false })).some((r) => r.learner.kind === "baseline"),
    ).toBe(false);
  });

  it("rejects a model named like the baselines", () => {
    const suite = {
      ...valid,
      problems: [{ name: "xor", models: [{ name: "baseline", kind: "mlp", layers: [2, 2, 1] }] }],
    };
    expect(() => planSuite(parseSuite(suite))).toThrow(/reserved for baselines/);
  });

  it("filters by pattern and shards every n-th run; shards partition the plan", () => {
    const runs = planSuite(parseSuite({ ...valid, baselines: false }));
    expect(filterRuns(runs, "pso").every((r) => r.learner.id === "pso")).toBe(true);
    expect(filterRuns(runs, "xor*adam/1").map((r) => r.runId)).toEqual(["s/xor/mlp-2-2-1/adam/1"]);
    const parts = [1, 2, 3].map((i) => shardRuns(runs, parseShard(`${i}/3`)));
    expect(
      parts
        .flat()
        .map((r) => r.index)
        .sort(),
    ).toEqual(runs.map((r) => r.index));
    expect(() => parseShard("0/3")).toThrow(UsageError);
    expect(() => parseShard("2")).toThrow(/i\/n/);
  });

  it("rejects an unknown problem with the registry's message", () => {
    expect(() => planSuite(parseSuite({ ...valid, problems: [{ name: "mnist" }] }))).toThrow(
      /problems\[0\].*: .*mnist/,
    );
  });
});
