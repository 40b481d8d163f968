import { createModel, runLearner, validateSpec } from "@arena/nn";
import type { BestFigures, Figures, RunRecord } from "@arena/results";
import { Rng } from "@arena/rng";
import { executeBaseline } from "./execute-baseline.ts";
import { MemoryPeak } from "./memory-peak.ts";
import { runBudget } from "./run-budget.ts";
import type { RunContext } from "./run-context.ts";
import { BASELINE_KIND, type RunSpec } from "./run-spec.ts";
import { RunTrace } from "./run-trace.ts";
import { errorMessage, hostInfo, provenanceOf, recordIdentity } from "./spec-record.ts";
import { unreachedTargets } from "./target-hits.ts";

/** What a run produced, whatever its outcome. */
interface RunOutcome {
  status: RunRecord["status"];
  error?: RunRecord["error"];
  divergedAt?: RunRecord["divergedAt"];
  reason?: string;
  testIsTrain?: boolean;
  metric: RunRecord["metric"];
  parameters: number;
  trace: RunRecord["trace"];
  targets: RunRecord["targets"];
  final: Figures | null;
  best: BestFigures | null;
  cost: RunRecord["cost"];
}

/**
 * Executes one run: builds the problem, model and learner from the spec's seed paths, drives the
 * learner with nn's `runLearner` until the budget is spent, evaluates `current()` on train and
 * validation at log-spaced checkpoints (`RunTrace`), and returns the record. It never throws for a
 * learner's failure: a throw becomes status `failed`, a non-finite loss (or a DivergenceError), or a
 * training loss above `divergence.factor` × the one at step 0, status `diverged` with a `reason`, with
 * everything measured up to then. The test split is evaluated only at the end, for the final and the
 * best-validation parameters.
 *
 * Budgets are equal, not overshot: every `step()` gets what is left of the FLOP and evaluation budgets
 * (epochs count as epochs × training samples) as its allowance and cuts its work to fit it; a step that
 * returns no cost (not even one sample or candidate fitted) ends the run. Wall time cannot be predicted,
 * so a `wallMs` budget may be overshot by one step.
 */
export function executeRun(spec: RunSpec, ctx: RunContext): RunRecord {
  if (spec.learner.kind === BASELINE_KIND) return executeBaseline(spec, ctx);
  const startedAt = new Date();
  const t0 = performance.now();
  const memory = new MemoryPeak();
  // Everything the run built (model, learner, trace) is local to trainAndEvaluate: once it returns,
  // only the record and the worker's cached problem stay reachable.
  const outcome = trainAndEvaluate(spec, ctx, memory);
  memory.sample();
  const identity = recordIdentity(spec);
  const { testIsTrain, error, divergedAt, reason, ...figures } = outcome;
  return {
    ...identity,
    ...(testIsTrain === undefined ? {} : { problem: { ...identity.problem, testIsTrain } }),
    parameters: figures.parameters,
    metric: figures.metric,
    status: figures.status,
    ...(error ? { error } : {}),
    ...(divergedAt ? { divergedAt } : {}),
    ...(reason === undefined ? {} : { reason }),
    trace: figures.trace,
    final: figures.final,
    best: figures.best,
    cost: figures.cost,
    targets: figures.targets,
    measured: {
      startedAt: startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      wallMs: performance.now() - t0,
      peakRssBytes: memory.rssBytes,
      peakHeapBytes: memory.heapBytes,
      host: hostInfo(),
      provenance: provenanceOf(spec),
    },
  };
}

/** Builds the run, trains and evaluates it; a setup failure becomes a `failed` outcome. */
function trainAndEvaluate(spec: RunSpec, ctx: RunContext, memory: MemoryPeak): RunOutcome {
  const out: RunOutcome = {
    status: "ok",
    metric: { name: "accuracy", higherIsBetter: true },
    parameters: 0,
    trace: [],
    targets: unreachedTargets(spec),
    final: null,
    best: null,
    cost: { steps: 0, flops: 0, evaluations: 0 },
  };
  // The model's arrays live in the kernel backend's memory (WASM): give them back on every outcome.
  let disposeModel = (): void => {};
  try {
    const problem = ctx.loadProblem(spec);
    memory.sample();
    out.testIsTrain = problem.testIsTrain === true;
    out.metric = { name: problem.metric, higherIsBetter: problem.metric === "accuracy" };
    const kind = ctx.learners.get(spec.learner.kind);
    if (!kind) throw new Error(`unknown learner kind "${spec.learner.kind}"`);
    const model = createModel(validateSpec(spec.model.spec), new Rng(spec.initSeedPath));
    disposeModel = () => model.dispose();
    out.parameters = model.size;
    const budget = runBudget(spec, problem.train.n);
    const { flops, evaluations } = budget.limits;
    const learner = kind.create(model, problem, spec.learner.config, new Rng(spec.seedPath), {
      flops,
      evaluations,
    });
    memory.sample();
    const trace = new RunTrace(spec, model, problem, learner, memory, out.metric.higherIsBetter);
    out.trace = trace.checkpoints;
    out.targets = trace.targets;
    // Read after a throw too: a failed run's record keeps the cost spent until then.
    const progress = { steps: 0, flops: 0, evaluations: 0, wallMs: 0 };
    try {
      const r = runLearner(learner, {
        limits: budget.limits,
        progress,
        checkpointDue: (p) => budget.checkpointDue(p),
        onCheckpoint: (p) => trace.record(p),
      });
      if (r.divergence !== null) {
        out.status = "diverged";
        out.reason = r.divergence.message;
        out.divergedAt = {
          step: r.divergence.step,
          flops: r.divergence.flops,
          evaluations: progress.evaluations,
        };
      } else if (trace.divergence !== null) {
        out.status = "diverged";
        out.reason = trace.divergence.reason;
        out.divergedAt = trace.divergence.at;
      }
    } catch (e) {
      out.status = "failed";
      out.error = errorMessage(e);
    }
    out.cost = { steps: progress.steps, flops: progress.flops, evaluations: progress.evaluations };
    if (out.status === "ok") out.final = trace.final();
    out.best = trace.best();
  } catch (e) {
    // Setup failed (problem, model or learner could not be built), or evaluation threw.
    out.status = "failed";
    out.error = errorMessage(e);
  }
  disposeModel();
  return out;
}
