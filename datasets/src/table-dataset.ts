import type { CsvTable } from "./csv.ts";
import type { Dataset } from "./dataset.ts";
import { oneHot } from "./one-hot.ts";

/**
 * A CSV table as a Dataset (copied): features as x (xShape [d]); one-hot classes (yShape [k]) for
 * classification, the target value (yShape [1]) for regression.
 *
 * @example
 * ```ts
 * import { parseCsv, tableDataset } from "@arena/datasets";
 * const t = parseCsv("a,b,y\n1,2,0\n3,4,1\n", { task: "classification" });
 * console.log(tableDataset(t).y); // Float32Array [1, 0, 0, 1]
 * ```
 */
export function tableDataset(t: CsvTable): Dataset {
  const ds = tableDatasetView(t);
  return t.task === "classification"
    ? { ...ds, x: ds.x.slice() }
    : { ...ds, x: ds.x.slice(), y: ds.y.slice() };
}

/**
 * `tableDataset` without the copy: x (and a regression y) are the table's own arrays. For a table that is
 * read only to become this dataset (`fromCsv`), so its features are not held twice.
 */
export function tableDatasetView(t: CsvTable): Dataset {
  if (t.task === "classification") {
    const k = (t.classes as readonly string[]).length;
    return { n: t.n, x: t.features, xShape: [t.d], y: oneHot(t.labels as Int32Array, k), yShape: [k] };
  }
  return { n: t.n, x: t.features, xShape: [t.d], y: t.targets, yShape: [1] };
}
