import { readFileSync } from "node:fs";
import type { Learner } from "@arena/nn";
import { parseRecord, type RunRecord, stripMeasured } from "@arena/results";
import { getKernels } from "@arena/tensor";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { executeRun } from "../src/execute-run.ts";
import { createProblemLoader } from "../src/problem-loader.ts";
import type { LearnerKind, RunContext } from "../src/run-context.ts";
import { planSuite } from "../src/run-plan.ts";
import type { RunSpec } from "../src/run-spec.ts";
import { recordLine } from "../src/spec-record.ts";
import { parseSuite } from "../src/suite.ts";

/** A learner that never moves: one sample per step. */
function still(model: { params: Float32Array }): Learner {
  const current = new Float32Array(model.params);
  return { name: "still", step: () => ({ flops: 100, evaluations: 1 }), current: () => current };
}

const kinds: LearnerKind[] = [
  { kind: "still", description: "", config: z.record(z.string(), z.unknown()), create: (m) => still(m) },
];
const context: RunContext = {
  learners: new Map(kinds.map((k) => [k.kind, k])),
  loadProblem: createProblemLoader(),
};

function spec(): RunSpec {
  const suite = parseSuite({
    name: "rl",
    seed: 1,
    repetitions: 1,
    budget: { flops: 1000 },
    checkpoints: { count: 3, first: 0.1 },
    baselines: false,
    learners: [{ id: "still", kind: "still", config: { a: 1 } }],
    problems: [{ name: "xor" }],
  });
  return planSuite(suite)[0];
}

/** `{ a: { a: … { a: 1 } } }`, `depth` levels of objects. */
function nested(depth: number): Record<string, unknown> {
  let v: Record<string, unknown> = { a: 1 };
  for (let i = 1; i < depth; i++) v = { a: v };
  return v;
}

function parsed(line: string): RunRecord {
  const r = parseRecord(line);
  if (!r.ok) throw new Error(r.error.message);
  return r.record;
}

const rootVersion = (
  JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

describe("recordLine: a record that cannot be written becomes the run's failed record", () => {
  it("a learner config nested 100 levels deep: failed, the reason in one line, a placeholder config", () => {
    const s = { ...spec(), learner: { id: "still", kind: "still", config: nested(100) } };
    const record = executeRun(s, context);
    expect(record.status).toBe("ok"); // the run itself was fine; only its record cannot hold the config
    const r = parsed(recordLine(s, record));
    expect(r.status).toBe("failed");
    expect(r.runId).toBe(s.runId);
    expect(r.configHash).toBe(s.configHash);
    expect(r.error?.message).toMatch(
      /^the run's record could not be written: serializeRecord: learner\.config.*nested deeper than 64 levels/,
    );
    expect(r.error?.message).not.toMatch(/\n/);
    expect(r.error?.stack).toBeUndefined();
    expect(r.learner.config).toEqual({ unrecorded: "nested deeper than 64 levels (at depth 65)" });
    expect(r.model.spec).toEqual(s.model.spec);
    expect(r.metric).toEqual(record.metric);
  });

  it("a value the schema rejects: failed with the field named, identity kept", () => {
    const s = spec();
    const record = { ...executeRun(s, context), parameters: -1 };
    const r = parsed(recordLine(s, record));
    expect(r.status).toBe("failed");
    expect(r.error?.message).toMatch(/parameters: .*got -1/);
    expect(r.learner.config).toEqual({ kind: "still", a: 1 });
  });

  it("a good record is written as it is", () => {
    const s = spec();
    const record = executeRun(s, context);
    expect(stripMeasured(parsed(recordLine(s, record)))).toEqual(stripMeasured(record));
  });
});

describe("provenance", () => {
  it("every record carries Arena's version, the commit, the kernel backend and the worker count, all measured", () => {
    const bare = executeRun(spec(), context);
    expect(bare.configHash).toMatch(/^[0-9a-f]{8}$/);
    expect(bare.measured.provenance).toEqual({
      arenaVersion: rootVersion,
      gitCommit: null,
      kernels: getKernels().name,
      workers: null,
    });
    const inv = { arenaVersion: "9.9.9", gitCommit: "abc1234", workers: 3 };
    const r = executeRun({ ...spec(), invocation: inv }, context);
    expect(r.measured.provenance).toEqual({ ...inv, kernels: getKernels().name });
    expect(r.measured.host.node).toBe(process.version);
    expect(JSON.stringify(stripMeasured(r))).not.toMatch(/provenance|arenaVersion|gitCommit|"kernels"/);
    expect(stripMeasured(r)).toEqual(stripMeasured(bare));
  });
});
