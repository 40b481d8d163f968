import { serializeRecord } from "@arena/results";
import { executeRun } from "./execute-run.ts";
import { LEARNER_KINDS } from "./learner-kinds.ts";
import { createProblemLoader } from "./problem-loader.ts";
import type { RunContext } from "./run-context.ts";
import type { RunSpec } from "./run-plan.ts";

const context: RunContext = { learners: LEARNER_KINDS, loadProblem: createProblemLoader() };

/** Tinypool task: executes one run and returns its record as one JSON line (the main thread writes it). */
export default function runInWorker(spec: RunSpec): string {
  return serializeRecord(executeRun(spec, context));
}
