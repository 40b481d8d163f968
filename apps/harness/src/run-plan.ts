import { isAbsolute, resolve } from "node:path";
import { baselineMethods } from "@arena/baselines";
import type { ProblemEntry } from "@arena/datasets";
import type { SearchSpace } from "@arena/options";
import { BASELINE_MODEL, runId, type TuningInfo } from "@arena/results";
import { Rng } from "@arena/rng";
import { problemEntryFor } from "./problem-loader.ts";
import { BASELINE_KIND, type RunSpec } from "./run-spec.ts";
import { fileDigest, specHash } from "./spec-hash.ts";
import type { Suite } from "./suite.ts";
import { SUITE_LIMITS, UsageError } from "./suite.ts";
import {
  learnerSearchSpace,
  resolvedLearnerConfig,
  trialLearnerName,
  trialPoints,
  tuningFor,
} from "./tuning-plan.ts";

/** A readable model name: `mlp-64-32-10`, `lstm-32`, `gru-32x32`; an explicit `name` wins. */
export function modelName(spec: Record<string, unknown>): string {
  if (typeof spec.name === "string" && spec.name.length > 0) return spec.name;
  const kind = String(spec.kind ?? "model");
  if (Array.isArray(spec.layers)) return `${kind}-${spec.layers.join("-")}`;
  const hidden = Array.isArray(spec.hidden) ? spec.hidden.join("x") : String(spec.hidden ?? "");
  return hidden ? `${kind}-${hidden}` : kind;
}

/** The model spec without the suite-only `name` field. */
export function modelSpecOf(spec: Record<string, unknown>): Record<string, unknown> {
  const { name: _name, ...rest } = spec;
  return rest;
}

/** A problem entry of the suite, resolved: its entry in the registry (or CSV), its models and learners. */
function resolveProblem(suite: Suite, pi: number, suiteDir: string) {
  const p = suite.problems[pi];
  const problemId = p.id ?? p.name;
  const csv = p.csv
    ? { ...p.csv, path: isAbsolute(p.csv.path) ? p.csv.path : resolve(suiteDir, p.csv.path) }
    : undefined;
  const problem = { id: problemId, name: p.name, options: p.options, ...(csv ? { csv } : {}) };
  let entry: ProblemEntry;
  let models: Record<string, unknown>[];
  try {
    entry = problemEntryFor(problem);
    models = p.models ?? [{ ...entry.modelFor(p.options) }];
  } catch (e) {
    throw new UsageError(`problems[${pi}] (${problemId}): ${(e as Error).message}`);
  }
  let csvSha256: string | undefined;
  if (csv) {
    try {
      csvSha256 = fileDigest(csv.path);
    } catch (e) {
      throw new UsageError(
        `problems[${pi}] (${problemId}): cannot read ${csv.path}: ${(e as Error).message}`,
      );
    }
  }
  const names = models.map(modelName);
  names.forEach((n, i) => {
    if (n === BASELINE_MODEL) {
      throw new UsageError(`problems[${pi}].models[${i}]: the model name "${n}" is reserved for baselines`);
    }
    if (names.indexOf(n) !== i) {
      throw new UsageError(
        `problems[${pi}].models[${i}]: model name "${n}" is used twice; add a "name" to one`,
      );
    }
  });
  return { p, problemId, problem, entry, models, names, csvSha256 };
}

/**
 * The baselines that apply to a problem entry: its problem is loaded once, with the first repetition's
 * data stream, to see its task and shapes (every repetition has the same ones).
 */
function baselinesOf(entry: ProblemEntry, options: Record<string, unknown>, dataSeedPath: string) {
  return baselineMethods(entry.load(new Rng(dataSeedPath), options)).applicable;
}

/** A tuned learner on one problem and model: its trials are planned; its final runs wait for them. */
export interface TunedGroup {
  /** `problem/model/learner`. */
  key: string;
  problem: string;
  model: string;
  learner: string;
  /** Run ids of every trial (trials × seeds): the choice is made once all have records. */
  trialRunIds: string[];
  /** Final runs: the spec of repetition `rep` given the choice (its config and its tuning record). */
  final: (rep: number, choice: FinalChoice) => Omit<RunSpec, "index">;
}

/** What the selection decided for a tuned group (see tuning-selection.ts). */
export interface FinalChoice {
  trial: number;
  score: number;
  cost: { runs: number; flops: number; evaluations: number };
}

/** The plan of a suite: the runs that can start now, and the tuned groups whose final runs wait. */
export interface SuitePlan {
  runs: RunSpec[];
  tuned: TunedGroup[];
}

/**
 * Expands a suite into its runs: problems × models × learners × repetitions, in that nesting order, then
 * (unless `baselines: false`) each applicable baseline × repetitions. `suiteDir` resolves relative CSV paths.
 * A tuned learner (the problem has `tuning` and the learner a non-empty search space) contributes its
 * trials instead (trials × seeds, on seed paths of their own: `…/learner/trial-t/s`, data
 * `…/tuning-data/s`), and a {@link TunedGroup} whose final runs take the untuned runs' ids and seeds.
 */
