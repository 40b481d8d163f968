/**
 * The harness as a library: what `arena` does, callable from code (benchmarks, notebooks, other tools).
 */
export { logCheckpoints } from "./checkpoint-schedule.ts";
export { CostEta, type RunEta } from "./cost-eta.ts";
export { executeBaseline } from "./execute-baseline.ts";
export { executeRun } from "./execute-run.ts";
export {
  checkInputFile,
  checkOutputDir,
  REPORT_MAX_BYTES,
  RESULTS_MAX_BYTES,
  readInputFile,
  readInputText,
  SUITE_MAX_BYTES,
} from "./input-files.ts";
export { LEARNER_KINDS } from "./learner-kinds.ts";
export { createProblemLoader } from "./problem-loader.ts";
export { mergeResults, readResults, writeReport } from "./results-files.ts";
export {
  type LineReader,
  REJECTED_FILE,
  REPLACED_FILE,
  type ResultsSnapshot,
  ResultsStore,
  type StoredLine,
} from "./results-store.ts";
export { planResume, type ResumeOptions, type ResumePlan, resumeConflictMessage } from "./resume-plan.ts";
export type { LearnerFactory, LearnerKind, RunContext } from "./run-context.ts";
export {
  estimateFromWork,
  estimateRunCosts,
  longestFirst,
  type SplitKeyed,
  splitKey,
} from "./run-cost-estimate.ts";
export { modelName, planSuite } from "./run-plan.ts";
export { filterRuns, globContains, MAX_FILTER_LENGTH, parseShard, shardRuns } from "./run-selection.ts";
export type { RunSpec } from "./run-spec.ts";
export { type RunSuiteOptions, type RunSuiteSummary, runSuite } from "./run-suite.ts";
export { type ModelFlops, type ProblemSizes, type RunWork, runWork, type WorkFamily } from "./run-work.ts";
export { hashInputs, specHash } from "./spec-hash.ts";
export { failedRecord, recordLine } from "./spec-record.ts";
export { splitDiagnostics } from "./split-diagnostics.ts";
export {
  BUDGET_LIMITS,
  checkNesting,
  loadSuite,
  parseSuite,
  SUITE_LIMITS,
  type Suite,
  SuiteSchema,
  UsageError,
} from "./suite.ts";
