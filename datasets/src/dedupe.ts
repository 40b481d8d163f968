import { Buffer } from "node:buffer";
import { type Dataset, sampleSize } from "./dataset.ts";
import { SampleSet } from "./row-index.ts";
import { selectRows } from "./select-rows.ts";

/**
 * Exact-duplicate handling: a sample is its input and target together, compared as the exact bytes of
 * its float32 values (x‖y), so two rows are duplicates only when every value is bit-identical.
 */

/**
 * One string per sample holding the bytes of its x values followed by its y values (each byte one
 * character, so equal strings mean bit-identical samples). For hashing rows in a Map or Set; the
 * functions below use a `SampleSet` instead, which holds a hash per sample rather than its bytes again.
 */
export function sampleKeys(ds: Dataset): string[] {
  const xs = sampleSize(ds.xShape) * 4;
  const ys = sampleSize(ds.yShape) * 4;
  const xb = Buffer.from(ds.x.buffer, ds.x.byteOffset, ds.x.byteLength);
  const yb = Buffer.from(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength);
  const keys = new Array<string>(ds.n);
  for (let i = 0; i < ds.n; i++) {
    keys[i] = xb.toString("latin1", i * xs, (i + 1) * xs) + yb.toString("latin1", i * ys, (i + 1) * ys);
  }
  return keys;
}

/** A dataset after dropping rows, and how many were dropped. */
export interface Deduplicated {
  /** The kept rows in their original order; the input object itself when nothing was dropped. */
  readonly dataset: Dataset;
  readonly dropped: number;
}

function keep(ds: Dataset, kept: number[]): Deduplicated {
  const dropped = ds.n - kept.length;
  return { dataset: dropped === 0 ? ds : selectRows(ds, kept), dropped };
}

/**
 * Drops exact duplicate samples (input and target bit-identical), keeping the first occurrence of each, so
 * a later split cannot put one copy in train and another in test.
 *
 * @example
 * ```ts
 * import { createDataset, dropDuplicateRows } from "@arena/datasets";
 * const ds = createDataset(new Float32Array([1, 2, 1]), [1], new Float32Array([0, 1, 0]), [1]);
 * const { dataset, dropped } = dropDuplicateRows(ds);
 * console.log(dataset.n, dropped); // 2 1
 * ```
 */
export function dropDuplicateRows(ds: Dataset): Deduplicated {
  return keep(
    ds,
    new SampleSet().filter(ds, (found) => !found, true),
  );
}

/** Drops the samples of `ds` that also occur (bit-identical input and target) in any of `others`. */
export function dropRowsFoundIn(ds: Dataset, ...others: readonly Dataset[]): Deduplicated {
  const found = new SampleSet();
  for (const o of others) found.addAll(o);
  return keep(
    ds,
    found.filter(ds, (f) => !f, false),
  );
}
