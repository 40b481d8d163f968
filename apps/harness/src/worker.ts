import { createGarbageCollector } from "./collect-garbage.ts";
import { executeRun } from "./execute-run.ts";
import { LEARNER_KINDS } from "./learner-kinds.ts";
import { createProblemLoader, type SharedProblemData } from "./problem-loader.ts";
import type { RunContext } from "./run-context.ts";
import type { RunSpec } from "./run-spec.ts";
import { recordLine } from "./spec-record.ts";

/** One run for a worker: its spec, and for a table CSV the rows the main thread read (shared memory). */
export interface RunTask {
  readonly spec: RunSpec;
  readonly data?: SharedProblemData;
}

const loadProblem = createProblemLoader();
/** Runs a run, then collects what it left when that was much. */
const collectGarbage = createGarbageCollector();

/**
 * Tinypool task: executes one run and returns its record as one JSON line (the main thread writes it).
 * A record that cannot be serialised comes back as the run's `failed` record (see `recordLine`). What
 * the run built is garbage once it returns; a run that left much of it is collected at once, so the
 * next run starts from the worker's own memory (its cached problem).
 */
export default function runInWorker({ spec, data }: RunTask): string {
  const context: RunContext = { learners: LEARNER_KINDS, loadProblem: (s) => loadProblem(s, data) };
  return collectGarbage(() => recordLine(spec, executeRun(spec, context)));
}
