/**
 * @arena/dashboard's pure data transforms (no DOM, no Node): what the views compute from
 * `@arena/results` records. The Node side (writing a static dashboard, serving it) is
 * `@arena/dashboard/node`.
 */
export {
  EMBEDDED_DATA_FORMAT,
  type EmbeddedData,
  embeddedDataScript,
  readEmbeddedData,
} from "./data/embedded-data.ts";
export {
  type BaselineGroup,
  groupRuns,
  type LearnerGroup,
  learnerKey,
  type ProblemGroup,
  statusCounts,
  type TunedGroup,
} from "./data/groups.ts";
export { classifyFile, type DataInput, type LoadedData, loadData } from "./data/load-data.ts";
export { loadNotes, type Note } from "./data/load-notes.ts";
export {
  DEFAULT_VIEW_STATE,
  effectiveLogY,
  formatViewState,
  parseViewState,
  type ViewState,
} from "./state/view-state.ts";
export { figureKey, type Split, X_AXES, type XAxis, Y_KINDS, type YKind } from "./transforms/axes.ts";
export { type Band, finiteSeries, majority, seedBand } from "./transforms/bands.ts";
export { type BaselineLevel, baselineLevels } from "./transforms/baseline-levels.ts";
export { gapCurve, gradNormCurves, runCurve } from "./transforms/curves.ts";
export { type EcdfCurve, ecdfCurve, ecdfStepPoints } from "./transforms/ecdf.ts";
export { commonGrid, GRID_POINTS, linearGrid, logGrid } from "./transforms/grid.ts";
export { type ThroughTimeHeatmap, throughTimeHeatmap } from "./transforms/heatmap.ts";
export { type Series, stepInterpolate } from "./transforms/step-interpolation.ts";
export {
  hitTable,
  TARGET_COSTS,
  type TargetCost,
  type TargetOutcome,
  targetLabel,
  targetOutcomes,
} from "./transforms/targets.ts";
export {
  type BudgetCurve,
  budgetCurve,
  budgetRanking,
  rankingText,
} from "./transforms/tuning-budget.ts";
export { type TuningSearch, tuningSearch } from "./transforms/tuning-search.ts";
export {
  type ParamAxis,
  paramAxis,
  type SensitivityPanel,
  type SensitivityPlot,
  type SensitivityPoint,
  sensitivity,
  unfinishedLevel,
} from "./transforms/tuning-sensitivity.ts";
export { plotlyText } from "./ui/plotly-text.ts";
export { VIEWS } from "./views/all-views.ts";
export {
  didNotLearnFlag,
  fmtShift,
  negateShift,
  pairwiseTable,
  rowsTable,
  undetectableNote,
  versusBestTable,
} from "./views/comparison-tables.ts";
export type { Figure, TableRow, TableSpec, ViewContext, ViewOutput, ViewSpec } from "./views/view.ts";
