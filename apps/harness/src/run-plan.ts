import { isAbsolute, resolve } from "node:path";
import { baselineMethods } from "@arena/baselines";
import type { ProblemEntry } from "@arena/datasets";
import { BASELINE_MODEL, runId } from "@arena/results";
import { Rng } from "@arena/rng";
import { problemEntryFor } from "./problem-loader.ts";
import { BASELINE_KIND, type RunSpec } from "./run-spec.ts";
import { fileDigest, specHash } from "./spec-hash.ts";
import type { Suite } from "./suite.ts";
import { SUITE_LIMITS, UsageError } from "./suite.ts";

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

/**
 * Expands a suite into its runs: problems × models × learners × repetitions, in that nesting order, then
 * (unless `baselines: false`) each applicable baseline × repetitions. `suiteDir` resolves relative CSV paths.
 */
export function planSuite(suite: Suite, suiteDir = process.cwd()): RunSpec[] {
  const runs: RunSpec[] = [];
  const seed = String(suite.seed);
  for (const pi of suite.problems.keys()) {
    const { p, problemId, problem, entry, models, names, csvSha256 } = resolveProblem(suite, pi, suiteDir);
    const learners = suite.learners.filter((l) => !p.learners || p.learners.includes(l.id));
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
    const add = (model: RunSpec["model"], learner: RunSpec["learner"], rep: number) => {
      if (runs.length >= SUITE_LIMITS.runs) {
        throw new UsageError(
          `the suite plans more than ${SUITE_LIMITS.runs} runs (problems × models × learners × repetitions); split it into smaller suites`,
        );
      }
      const ids = { suite: suite.name, problem: problemId, model: model.name, learner: learner.id };
      let id: string;
      try {
        id = runId({ ...ids, repetition: rep });
      } catch (e) {
        throw new UsageError(`problems[${pi}] (${problemId}): ${(e as Error).message}`);
      }
      const spec = {
        runId: id,
        ...common(rep),
        model,
        learner,
        seedPath: `${seed}/${problemId}/${model.name}/${learner.id}/${rep}`,
        initSeedPath: `${seed}/${problemId}/${model.name}/init/${rep}`,
      };
      runs.push({ index: runs.length, ...spec, configHash: specHash(spec, csvSha256) });
    };
    for (const [mi, spec] of models.entries()) {
      for (const l of learners) {
        // The config as given, the problem's overrides merged in (a shallow merge).
        const config = { ...l.config, ...(p.overrides[l.id] ?? {}) };
        for (let rep = 0; rep < suite.repetitions; rep++) {
          add({ name: names[mi], spec: modelSpecOf(spec) }, { id: l.id, kind: l.kind, config }, rep);
        }
      }
    }
    if (!suite.baselines) continue;
    let methods: string[];
    try {
      methods = baselinesOf(entry, p.options, common(0).dataSeedPath);
    } catch (e) {
      throw new UsageError(`problems[${pi}] (${problemId}): ${(e as Error).message}`);
    }
    for (const method of methods) {
      for (let rep = 0; rep < suite.repetitions; rep++) {
        add(
          { name: BASELINE_MODEL, spec: { kind: BASELINE_MODEL } },
          { id: method, kind: BASELINE_KIND, config: { method } },
          rep,
        );
      }
    }
  }
  return runs;
}
