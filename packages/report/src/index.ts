// The tables' number format is defined in @arena/stats (which the dashboard can bundle for the browser).
export { fmt } from "@arena/stats";
export { rowKey } from "./baseline-rows.ts";
export { buildReport, DEFAULT_REPORT_SETTINGS, type ReportSettings } from "./build-report.ts";
export { type MixedConfigRow, mixedConfigRows, mixedConfigWarning } from "./config-mix.ts";
export { mdText, renderReportMarkdown, renderSummary, verdictLine } from "./render-report.ts";
export { tuningSummaries } from "./tuning-summaries.ts";
