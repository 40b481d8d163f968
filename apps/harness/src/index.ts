/**
 * The harness as a library: what `arena` does, callable from code (benchmarks, notebooks, other tools).
 */
export { logCheckpoints } from "./checkpoint-schedule.ts";
export { executeBaseline } from "./execute-baseline.ts";
export { executeRun, splitDiagnostics } from "./execute-run.ts";
export { LEARNER_KINDS } from "./learner-kinds.ts";
export { createProblemLoader } from "./problem-loader.ts";
export { mergeResults, readResults, writeReport } from "./results-files.ts";
export { type LineReader, ResultsStore } from "./results-store.ts";
export type { LearnerFactory, LearnerKind, RunContext } from "./run-context.ts";
export { filterRuns, modelName, parseShard, planSuite, type RunSpec, shardRuns } from "./run-plan.ts";
export { type RunSuiteOptions, type RunSuiteSummary, runSuite } from "./run-suite.ts";
export { failedRecord } from "./spec-record.ts";
export { loadSuite, parseSuite, type Suite, SuiteSchema, UsageError } from "./suite.ts";
