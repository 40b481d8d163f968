/**
 * @arena/dashboard's pure data transforms (no DOM, no Node): what the views compute from
 * `@arena/results` records. The Node side (writing a static dashboard, serving it) is
 * `@arena/dashboard/node`.
 */
export {
  type BoxFigureSpec,
  type BoxSeries,
  COMPARE_SIDES,
  type CompareSideName,
  compareBoxFigure,
} from "./compare/compare-box-figure.ts";
export { type ComparedData, compareLoaded } from "./compare/compare-data.ts";
export { type CompareLearner, compareFigures, compareLearners } from "./compare/compare-figures.ts";
export { buildComparePage, type ComparePageOutput, type CompareProblem } from "./compare/compare-page.ts";
export { type ComparePoint, costPoints, finalPoints, wallPoints } from "./compare/compare-points.ts";
export { type CompareSummary, compareSummary } from "./compare/compare-summary.ts";
export { compareTable, fmtChange, verdictWords } from "./compare/compare-table.ts";
export { type EdgeSide, edgeLevel } from "./compare/edge-level.ts";
export {
  EMBEDDED_DATA_FORMAT,
  type EmbeddedData,
  type EmbeddedInput,
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
export { loadNotes, type Note, resultsNotes } from "./data/load-notes.ts";
export {
  buildOverviewPage,
  OVERVIEW_COSTS,
  type OverviewOutput,
  overviewColors,
} from "./overview/overview-page.ts";
export {
  fixed2,
  MARK_SYMBOLS,
  type OverviewTable,
  type OverviewTableCase,
  type OverviewTableCell,
  type OverviewTableRow,
  overviewTable,
} from "./overview/overview-table.ts";
export { isPageId, PAGE_TITLES, PAGES, type PageId } from "./state/pages.ts";
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
export { type PooledEcdf, type PooledEcdfs, pooledEcdf } from "./transforms/pooled-ecdf.ts";
export { profileEnd, profileSteps } from "./transforms/profile-steps.ts";
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
export { labelLogAxes } from "./views/label-log-axes.ts";
export { logAxisTicks, mantissaLabel } from "./views/log-axis-ticks.ts";
export type { Figure, TableRow, TableSpec, ViewContext, ViewOutput, ViewSpec } from "./views/view.ts";