export function planSuiteWithTuning(suite: Suite, suiteDir = process.cwd()): SuitePlan {
  const runs: RunSpec[] = [];
  const tuned: TunedGroup[] = [];
  const seed = String(suite.seed);
  for (const pi of suite.problems.keys()) {
    const { p, problemId, problem, entry, models, names, csvSha256 } = resolveProblem(suite, pi, suiteDir);
    const learners = suite.learners.filter((l) => !p.learners || p.learners.includes(l.id));
    const tuning = tuningFor(suite, p);
    const common = (rep: number) => ({
      suite: suite.name,
      suiteSeed: seed,
      problem,
      repetition: rep,
      dataSeedPath: `${seed}/${problemId}/data/${rep}`,
      budget: p.budget ?? suite.budget,
      checkpoints: suite.checkpoints,
      ...(p.targets ? { targets: p.targets } : {}),
      divergence: p.divergence ?? suite.divergence,
    });
    const bad = (e: unknown) => new UsageError(`problems[${pi}] (${problemId}): ${(e as Error).message}`);
    /** A run's spec; `trial` names a trial's learner part and seed paths. */
    const specOf = (
      model: RunSpec["model"],
      learner: RunSpec["learner"],
      rep: number,
      trial?: { name: string; path: string; tuning: TuningInfo },
    ): Omit<RunSpec, "index"> => {
      const ids = {
        suite: suite.name,
        problem: problemId,
        model: model.name,
        learner: trial?.name ?? learner.id,
      };
      let id: string;
      try {
        id = runId({ ...ids, repetition: rep });
      } catch (e) {
        throw bad(e);
      }
      const at = `${seed}/${problemId}`;
      const spec = {
        runId: id,
        ...common(rep),
        ...(trial ? { dataSeedPath: `${at}/tuning-data/${rep}` } : {}),
        model,
        learner,
        seedPath: `${at}/${model.name}/${learner.id}/${trial ? `${trial.path}/` : ""}${rep}`,
        initSeedPath: `${at}/${model.name}/${trial ? "tuning-init" : "init"}/${rep}`,
        ...(trial ? { tuning: trial.tuning } : {}),
      };
      return { ...spec, configHash: specHash(spec, csvSha256) };
    };
    const add = (spec: Omit<RunSpec, "index">) => {
      if (runs.length >= SUITE_LIMITS.runs) {
        throw new UsageError(
          `the suite plans more than ${SUITE_LIMITS.runs} runs (problems × models × learners × repetitions, and trials); split it into smaller suites`,
        );
      }
      runs.push({ index: runs.length, ...spec });
    };
    for (const [mi, spec] of models.entries()) {
      const model = { name: names[mi], spec: modelSpecOf(spec) };
      for (const l of learners) {
        // The config as given, the problem's overrides merged in (a shallow merge).
        const config = { ...l.config, ...(p.overrides[l.id] ?? {}) };
        let space: SearchSpace = {};
        try {
          space = tuning ? learnerSearchSpace(l, config) : {};
        } catch (e) {
          throw bad(e);
        }
        const base = resolvedLearnerConfig(l.kind, config);
        if (!tuning || !base || Object.keys(space).length === 0) {
          for (let rep = 0; rep < suite.repetitions; rep++)
            add(specOf(model, { id: l.id, kind: l.kind, config }, rep));
          continue;
        }
        const points = trialPoints(space, tuning, base, `${seed}/${problemId}/${model.name}/${l.id}/search`);
        const protocol = { trials: tuning.trials, seeds: tuning.seeds, sampler: tuning.sampler, space };
        const trialRunIds: string[] = [];
        points.forEach((pt, t) => {
          const info: TuningInfo = { role: "trial", trial: t, ...protocol, params: pt.params };
          const trial = { name: trialLearnerName(l.id, t, tuning.trials), path: `trial-${t}`, tuning: info };
          for (let s = 0; s < tuning.seeds; s++) {
            const run = specOf(model, { id: l.id, kind: l.kind, config: pt.config }, s, trial);
            trialRunIds.push(run.runId);
            add(run);
          }
        });
        tuned.push({
          key: `${problemId}/${model.name}/${l.id}`,
          problem: problemId,
          model: model.name,
          learner: l.id,
          trialRunIds,
          final: (rep, choice) => {
            const chosen = points[choice.trial];
            const info: TuningInfo = { role: "final", ...protocol, ...choice, params: chosen.params };
            return { ...specOf(model, { id: l.id, kind: l.kind, config: chosen.config }, rep), tuning: info };
          },
        });
      }
    }
    if (!suite.baselines) continue;
    let methods: string[];
    try {
      methods = baselinesOf(entry, p.options, common(0).dataSeedPath);
    } catch (e) {
      throw bad(e);
    }
    for (const method of methods) {
      for (let rep = 0; rep < suite.repetitions; rep++) {
        add(
          specOf(
            { name: BASELINE_MODEL, spec: { kind: BASELINE_MODEL } },
            { id: method, kind: BASELINE_KIND, config: { method } },
            rep,
          ),
        );
      }
    }
  }
  return { runs, tuned };
}

/** The runs of a suite that can start at once (see {@link planSuiteWithTuning}). */
export function planSuite(suite: Suite, suiteDir = process.cwd()): RunSpec[] {
  return planSuiteWithTuning(suite, suiteDir).runs;
}
