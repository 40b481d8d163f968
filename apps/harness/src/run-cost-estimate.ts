import { Rng } from "@arena/rng";
import { problemEntryFor } from "./problem-loader.ts";
import type { RunSpec } from "./run-spec.ts";
import { type ProblemSizes, type RunWork, runWork, type WorkFamily } from "./run-work.ts";

/**
 * The constants that turn a run's work (run-work.ts) into its expected wall time, in milliseconds of one
 * worker on the machine they were fitted on.
 *
 * How they were fitted: the default suite was run at one worker on a quiet machine (commit 047df3d, AMD
 * EPYC, 2 cores, wasm kernels; 1,380 records). Each of its 138 problem × model × learner groups gives
 * one data point, the median `measured.wallMs` of its 10 seeds (they differ only in seeds, so their
 * times are alike: the median only drops noise), and one row of features, the terms of
 * {@link estimateFromWork} before their constants (training FLOPs of each model kind and family, updates,
 * evaluation FLOPs, data values, 1 per run; a baseline's data values and fit FLOPs). The 13 constants are
 * the non-negative least-squares solution of features · constants = time with each row divided by its
 * time (relative error, so the many short runs weigh as much as the few long ones). The table of group
 * times is test/fixtures/default-suite-wall-times.json; the test there checks the code still ranks it so.
 *
 * How well: on those groups the estimate ranks the times with Spearman 0.97 (the FLOP budget alone:
 * 0.74), median error factor 1.27. That is in-sample; refitted with one problem left out at a time and
 * scored on the problem left out, Spearman is 0.90, median error factor 1.6, so expect a new problem or
 * model to be off by about that. Tiny runs (baselines, XOR) are overestimated by their fixed costs: they
 * take under a millisecond, which no schedule notices. The schedule and the ETA use only ratios of
 * estimates (the ETA rescales them by the times it observes), so a faster or slower machine changes
 * nothing; refit when kernels or learners change their relative speed (the fused LSTM and GRU kernels of
 * commit b9014c6 made those cells 2–3× cheaper per FLOP than the previous fit said).
 */
const CALIBRATION = {
  /**
   * ns per training FLOP by model kind and family. Backprop's FLOPs are minibatch gemms and their
   * backward pass; population scoring runs a forward pass per candidate plus the optimizer's scalar
   * arithmetic, so it is slower per FLOP.
   */
  nsPerFlop: {
    mlp: { gradient: 0.154, population: 0.389 },
    rnn: { gradient: 0.114, population: 0.184 },
    lstm: { gradient: 0.0975, population: 0.14 },
    gru: { gradient: 0.107, population: 0.333 },
  } as Record<string, Record<WorkFamily, number>>,
  /**
   * ms of fixed cost per backprop update (the optimizer's call, clipping, the sampler). A generation's
   * fixed cost was fitted at 0 (its FLOPs dominate), so it has no constant.
   */
  msPerUpdate: 0.00202,
  /** ns per FLOP of checkpoint evaluation: big forward batches, the fastest FLOPs there are. */
  evalNsPerFlop: 0.0316,
  /** ms per learner run besides its work: building the model and learner, the record. */
  runMs: 15.2,
  /** ms per million input numbers of the three splits: loading the problem in the worker. */
  msPerMillionValues: 21.4,
  /** ns per FLOP of a linear baseline's ridge fit (float64 JavaScript loops). */
  fitNsPerFlop: 1.43,
} as const;

/**
 * A run's expected wall time in ms of one worker on the calibration machine: training FLOPs at their
 * model kind's and family's speed, a fixed cost per update, checkpoint evaluations, loading the data,
 * a fixed cost per run; a baseline only loads its data and fits. A model kind without constants is
 * charged as an MLP. A wall-time budget caps the training part (and is all of it when there is no
 * other budget, since the FLOPs it allows are unknown).
 */
