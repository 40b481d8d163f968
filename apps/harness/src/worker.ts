import { executeRun } from "./execute-run.ts";
import { LEARNER_KINDS } from "./learner-kinds.ts";
import { createProblemLoader } from "./problem-loader.ts";
import type { RunContext } from "./run-context.ts";
import type { RunSpec } from "./run-spec.ts";
import { recordLine } from "./spec-record.ts";

const context: RunContext = { learners: LEARNER_KINDS, loadProblem: createProblemLoader() };

/**
 * Tinypool task: executes one run and returns its record as one JSON line (the main thread writes it).
 * A record that cannot be serialised comes back as the run's `failed` record (see `recordLine`).
 */
export default function runInWorker(spec: RunSpec): string {
  return recordLine(spec, executeRun(spec, context));
}
