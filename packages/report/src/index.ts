// The tables' number format is defined in @arena/stats (which the dashboard can bundle for the browser).
export { fmt } from "@arena/stats";
export { rowKey } from "./baseline-rows.ts";
export { buildReport, DEFAULT_REPORT_SETTINGS, type ReportSettings } from "./build-report.ts";
export {
  type CompareSettings,
  type CompareSource,
  compareResults,
  DEFAULT_COMPARE_SETTINGS,
  relativeChange,
} from "./compare-results.ts";
export { costTarget, flopsToTarget } from "./compare-values.ts";
export { type ConfigChange, configChanges, pairRuns, type RunPairing } from "./config-changes.ts";
export { type MixedConfigRow, mixedConfigRows, mixedConfigWarning } from "./config-mix.ts";
export { buildOverview } from "./overview.ts";
export {
  compareRuleText,
  regressionLines,
  renderCompareMarkdown,
  renderCompareSummary,
  undetectableCompareText,
} from "./render-compare.ts";
export { mdText, renderReportMarkdown, renderSummary, verdictLine } from "./render-report.ts";
export { comparisonValue, trainingWallMs } from "./run-values.ts";
export { tuningSummaries } from "./tuning-summaries.ts";
