import { cpus } from "node:os";
import type { Measured, RunRecord } from "@arena/results";
import { jsonObject, jsonValue, METRIC_NAMES, RUN_SCHEMA, serializeRecord } from "@arena/results";
import { getKernels } from "@arena/tensor";
import { arenaVersion } from "./provenance.ts";
import type { RunSpec } from "./run-spec.ts";
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

/**
 * What produced a record: Arena's version and git commit and the worker count from the invocation
 * (`spec.invocation`, set by runSuite; without it, the version read here, no commit, no worker count),
 * and the kernel backend active in this thread (the one the run's model captured).
 */
export function provenanceOf(spec: RunSpec): NonNullable<Measured["provenance"]> {
  const inv = spec.invocation;
  return {
    arenaVersion: inv?.arenaVersion ?? arenaVersion(),
    gitCommit: inv?.gitCommit ?? null,
    kernels: getKernels().name,
    workers: inv?.workers ?? null,
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
    ...(spec.configHash ? { configHash: spec.configHash } : {}),
    problem: { name: spec.problem.id, options: spec.problem.options as never },
    model: { name: spec.model.name, spec: spec.model.spec as never },
    learner: { name: spec.learner.id, config: { kind: spec.learner.kind, ...spec.learner.config } as never },
    seedPath: spec.seedPath,
    repetition: spec.repetition,
    ...(spec.tuning ? { tuning: spec.tuning } : {}),
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
      provenance: provenanceOf(spec),
    },
  };
}

/** An error as one line of at most `max` characters (no stack). */
function oneLine(e: unknown, max = 600): string {
  const s = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** The value when the record format can hold it, else an object in its place saying why it could not be recorded. */
function recordable(value: unknown, object: boolean): unknown {
  try {
    const r = (object ? jsonObject : jsonValue).safeParse(value);
    if (r.success) return value;
    const issue = r.error.issues[0];
    const at = issue && issue.path.length > 0 ? ` (at depth ${issue.path.length})` : "";
    return { unrecorded: `${issue?.message ?? "not plain JSON"}${at}` };
  } catch (e) {
    return { unrecorded: oneLine(e, 200) };
  }
}

/**
 * The record as one JSON line, never throwing for the record's content: when it breaks the format
 * (a config nested deeper than the format allows, a value the schema rejects), the line is instead a
 * `failed` record of the run whose error says why, with any free-form field that cannot be written
 * (problem options, model spec, learner config) replaced by `{ "unrecorded": "<why>" }`. The run id and
 * config hash stay, so a resume retries it like any failed run.
 */
export function recordLine(spec: RunSpec, record: RunRecord): string {
  try {
    return serializeRecord(record);
  } catch (e) {
    const base = failedRecord(spec, e);
    const m = record?.metric;
    const fallback: RunRecord = {
      ...base,
      problem: { ...base.problem, options: recordable(base.problem.options, true) as never },
      model: { ...base.model, spec: recordable(base.model.spec, false) as never },
      learner: { ...base.learner, config: recordable(base.learner.config, false) as never },
      // The problem's metric when the run got that far (so the report groups it right).
      ...((METRIC_NAMES as readonly unknown[]).includes(m?.name) && typeof m?.higherIsBetter === "boolean"
        ? { metric: { name: m.name, higherIsBetter: m.higherIsBetter } }
        : {}),
      error: { message: `the run's record could not be written: ${oneLine(e)}` },
    };
    return serializeRecord(fallback);
  }
}
