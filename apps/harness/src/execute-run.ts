import { createModel, DivergenceError, type Evaluation, validateSpec } from "@arena/nn";
import type { BestFigures, Checkpoint, Figures, RunRecord, TargetHit } from "@arena/results";
import { Rng } from "@arena/rng";
import { logCheckpoints } from "./checkpoint-schedule.ts";
import { executeBaseline } from "./execute-baseline.ts";
import type { RunContext } from "./run-context.ts";
import { BASELINE_KIND, type RunSpec } from "./run-plan.ts";
import { errorMessage, hostInfo, provenanceOf, recordIdentity } from "./spec-record.ts";
import { DEFAULT_DIVERGENCE_FACTOR } from "./suite.ts";
import { reachesTarget, unreachedTargets } from "./target-hits.ts";

/**
 * The least initial training loss the divergence factor is applied to, so that a run starting at a zero
 * loss is not declared diverged by the first rounding error.
 */
export const DIVERGENCE_LOSS_FLOOR = 1e-6;

/** Which budget drives the checkpoints and the stopping rule, in the order of precedence. */
function primaryUnit(spec: RunSpec): "flops" | "evaluations" | "epochs" | "wallMs" {
  const b = spec.budget;
  if (b.flops !== undefined) return "flops";
  if (b.evaluations !== undefined) return "evaluations";
  if (b.epochs !== undefined) return "epochs";
  return "wallMs";
}

/**
 * Sorts a learner's diagnostics into the record's fields, by nn's naming convention:
 * `grad_norm/<layer>` → [norm] becomes `gradNorms[layer]`; `dh_norm/<layer>` (‖∂L/∂h_t‖ for each step)
 * becomes `gradNormsThroughTime` (the last recurrent layer's, the one nearest the loss, when stacked;
 * the others stay in `diagnostics`); every other series goes to `diagnostics` as it is.
 */
export function splitDiagnostics(diag: Record<string, number[]>): Partial<Checkpoint> {
  const out: Partial<Checkpoint> = {};
  const gradNorms: Record<string, number> = {};
  const other: Record<string, number[]> = {};
  let throughTimeKey: string | undefined;
  for (const [k, v] of Object.entries(diag)) {
    if (k.startsWith("grad_norm/") && v.length === 1) gradNorms[k.slice("grad_norm/".length)] = v[0];
    else if (k.startsWith("dh_norm/")) {
      if (throughTimeKey) other[throughTimeKey] = diag[throughTimeKey];
      throughTimeKey = k;
    } else other[k] = v;
  }
  if (Object.keys(gradNorms).length > 0) out.gradNorms = gradNorms;
  if (throughTimeKey) out.gradNormsThroughTime = diag[throughTimeKey];
  if (Object.keys(other).length > 0) out.diagnostics = other;
  return out;
}

