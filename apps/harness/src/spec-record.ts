import { cpus } from "node:os";
import type { RunRecord } from "@arena/results";
import { RUN_SCHEMA } from "@arena/results";
import type { RunSpec } from "./run-plan.ts";
import { unreachedTargets } from "./target-hits.ts";

/** The machine a record was made on (measured: it differs between machines, not between runs). */
export function hostInfo() {
  const c = cpus();
  return {
    node: process.version,
    cpu: c[0]?.model ?? "unknown",
    cores: c.length,
    platform: process.platform,
    arch: process.arch,
  };
}

export function errorMessage(e: unknown): { message: string; stack?: string } {
  if (e instanceof Error) return { message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
  return { message: String(e) };
}

/** The fields of a record that the spec alone decides. */
export function recordIdentity(spec: RunSpec) {
  return {
    schema: RUN_SCHEMA,
    runId: spec.runId,
    suite: spec.suite,
    problem: { name: spec.problem.id, options: spec.problem.options as never },
    model: { name: spec.model.name, spec: spec.model.spec as never },
    learner: { name: spec.learner.id, config: { kind: spec.learner.kind, ...spec.learner.config } as never },
    seedPath: spec.seedPath,
    repetition: spec.repetition,
  } as const;
}

/** The record of a run whose worker died before it could report: status failed, nothing measured. */
export function failedRecord(spec: RunSpec, e: unknown): RunRecord {
  const now = new Date().toISOString();
  return {
    ...recordIdentity(spec),
    parameters: 0,
    metric: { name: "accuracy", higherIsBetter: true },
    status: "failed",
    error: errorMessage(e),
    trace: [],
    final: null,
    best: null,
    cost: { steps: 0, flops: 0, evaluations: 0 },
    targets: unreachedTargets(spec),
    measured: {
      startedAt: now,
      endedAt: now,
      wallMs: 0,
      peakRssBytes: null,
      peakHeapBytes: null,
      host: hostInfo(),
    },
  };
}
