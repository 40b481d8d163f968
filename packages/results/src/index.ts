export {
  formatPath,
  type RecordError,
  type RecordIssue,
} from "./issues.ts";
export { type JsonValue, jsonObject, jsonValue } from "./json-value.ts";
export { anyNumber } from "./non-finite.ts";
export {
  type ParseRecordResult,
  parseRecord,
  parseRecordValue,
  RecordSchemaError,
  serializeRecord,
} from "./parse-record.ts";
export {
  type BaselineSummary,
  type BestOfKSummary,
  baselineSummarySchema,
  bestOfKSchema,
  type Comparison,
  comparisonSchema,
  type Detectability,
  detectabilitySchema,
  EMPTY_SUMMARY,
  type LearnerSummary,
  learnerSummarySchema,
  type ParseReportResult,
  type ProblemReport,
  parseReport,
  problemReportSchema,
  REPORT_SCHEMA,
  type Report,
  reportSchema,
  type Shift,
  type Summary,
  serializeReport,
  shiftSchema,
  summarySchema,
  type TargetSummary,
  type TuningSummary,
  targetSummarySchema,
  tuningSummarySchema,
} from "./report.ts";
export { parseResultsFile, type ResultsFile, type SkippedLine } from "./results-file.ts";
export { canonicalJson, configHash, fnv1a32, type RunIdParts, runId } from "./run-id.ts";
export {
  BASELINE_MODEL,
  BASELINE_ROLES,
  type BaselineInfo,
  type BaselineRole,
  type BestFigures,
  baselineInfoSchema,
  bestFiguresSchema,
  type Checkpoint,
  checkpointSchema,
  type Figures,
  figuresSchema,
  isBaselineRecord,
  isTrialRecord,
  METRIC_NAMES,
  type Measured,
  type MetricName,
  measuredSchema,
  RUN_SCHEMA,
  RUN_STATUSES,
  type RunRecord,
  type RunStatus,
  runRecordSchema,
  type TargetHit,
  targetHitSchema,
} from "./run-record.ts";
export { MEASURED_FIELDS, stripMeasured, type UnmeasuredRecord } from "./strip-measured.ts";
export { bestTrial, type TrialOutcome, trialOutcomes } from "./trial-outcomes.ts";
export { TUNING_ROLES, type TuningInfo, type TuningRole, tuningInfoSchema } from "./tuning-info.ts";