/**
 * Executes one run: builds the problem, model and learner from the spec's seed paths, calls `step()`
 * until the budget is spent, evaluates `current()` on train and validation at log-spaced checkpoints,
 * and returns the record. It never throws for a learner's failure: a throw becomes status `failed`, a
 * non-finite loss (or a DivergenceError), or a training loss above `divergence.factor` × the one at
 * step 0, status `diverged` with a `reason`, with everything measured up to then.
 * The test split is evaluated only at the end, for the final and the best-validation parameters.
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
  let peakRss = process.memoryUsage.rss();
  let peakHeap = process.memoryUsage().heapUsed;
  const sampleMemory = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };

  const trace: Checkpoint[] = [];
  const targets: TargetHit[] = unreachedTargets(spec);
  let status: RunRecord["status"] = "ok";
  let error: RunRecord["error"];
  let divergedAt: RunRecord["divergedAt"];
  let reason: string | undefined;
  let final: Figures | null = null;
  let best: BestFigures | null = null;
  let metric: RunRecord["metric"] = { name: "accuracy", higherIsBetter: true };
  let parameters = 0;
  let steps = 0;
  let flops = 0;
  let evaluations = 0;
  let trainMs = 0;

  // The model's arrays live in the kernel backend's memory (WASM): give them back on every outcome.
  let disposeModel = (): void => {};
  let testIsTrain: boolean | undefined;
  try {
    const problem = ctx.loadProblem(spec);
    testIsTrain = problem.testIsTrain === true;
    metric = { name: problem.metric, higherIsBetter: problem.metric === "accuracy" };
    const higher = metric.higherIsBetter;
    const kind = ctx.learners.get(spec.learner.kind);
    if (!kind) throw new Error(`unknown learner kind "${spec.learner.kind}"`);
    const model = createModel(validateSpec(spec.model.spec), new Rng(spec.initSeedPath));
    disposeModel = () => model.dispose();
    parameters = model.size;
    const learner = kind.create(model, problem, spec.learner.config, new Rng(spec.seedPath));
    const trainN = problem.train.n;
    const bestParams = new Float32Array(model.size);
    let bestValue = Number.NaN;
    let bestCheckpoint: Omit<BestFigures, "testLoss" | "testMetric"> | null = null;

    const unit = primaryUnit(spec);
    const limit = {
      flops: spec.budget.flops ?? Number.POSITIVE_INFINITY,
      evaluations: Math.min(
        spec.budget.evaluations ?? Number.POSITIVE_INFINITY,
        spec.budget.epochs !== undefined ? spec.budget.epochs * trainN : Number.POSITIVE_INFINITY,
      ),
      wallMs: spec.budget.wallMs ?? Number.POSITIVE_INFINITY,
    };
    const total = unit === "flops" ? limit.flops : unit === "wallMs" ? limit.wallMs : limit.evaluations;
    const thresholds = logCheckpoints(total, spec.checkpoints.count, spec.checkpoints.first);
    let next = 0;
    const progress = () => (unit === "flops" ? flops : unit === "wallMs" ? trainMs : evaluations);
    const spent = () => flops >= limit.flops || evaluations >= limit.evaluations || trainMs >= limit.wallMs;
    const divergenceFactor = spec.divergence?.factor ?? DEFAULT_DIVERGENCE_FACTOR;
    /** The training loss above which the run counts as diverged; set by the first checkpoint. */
    let lossLimit = Number.POSITIVE_INFINITY;

    const evaluateOn = (params: Float32Array, which: "train" | "validation" | "test"): Evaluation =>
      model.evaluate(problem[which], { params });

    /** Evaluates the current parameters; returns false when the run diverged. */
    const checkpoint = (): boolean => {
      const params = learner.current();
      const tr = evaluateOn(params, "train");
      const va = evaluateOn(params, "validation");
      const cp: Checkpoint = {
        step: steps,
        epoch: evaluations / trainN,
        flops,
        evaluations,
        wallMs: trainMs,
        trainLoss: tr.loss,
        trainMetric: tr.value,
        valLoss: va.loss,
        valMetric: va.value,
      };
      const diag = learner.diagnostics?.();
      if (diag) Object.assign(cp, splitDiagnostics(diag));
      trace.push(cp);
      sampleMemory();
      if (!Number.isFinite(tr.loss) || !Number.isFinite(va.loss)) {
        status = "diverged";
        divergedAt = { step: steps, flops, evaluations };
        reason = `${Number.isFinite(tr.loss) ? "validation" : "training"} loss is ${Number.isFinite(tr.loss) ? va.loss : tr.loss} at step ${steps}`;
        return false;
      }
      if (trace.length === 1) lossLimit = divergenceFactor * Math.max(tr.loss, DIVERGENCE_LOSS_FLOOR);
      else if (tr.loss > lossLimit) {
        status = "diverged";
        divergedAt = { step: steps, flops, evaluations };
        reason = `training loss ${tr.loss} at step ${steps} exceeds ${divergenceFactor} × its initial value ${trace[0].trainLoss}`;
        return false;
      }
      const v = va.value;
      if (Number.isFinite(v) && (Number.isNaN(bestValue) || (higher ? v > bestValue : v < bestValue))) {
        bestValue = v;
        bestParams.set(params);
        const {
          testLoss: _l,
          testMetric: _m,
          gradNorms: _g,
          gradNormsThroughTime: _t,
          diagnostics: _d,
          wallMs: _w,
          ...fig
        } = cp;
        bestCheckpoint = { checkpoint: trace.length - 1, ...fig };
      }
      for (const t of targets) {
        if (t.reached) continue;
        const figures = { valMetric: va.value, valLoss: va.loss, trainLoss: tr.loss };
        if (reachesTarget(spec.targets?.on ?? "valMetric", figures, t.target, higher)) {
          t.reached = true;
          t.flops = flops;
          t.evaluations = evaluations;
          t.step = steps;
          t.wallMs = trainMs;
        }
      }
      return true;
    };

    let alive = checkpoint();
    let checkpointed = true;
    try {
      while (alive && !spent() && !(learner.finished?.() ?? false)) {
        const s0 = performance.now();
        // What is left of the budget: the learner cuts its step to fit (wall time is not predictable:
        // a wallMs budget may be overshot by one step).
        const cost = learner.step({
          flops: limit.flops - flops,
          evaluations: limit.evaluations - evaluations,
        });
        trainMs += performance.now() - s0;
        // Not even the smallest part of a step fitted: the budget is spent.
        if (cost.flops === 0 && cost.evaluations === 0) break;
        steps++;
        flops += cost.flops;
        evaluations += cost.evaluations;
        checkpointed = false;
        let crossed = false;
        while (next < thresholds.length && progress() >= thresholds[next]) {
          next++;
          crossed = true;
        }
        if (crossed) {
          alive = checkpoint();
          checkpointed = true;
        }
      }
      if (alive && !checkpointed) alive = checkpoint();
    } catch (e) {
      if (e instanceof DivergenceError) {
        status = "diverged";
        divergedAt = { step: e.step, flops: e.flops, evaluations };
        reason = e.message;
      } else {
        status = "failed";
        error = errorMessage(e);
      }
    }

    if (status === "ok") {
      const last = trace[trace.length - 1];
      const params = learner.current();
      const te = evaluateOn(params, "test");
      final = {
        trainLoss: last.trainLoss,
        trainMetric: last.trainMetric,
        valLoss: last.valLoss,
        valMetric: last.valMetric,
        testLoss: te.loss,
        testMetric: te.value,
      };
    }
    // TypeScript narrows the variable to null here (it is only assigned inside the checkpoint closure).
    const bc = bestCheckpoint as Omit<BestFigures, "testLoss" | "testMetric"> | null;
    if (bc) {
      const te = evaluateOn(bestParams, "test");
      best = { ...bc, testLoss: te.loss, testMetric: te.value };
    }
  } catch (e) {
    // Setup failed (problem, model or learner could not be built), or evaluation threw.
    status = "failed";
    error = errorMessage(e);
  }
  disposeModel();
  sampleMemory();

  const identity = recordIdentity(spec);
  return {
    ...identity,
    ...(testIsTrain === undefined ? {} : { problem: { ...identity.problem, testIsTrain } }),
    parameters,
    metric,
    status,
    ...(error ? { error } : {}),
    ...(divergedAt ? { divergedAt } : {}),
    ...(reason === undefined ? {} : { reason }),
    trace,
    final,
    best,
    cost: { steps, flops, evaluations },
    targets,
    measured: {
      startedAt: startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      wallMs: performance.now() - t0,
      peakRssBytes: peakRss,
      peakHeapBytes: peakHeap,
      host: hostInfo(),
      provenance: provenanceOf(spec),
    },
  };
}
