/**
 * `harness-overhead`: one learner run directly (a bare `step()` loop to the same FLOP budget) against
 * the same run through the harness's `executeRun` (checkpoints, evaluation of train and validation,
 * best-validation tracking, the final test evaluation, the record). With two checkpoints the difference
 * is the harness's own bookkeeping; with the default 24 it includes the evaluations a report needs.
 * Every implementation computes the same run from the same seed paths; the runner checks that the
 * final training losses agree.
 */

import { getProblem, type Problem } from "@arena/datasets";
import {
  createProblemLoader,
  executeRun,
  LEARNER_KINDS,
  parseSuite,
  planSuite,
  type RunSpec,
} from "@arena/harness";
import { createModel, validateSpec } from "@arena/nn";
import { Rng } from "@arena/rng";
import {
  type BenchCase,
  defineSuite,
  type Implementation,
  isMain,
  type Prepared,
  runBenchmarksCli,
} from "./index.ts";

interface OverheadCase extends BenchCase {
  readonly problem: string;
  readonly learner: { id: string; kind: string; config: Record<string, unknown> };
  readonly flops: number;
}

/** The run of a one-run suite with the given checkpoint count. */
function runSpec(c: OverheadCase, checkpoints: number): RunSpec {
  const suite = parseSuite({
    name: "overhead",
    seed: 7,
    repetitions: 1,
    budget: { flops: c.flops },
    checkpoints: { count: checkpoints, first: 1e-3 },
    learners: [c.learner],
    problems: [{ name: c.problem }],
  });
  return planSuite(suite)[0];
}

function loadProblem(spec: RunSpec): Problem {
  return getProblem(spec.problem.name).load(new Rng(spec.dataSeedPath), spec.problem.options);
}

const direct: Implementation<OverheadCase> = {
  prepare(c): Prepared {
    const spec = runSpec(c, 2);
    const problem = loadProblem(spec);
    const kind = LEARNER_KINDS.get(spec.learner.kind)!;
    let finalLoss = Number.NaN;
    const once = () => {
      const model = createModel(validateSpec(spec.model.spec), new Rng(spec.initSeedPath));
      const budget = { flops: c.flops, evaluations: Number.POSITIVE_INFINITY };
      const learner = kind.create(model, problem, spec.learner.config, new Rng(spec.seedPath), budget);
      let flops = 0;
      while (flops < c.flops) flops += learner.step().flops;
      return { model, learner };
    };
    return {
      run: () => once().model.dispose(),
      output: () => {
        const { model, learner } = once();
        finalLoss = model.evaluate(problem.train, { params: learner.current() }).loss;
        model.dispose();
        return [finalLoss];
      },
    };
  },
};

function throughHarness(checkpoints: number): Implementation<OverheadCase> {
  return {
    prepare(c): Prepared {
      const spec = runSpec(c, checkpoints);
      // Problems are loaded once per worker in the harness too (its loader caches them).
      const context = { learners: LEARNER_KINDS, loadProblem: createProblemLoader() };
      context.loadProblem(spec);
      return {
        run: () => executeRun(spec, context),
        output: () => [executeRun(spec, context).final?.trainLoss ?? Number.NaN],
      };
    },
  };
}

/** runs/s = 1 / seconds per run. */
export const harnessOverheadSuite = defineSuite<OverheadCase>(import.meta.url, {
  id: "harness-overhead",
  title: "One learner run directly and through the harness (runs/s)",
  metric: { key: "runs_per_s", label: "runs/s" },
  baseline: "direct",
  cases: [
    {
      bench: "run",
      variant: "digits 64-32-10, backprop adam, 1e9 FLOPs",
      size: 1,
      work: 1,
      problem: "digits",
      learner: {
        id: "adam",
        kind: "backprop",
        config: { optimizer: { kind: "adam", lr: 0.003 }, batchSize: 32 },
      },
      flops: 1e9,
      budget: { time: 2000, iterations: 5, warmupTime: 0, warmupIterations: 1 },
    },
    {
      bench: "run",
      variant: "iris 4-8-3, pso, 1e8 FLOPs",
      size: 1,
      work: 1,
      problem: "iris",
      learner: { id: "pso", kind: "pso", config: {} },
      flops: 1e8,
      budget: { time: 2000, iterations: 5, warmupTime: 0, warmupIterations: 1 },
    },
  ],
  implementations: {
    direct: () => direct,
    "harness-2cp": () => throughHarness(2),
    "harness-24cp": () => throughHarness(24),
  },
  timed: {
    direct:
      "model and learner built from the run's seed paths, then `learner.step()` until the FLOP budget is spent.",
    "harness-2cp":
      "`executeRun(spec)` with 2 checkpoints: the same loop plus the harness's bookkeeping, 3 evaluations of train and validation, the test evaluation and the record.",
    "harness-24cp":
      "`executeRun(spec)` with the default 24 log-spaced checkpoints: each evaluates the full train and validation splits.",
  },
  tolerance: 1e-6,
});

if (isMain(import.meta.url))
  await runBenchmarksCli("harness-overhead", [harnessOverheadSuite], process.argv.slice(2), { rounds: 2 });