export function estimateFromWork(work: RunWork): number {
  const c = CALIBRATION;
  const load = (work.dataValues / 1e6) * c.msPerMillionValues;
  if (work.baseline) return load + work.fitFlops * c.fitNsPerFlop * 1e-6;
  const speed = c.nsPerFlop[work.model] ?? c.nsPerFlop.mlp;
  const trainFlops = work.flops.gradient + work.flops.population;
  let train =
    (work.flops.gradient * speed.gradient + work.flops.population * speed.population) * 1e-6 +
    work.steps.gradient * c.msPerUpdate;
  if (Number.isFinite(work.wallMs)) train = trainFlops > 0 ? Math.min(train, work.wallMs) : work.wallMs;
  return c.runMs + load + train + work.evalFlops * c.evalNsPerFlop * 1e-6;
}

/** The sizes of a loaded problem: its splits, a sample's time steps and its input numbers. */
function sizesOfProblem(spec: RunSpec): ProblemSizes {
  const p = problemEntryFor(spec.problem).load(new Rng(spec.dataSeedPath), spec.problem.options);
  const shape = p.train.xShape;
  return {
    train: p.train.n,
    validation: p.validation.n,
    test: p.test.n,
    // Sequences are time-major, [T, features]; a table's sample is one vector.
    steps: shape.length >= 2 ? shape[0] : 1,
    inputValues: shape.reduce((a, b) => a * b, 1),
  };
}

/**
 * Expected wall times of runs (see {@link estimateFromWork}), by run id, in ms of one worker on the
 * calibration machine. Never throws: a run whose problem or model cannot be built costs 0. Each problem is loaded once (with its first run's data stream: the sizes of the
 * splits do not depend on the seed) to read its sizes; `sizesOf` replaces that in tests.
 */
export function estimateRunCosts(
  runs: readonly RunSpec[],
  sizesOf: (spec: RunSpec) => ProblemSizes = sizesOfProblem,
): Map<string, number> {
  const sizes = new Map<string, ProblemSizes>();
  const out = new Map<string, number>();
  for (const spec of runs) {
    const key = JSON.stringify([spec.problem.id, spec.problem.name, spec.problem.options, spec.problem.csv]);
    try {
      let s = sizes.get(key);
      if (s === undefined) {
        s = sizesOf(spec);
        sizes.set(key, s);
      }
      out.set(spec.runId, estimateFromWork(runWork(spec, s)));
    } catch {
      // A problem that cannot load (a data-dependent limit) fails its runs at once in the worker, which
      // records why: here it only costs nothing, so its runs go last.
      out.set(spec.runId, 0);
    }
  }
  return out;
}

/** What runs sharing one data split have in common: the problem, its options and the data seed path. */
export interface SplitKeyed {
  runId: string;
  dataSeedPath?: string;
  problem?: { id?: string; options?: unknown };
}

/** The key of the data split a run trains on; runs with the same key load the same split. */
export function splitKey(run: SplitKeyed): string {
  return JSON.stringify([run.problem?.id ?? "", run.problem?.options ?? null, run.dataSeedPath ?? ""]);
}

/**
 * The runs in dispatch order for a pool that hands the next run to whichever worker is free: longest
 * expected first (LPT) by groups of runs that share a data split (every learner of one repetition of a
 * problem), so the long runs start early and the last minutes are filled with short ones on every
 * worker instead of one long run on one. Groups go by their summed expected cost, and runs within a
 * group by theirs. Keeping a split's runs together matters as much as the order: a worker keeps only
 * its last few splits (problem-loader.ts), and a run-by-run order interleaves problems, so every run
 * would load its split again (measured on the default suite: 7% more time per run). Ties go by key
 * and run id (code-unit order), so the order is the same on every machine. A run's record does not
 * depend on its place: its streams come from its seed paths.
 */
export function longestFirst<T extends SplitKeyed>(
  runs: readonly T[],
  costs: ReadonlyMap<string, number>,
): T[] {
  const cost = (r: T) => costs.get(r.runId) ?? 0;
  const byId = (a: T, b: T) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0);
  const groups = new Map<string, { key: string; runs: T[]; cost: number }>();
  for (const run of runs) {
    const key = splitKey(run);
    const group = groups.get(key) ?? { key, runs: [], cost: 0 };
    group.runs.push(run);
    group.cost += cost(run);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => b.cost - a.cost || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .flatMap((g) => g.runs.sort((a, b) => cost(b) - cost(a) || byId(a, b)));
}
