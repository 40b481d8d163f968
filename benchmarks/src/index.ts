/**
 * Arena's benchmark runner: declare a suite with `defineSuite`, run it with `runBenchmarksCli`; each
 * implementation is measured in its own child process and the report lands in `reports/bench/`.
 */
export {
  type CaseResult,
  type ChildOptions,
  type Clock,
  DEFAULT_BUDGET,
  type ImplementationResult,
  makeRow,
  measureImplementation,
} from "./runner/child.ts";
export { type Fingerprint, fingerprint, fingerprintDiff } from "./runner/fingerprint.ts";
export { benchReportDir, repoRoot } from "./runner/repo-root.ts";
export {
  type RunInfo,
  reportMarkdown,
  type SuiteResult,
  suiteMarkdown,
  writeReport,
} from "./runner/report.ts";
export {
  checkAgainstBaseline,
  isMain,
  poolRounds,
  type RunOptions,
  type RunOutcome,
  runBenchmarks,
  runBenchmarksCli,
  runInChild,
} from "./runner/run-benchmarks.ts";
export {
  type BenchCase,
  type BenchRow,
  type Budget,
  defineSuite,
  type Implementation,
  type Metric,
  type Prepared,
  type Suite,
} from "./runner/suite.ts";
