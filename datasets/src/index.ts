/**
 * @arena/datasets: the data Arena trains on. Real data files (checksummed), classic synthetic problems,
 * CSV loading for your own data, seeded splits, scalers fitted on the training split, sequence windows,
 * and a registry that turns every problem into the same `Problem` shape.
 */
export { addingOptions, addingProblem } from "./adding.ts";
export {
  finishSplits,
  splitAtRandom,
  splitOptions,
  splitShortfallIssue,
  targetScaleOption,
} from "./assemble-problem.ts";
export { type Blobs, blobs, blobsOptions } from "./blobs.ts";
export { type CharWindowOptions, charVocabulary, charWindowOptions, charWindows } from "./char-windows.ts";
export { circles, circlesOptions } from "./circles.ts";
export { copyTask, copyTaskOptions } from "./copy-task.ts";
export {
  CONTINUOUS_LABEL_VALUES,
  type CsvFileOptions,
  type CsvOptions,
  type CsvSeries,
  type CsvTable,
  csvFileOptions,
  csvOptions,
  decodeCsvBytes,
  loadCsv,
  loadSeriesCsv,
  MAX_CLASSES,
  parseCsv,
  parseCsvBytes,
  parseSeriesCsv,
  readCsvFile,
  type SeriesCsvFileOptions,
  type SeriesCsvOptions,
  seriesCsvFileOptions,
  seriesCsvOptions,
} from "./csv.ts";
export { CsvError } from "./csv-error.ts";
export { type CsvGrid, csvDelimiter, readCsvGrid } from "./csv-grid.ts";
export {
  type CsvRows,
  type CsvRowsOptions,
  csvRowsEntry,
  csvRowsOptions,
  readCsvRows,
} from "./csv-table-rows.ts";
export {
  DATA_FILES,
  DataFileError,
  type DataFileName,
  dataDirectory,
  dataFilePath,
  readDataFile,
  readVerifiedFile,
  sha256Hex,
} from "./data-files.ts";
export { createDataset, type Dataset, type Metric, type Problem, sampleSize, type Task } from "./dataset.ts";
export { type Deduplicated, dropDuplicateRows, dropRowsFoundIn, sampleKeys } from "./dedupe.ts";
export {
  type FromCsvOptions,
  type FromSeriesCsvOptions,
  fromCsv,
  fromCsvOptions,
  fromSeriesCsv,
  fromSeriesCsvOptions,
} from "./from-csv.ts";
export { MACKEY_GLASS, mackeyGlassOptions, mackeyGlassSeries } from "./mackey-glass.ts";
export type { MlpSpec, ModelSpec, RecurrentSpec } from "./model-spec.ts";
export { moons, moonsOptions } from "./moons.ts";
export { argmaxRows, classCounts, classLabels, oneHot } from "./one-hot.ts";
export {
  type OptionsInput,
  type OptionsSchema,
  pickOptions,
  type ResolvedOptions,
  scalerOption,
  share,
  sharesLeaveTraining,
  withRule,
  withSharesRule,
} from "./options.ts";
export { parity, parityOptions } from "./parity.ts";
export { defineProblem, type ProblemDefinition, type ProblemEntry } from "./problem-entry.ts";
export {
  fileKind,
  MAX_FILE_BYTES,
  MAX_FILE_BYTES_LIMIT,
  type OpenedFile,
  openRegularFile,
  readAt,
  readRegularFile,
} from "./read-file.ts";
export { getProblem, problems } from "./registry.ts";
export {
  fitScaler,
  MinMaxScaler,
  restoreScaler,
  type ScaledSplits,
  type Scaler,
  type ScalerKind,
  type ScalerState,
  StandardScaler,
  scaleFeatures,
  scaleTargets,
} from "./scaler.ts";
export { selectRows } from "./select-rows.ts";
export {
  minSeriesLength,
  periodOption,
  type SeriesProblemOptions,
  seriesLengthFits,
  seriesOptions,
  seriesProblem,
} from "./series-problem.ts";
export {
  airlineSeries,
  diabetesTable,
  facesTable,
  irisTable,
  optdigitsTestTable,
  optdigitsTrainTable,
  shakespeareText,
  shakespeareVocabulary,
  wineTable,
} from "./shipped-data.ts";
export { SINE_NOISE, sineOptions, sineSeries } from "./sine.ts";
export { langWitbrockSpirals, spirals, spiralsOptions } from "./spirals.ts";
export {
  chronologicalBounds,
  chronologicalSplit,
  randomSplit,
  type SplitFractions,
  type SplitIndices,
  type Splits,
  splitDataset,
  splitFractions,
  splitShortfall,
  stratifiedCounts,
  stratifiedSplit,
  stratifiedSubsample,
} from "./split.ts";
export { tableDataset } from "./table-dataset.ts";
export {
  classifier,
  mlp,
  regressor,
  type TableProblemDefinition,
  type TableRows,
  type TableSource,
  tableProblemEntry,
  tableRows,
} from "./table-problem.ts";
export { slidingWindows, type WindowOptions, windowCount, windowOptions } from "./windows.ts";
export { xor, xorOptions } from "./xor.ts";
