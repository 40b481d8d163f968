import * as z from "zod";
import { finishSplits, splitAtRandom, splitOptions, targetScaleOption } from "./assemble-problem.ts";
import type { CsvTable } from "./csv.ts";
import type { Task } from "./dataset.ts";
import { type Deduplicated, dropDuplicateRows } from "./dedupe.ts";
import type { ModelSpec } from "./model-spec.ts";
import { withSharesRule } from "./options.ts";
import { defineProblem, type ProblemEntry } from "./problem-entry.ts";
import type { ScalerKind } from "./scaler.ts";
import { tableDataset } from "./table-dataset.ts";

/** An MLP suggestion. */
export function mlp(
  layers: number[],
  activation: "tanh" | "relu" | "sigmoid",
  output: "softmax" | "sigmoid" | "linear",
  loss: "cross-entropy" | "bce" | "mse",
): ModelSpec {
  return { kind: "mlp", layers, activation, output, loss };
}

/** A softmax classifier MLP suggestion: [d, ...hidden, k]. */
export function classifier(d: number, hidden: number[], k: number, act: "tanh" | "relu" = "tanh"): ModelSpec {
  return mlp([d, ...hidden, k], act, "softmax", "cross-entropy");
}

/** A linear-output regression MLP suggestion: [d, ...hidden, out], MSE. */
export function regressor(d: number, hidden: number[], out: number): ModelSpec {
  return mlp([d, ...hidden, out], "tanh", "linear", "mse");
}

/** A table's rows ready to split: exact duplicates dropped, with the names a loaded problem reports. */
export interface TableRows {
  readonly unique: Deduplicated;
  readonly featureNames: readonly string[];
  readonly labelName: string;
  readonly classes: readonly string[] | undefined;
}

/** The rows of a parsed table: copied out of it (see `tableDataset`), exact duplicates dropped. */
export function tableRows(t: CsvTable): TableRows {
  return {
    unique: dropDuplicateRows(tableDataset(t)),
    featureNames: t.featureNames,
    labelName: t.labelName,
    classes: t.classes,
  };
}

/** Where a table problem's rows come from. */
export type TableSource =
  /** The parsed table, called at each load (so shipped files are read lazily); its rows are copied and deduplicated then. */
  | { readonly table: () => CsvTable }
  /** Rows prepared once and shared by every load (a user's CSV, which may be large). */
  | { readonly rows: () => TableRows };

/** How a table becomes a registry entry. */
export type TableProblemDefinition = TableSource & {
  readonly name: string;
  readonly task: Task;
  readonly description: string;
  readonly source: string;
  /** Feature count and class count (1 for regression), known without loading. */
  readonly d: number;
  readonly k: number;
  readonly hidden: number[];
  readonly scale: ScalerKind | "none";
  /** Readable class names replacing the label texts of the file (same order). */
  readonly classNames?: readonly string[];
};

/**
 * A problem over a numeric table: exact duplicate rows (features and label bit-identical) are dropped,
 * keeping the first, so no copy can land in train and another in test (`info.duplicatesDropped` counts
 * them); then a seeded random split (stratified by class for classification), an optional stratified
 * subsample of the training split, and scalers fitted on the training split. Regression targets are scaled
 * too (option `scaleTargets`); `info.rmseScale` turns an RMSE back into target units.
 */
export function tableProblemEntry(def: TableProblemDefinition): ProblemEntry {
  const regression = def.task === "regression";
  const split = splitOptions({ validation: 0.2, test: 0.2, scale: def.scale });
  const options = regression
    ? withSharesRule(z.strictObject({ ...split, scaleTargets: targetScaleOption }))
    : withSharesRule(z.strictObject(split));
  return defineProblem({
    name: def.name,
    task: def.task,
    metric: regression ? "rmse" : "accuracy",
    description: def.description,
    source: def.source,
    options,
    shapes: () => ({ input: [def.d], output: [def.k] }),
    model: () => (regression ? regressor(def.d, def.hidden, def.k) : classifier(def.d, def.hidden, def.k)),
    build(rng, o) {
      const t = "rows" in def ? def.rows() : tableRows(def.table());
      const { unique } = t;
      const splits = splitAtRandom(def.name, unique.dataset, def.task, o, rng.fork("split"));
      const scaleTargets = ("scaleTargets" in o ? o.scaleTargets : "none") as ScalerKind | "none";
      // The splits are copies made just now (selectRows), so they are scaled where they are.
      const done = finishSplits(
        def.name,
        def.task,
        splits,
        rng.fork("subsample"),
        { ...o, scaleTargets },
        true,
      );
      return {
        ...done,
        classes: def.classNames ?? t.classes,
        info: {
          ...done.info,
          featureNames: t.featureNames,
          labelName: t.labelName,
          duplicatesDropped: unique.dropped,
        },
      };
    },
  });
}
