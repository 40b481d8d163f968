import { fromCsv, fromSeriesCsv, getProblem, type Problem, type ProblemEntry } from "@arena/datasets";
import { Rng } from "@arena/rng";
import type { RunSpec } from "./run-spec.ts";

/**
 * The registry entry of a run's problem: a built-in by name, or the user's CSV (a table, or one column
 * as a series to forecast). A CSV is read and checked here, so a bad file throws before any run.
 */
export function problemEntryFor(problem: RunSpec["problem"]): ProblemEntry {
  const csv = problem.csv;
  if (!csv) return getProblem(problem.name);
  // The suite check, the plan and every repetition's load ask for the same file: read and parse it once
  // per process (a few at a time).
  const key = JSON.stringify([problem.name, csv]);
  const hit = csvEntries.get(key);
  if (hit) return hit;
  const entry = csvEntry(problem.name, csv);
  csvEntries.set(key, entry);
  if (csvEntries.size > 8) csvEntries.delete(csvEntries.keys().next().value as string);
  return entry;
}

const csvEntries = new Map<string, ProblemEntry>();

function csvEntry(name: string, csv: NonNullable<RunSpec["problem"]["csv"]>): ProblemEntry {
  if (csv.task === "forecast") {
    return fromSeriesCsv(csv.path, {
      column: csv.column ?? "last",
      name,
      ...(csv.window !== undefined ? { window: csv.window } : {}),
      ...(csv.period !== undefined ? { period: csv.period } : {}),
    });
  }
  return fromCsv(csv.path, { label: csv.label ?? "last", task: csv.task, name });
}

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
    const problem = problemEntryFor(spec.problem).load(new Rng(spec.dataSeedPath), spec.problem.options);
    cache.set(key, problem);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return problem;
  };
}
