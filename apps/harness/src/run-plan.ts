import { isAbsolute, resolve } from "node:path";
import { fromCsv, getProblem } from "@arena/datasets";
import { runId } from "@arena/results";
import type { Budget, Checkpoints, CsvSource, Suite, Targets } from "./suite.ts";
import { UsageError } from "./suite.ts";

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

function suggestedModel(name: string, options: Record<string, unknown>): Record<string, unknown> {
  const entry = getProblem(name);
  return { ...entry.modelFor(options) };
}

/**
 * Expands a suite into its runs: problems × models × learners × repetitions, in that nesting order.
 * `suiteDir` resolves relative CSV paths.
 */
export function planSuite(suite: Suite, suiteDir = process.cwd()): RunSpec[] {
  const runs: RunSpec[] = [];
  const seed = String(suite.seed);
  for (const [pi, p] of suite.problems.entries()) {
    const problemId = p.id ?? p.name;
    let models: Record<string, unknown>[];
    if (p.models) {
      models = p.models;
    } else if (p.csv) {
      const path = isAbsolute(p.csv.path) ? p.csv.path : resolve(suiteDir, p.csv.path);
      try {
        models = [{ ...fromCsv(path, { label: p.csv.label, task: p.csv.task, name: p.name }).model }];
      } catch (e) {
        throw new UsageError(`problems[${pi}] (${problemId}): ${(e as Error).message}`);
      }
    } else {
      try {
        models = [suggestedModel(p.name, p.options)];
      } catch (e) {
        throw new UsageError(`problems[${pi}]: ${(e as Error).message}`);
      }
    }
    const names = models.map(modelName);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) {
        throw new UsageError(
          `problems[${pi}].models[${i}]: model name "${n}" is used twice; add a "name" to one`,
        );
      }
    });
    const csv = p.csv
      ? { ...p.csv, path: isAbsolute(p.csv.path) ? p.csv.path : resolve(suiteDir, p.csv.path) }
      : undefined;
    const learners = suite.learners.filter((l) => !p.learners || p.learners.includes(l.id));
    for (const [mi, spec] of models.entries()) {
      const mName = names[mi];
      for (const l of learners) {
        const config = { ...l.config, ...(p.overrides[l.id] ?? {}) };
        for (let rep = 0; rep < suite.repetitions; rep++) {
          runs.push({
            index: runs.length,
            runId: runId({
              suite: suite.name,
              problem: problemId,
              model: mName,
              learner: l.id,
              repetition: rep,
            }),
            suite: suite.name,
            suiteSeed: seed,
            problem: { id: problemId, name: p.name, options: p.options, ...(csv ? { csv } : {}) },
            model: { name: mName, spec: modelSpecOf(spec) },
            learner: { id: l.id, kind: l.kind, config },
            repetition: rep,
            seedPath: `${seed}/${problemId}/${mName}/${l.id}/${rep}`,
            dataSeedPath: `${seed}/${problemId}/data/${rep}`,
            initSeedPath: `${seed}/${problemId}/${mName}/init/${rep}`,
            budget: p.budget ?? suite.budget,
            checkpoints: suite.checkpoints,
            ...(p.targets ? { targets: p.targets } : {}),
          });
        }
      }
    }
  }
  return runs;
}

/** Runs whose id matches `pattern`: a substring, with `*` matching any run of characters. */
export function filterRuns(runs: RunSpec[], pattern: string | undefined): RunSpec[] {
  if (!pattern) return runs;
  const re = new RegExp(
    pattern
      .split("*")
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*"),
  );
  return runs.filter((r) => re.test(r.runId));
}

/** Parses `--shard i/n` (1-based i). */
export function parseShard(s: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  if (!m) throw new UsageError(`--shard must look like i/n (e.g. 1/4), got "${s}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${s}: i must be between 1 and n, and n >= 1`);
  }
  return { index, count };
}

/** The runs of shard i of n: every n-th run of the full plan, so shards get similar mixes of work. */
export function shardRuns(runs: RunSpec[], shard: { index: number; count: number } | undefined): RunSpec[] {
  if (!shard) return runs;
  return runs.filter((r) => r.index % shard.count === shard.index - 1);
}
