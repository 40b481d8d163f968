export { rowKey } from "./baseline-rows.ts";
export { buildReport, DEFAULT_REPORT_SETTINGS, type ReportSettings } from "./build-report.ts";
export { type MixedConfigRow, mixedConfigRows, mixedConfigWarning } from "./config-mix.ts";
export { fmt, mdText, renderReportMarkdown, renderSummary, verdictLine } from "./render-report.ts";
