import { type BaselineMethod, fitBaseline } from "@arena/baselines";
import type { Checkpoint, RunRecord, TargetHit } from "@arena/results";
import { MemoryPeak } from "./memory-peak.ts";
import type { RunContext } from "./run-context.ts";
import type { RunSpec } from "./run-spec.ts";
import { failedRecord, hostInfo, provenanceOf, recordIdentity } from "./spec-record.ts";
import { reachesTarget, unreachedTargets } from "./target-hits.ts";

/**
 * Executes a baseline run: fits the method in closed form on the run's training split (choosing any
 * setting on validation), and records its figures as one checkpoint at zero cost. Baselines are charged
 * to no budget; the report shows them beside the learners and never ranks them.
 */
export function executeBaseline(spec: RunSpec, ctx: RunContext): RunRecord {
  const startedAt = new Date();
  const t0 = performance.now();
  const memory = new MemoryPeak();
  try {
    const problem = ctx.loadProblem(spec);
    memory.sample();
    const higher = problem.metric === "accuracy";
    const b = fitBaseline(String(spec.learner.config.method) as BaselineMethod, problem);
    memory.sample();
    const wallMs = performance.now() - t0;
    const figures = {
      trainLoss: b.train.loss,
      trainMetric: b.train.metric,
      valLoss: b.validation.loss,
      valMetric: b.validation.metric,
    };
    const cp: Checkpoint = { step: 0, epoch: 0, flops: 0, evaluations: 0, wallMs: 0, ...figures };
    const on = spec.targets?.on ?? "valMetric";
    const targets: TargetHit[] = unreachedTargets(spec).map((t) =>
      reachesTarget(on, figures, t.target, higher)
        ? { ...t, reached: true, flops: 0, evaluations: 0, step: 0, wallMs: 0 }
        : t,
    );
    const test = { testLoss: b.test.loss, testMetric: b.test.metric };
    return {
      ...recordIdentity(spec),
      problem: { ...recordIdentity(spec).problem, testIsTrain: problem.testIsTrain === true },
      parameters: b.parameters,
      metric: { name: problem.metric, higherIsBetter: higher },
      status: "ok",
      trace: [cp],
      final: { ...figures, ...test },
      best: { checkpoint: 0, step: 0, epoch: 0, flops: 0, evaluations: 0, ...figures, ...test },
      cost: { steps: 0, flops: 0, evaluations: 0 },
      targets,
      measured: {
        startedAt: startedAt.toISOString(),
        endedAt: new Date().toISOString(),
        wallMs,
        peakRssBytes: memory.rssBytes,
        peakHeapBytes: memory.heapBytes,
        host: hostInfo(),
        provenance: provenanceOf(spec),
      },
      baseline: {
        method: b.method,
        role: b.role,
        description: b.description,
        settings: { ...b.settings },
        fitFlops: b.fitFlops,
      },
    };
  } catch (e) {
    return failedRecord(spec, e);
  }
}
