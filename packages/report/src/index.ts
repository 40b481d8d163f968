export { rowKey } from "./baseline-rows.ts";
export { buildReport, DEFAULT_REPORT_SETTINGS, type ReportSettings } from "./build-report.ts";
export { fmt, renderReportMarkdown, renderSummary, verdictLine } from "./render-report.ts";
