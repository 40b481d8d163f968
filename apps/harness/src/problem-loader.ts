import { fromCsv, getProblem, type Problem } from "@arena/datasets";
import { Rng } from "@arena/rng";
import type { RunSpec } from "./run-plan.ts";

/**
 * Loads the problem of a run from its data seed path. A worker keeps the last few problems: every
 * learner of a repetition shares one split, so consecutive runs often ask for the same one.
 */
export function createProblemLoader(capacity = 4): (spec: RunSpec) => Problem {
  const cache = new Map<string, Problem>();
  return (spec) => {
    const key = `${spec.problem.id}|${spec.dataSeedPath}|${JSON.stringify(spec.problem.options)}`;
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit); // most recently used last
      return hit;
    }
    const rng = new Rng(spec.dataSeedPath);
    const csv = spec.problem.csv;
    const entry = csv
      ? fromCsv(csv.path, { label: csv.label, task: csv.task, name: spec.problem.name })
      : getProblem(spec.problem.name);
    const problem = entry.load(rng, spec.problem.options);
    cache.set(key, problem);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return problem;
  };
}
