import { isAbsolute, resolve } from "node:path";
import { baselineMethods } from "@arena/baselines";
import type { ProblemEntry } from "@arena/datasets";
import { BASELINE_MODEL, runId } from "@arena/results";
import { Rng } from "@arena/rng";
import { problemEntryFor } from "./problem-loader.ts";
import type { Invocation } from "./provenance.ts";
import { fileDigest, specHash } from "./spec-hash.ts";
import type { Budget, Checkpoints, CsvSource, Divergence, Suite, Targets } from "./suite.ts";
import { SUITE_LIMITS, UsageError } from "./suite.ts";
import { quote } from "./usage-error.ts";

/** The learner kind of baseline runs (closed-form fits, no budget): see execute-baseline.ts. */
export const BASELINE_KIND = "baseline";

/** Everything a worker needs to execute one run; plain data (it crosses to worker threads). */
export interface RunSpec {
  /** Position in the full plan (before filters and shards); the canonical order of records. */
  index: number;
  runId: string;
  suite: string;
  suiteSeed: string;
  problem: {
    /** Unique within the suite (the entry's `id`, or its name). */
    id: string;
    name: string;
    options: Record<string, unknown>;
    csv?: CsvSource;
  };
  model: { name: string; spec: Record<string, unknown> };
  learner: { id: string; kind: string; config: Record<string, unknown> };
  repetition: number;
  /** The run's own Rng stream: `seed/problem/model/learner/repetition`. */
  seedPath: string;
  /** Shared by every learner and model of one repetition, so all see the same splits (a paired design). */
  dataSeedPath: string;
  /** Shared by every learner of one model and repetition: the same initial weights for gradient learners. */
  initSeedPath: string;
  budget: Budget;
  checkpoints: Checkpoints;
  targets?: Targets;
  /** The problem's `divergence`, else the suite's (absent: the default factor, see suite.ts). */
  divergence?: Divergence;
  /**
   * Hash of everything the run's result depends on (spec-hash.ts), set by `planSuite`: a resume reuses
   * a record only when its run id and this hash match.
   */
  configHash: string;
  /** Set by `runSuite` when it sends the run to a worker: recorded as the record's provenance. */
  invocation?: Invocation;
}

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

/** The longest `--filter` pattern accepted. */
export const MAX_FILTER_LENGTH = 1000;

/**
 * Whether `text` contains a match of the glob `pattern` (`*` any run of characters, `?` any one, every
 * other character itself). A two-pointer scan with backtracking to the last `*`: time at most
 * pattern length × text length, no regular expression built from user input.
 */
export function globContains(pattern: string, text: string): boolean {
  const p = `*${pattern}*`;
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < text.length) {
    if (pi < p.length && p[pi] === "*") {
      while (pi < p.length && p[pi] === "*") pi++;
      star = pi;
      mark = si;
    } else if (pi < p.length && (p[pi] === "?" || p[pi] === text[si])) {
      pi++;
      si++;
    } else if (star >= 0) {
      pi = star;
      si = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === "*") pi++;
  return pi === p.length;
}

/**
 * Runs whose id contains a match of `pattern` (`*` matches any run of characters, `?` any one). A
 * pattern that is empty, longer than {@link MAX_FILTER_LENGTH}, or selects no run is a UsageError
 * naming it: a filter that silently runs nothing is almost always a typo.
 */
export function filterRuns(runs: RunSpec[], pattern: string | undefined): RunSpec[] {
  if (pattern === undefined) return runs;
  if (pattern === "") throw new UsageError("--filter is empty; give a pattern such as */adam/* or omit it");
  if (pattern.length > MAX_FILTER_LENGTH) {
    throw new UsageError(
      `--filter is ${pattern.length} characters long; at most ${MAX_FILTER_LENGTH} are allowed`,
    );
  }
  const selected = runs.filter((r) => globContains(pattern, r.runId));
  if (selected.length === 0 && runs.length > 0) {
    throw new UsageError(
      `--filter ${quote(pattern, 80)} selects none of the ${runs.length} planned runs (ids look like ${runs[0].runId})`,
    );
  }
  return selected;
}

/** Parses `--shard i/n` (1-based i; decimal digits only). */
export function parseShard(s: string): { index: number; count: number } {
  const m = /^(\d{1,9})\/(\d{1,9})$/.exec(s);
  if (!m) throw new UsageError(`--shard must look like i/n (e.g. 1/4), got ${quote(s, 40)}`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${quote(s, 40)}: i must be between 1 and n, and n >= 1`);
  }
  return { index, count };
}

/** The runs of shard i of n: every n-th run of the full plan, so shards get similar mixes of work. */
export function shardRuns(runs: RunSpec[], shard: { index: number; count: number } | undefined): RunSpec[] {
  if (!shard) return runs;
  return runs.filter((r) => r.index % shard.count === shard.index - 1);
}
