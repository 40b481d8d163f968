import type { Rng } from "@arena/rng";
import type { Dataset } from "./dataset.ts";
import { selectRows } from "./select-rows.ts";

/** The shares of the validation and test splits; training gets the rest. */
export interface SplitFractions {
  readonly validation: number;
  readonly test: number;
}

/** Row indices of three disjoint splits that together cover every sample. */
export interface SplitIndices {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

/** Three Datasets made from one by a split. */
export interface Splits {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly test: Dataset;
}

function checkFractions(where: string, f: SplitFractions): [number, number, number] {
  const { validation: v, test: t } = f;
  if (!(Number.isFinite(v) && v >= 0 && v < 1)) {
    throw new RangeError(`${where}: validation fraction must be in [0, 1), got ${v}`);
  }
  if (!(Number.isFinite(t) && t >= 0 && t < 1))
    throw new RangeError(`${where}: test fraction must be in [0, 1), got ${t}`);
  if (v + t >= 1)
    throw new RangeError(`${where}: validation + test = ${v + t} leaves nothing to train on; need < 1`);
  return [1 - v - t, v, t];
}

/**
 * Splits the `n` members of one class among the splits: each split gets floor(n·f) or floor(n·f)+1 (so it
 * is within one sample of its exact share), and the extra samples go to the splits furthest behind their
 * share over the classes seen so far, which keeps the split totals close to their shares too.
 */
function allocate(n: number, fr: readonly number[], deficit: number[]): number[] {
  const ideal = fr.map((f) => n * f);
  const alloc = ideal.map((v) => Math.floor(v));
  let rem = n - alloc.reduce((a, b) => a + b, 0);
  const order = [0, 1, 2]
    .filter((s) => fr[s] > 0)
    .sort((a, b) => ideal[b] - alloc[b] + deficit[b] - (ideal[a] - alloc[a] + deficit[a]) || a - b);
  for (let i = 0; rem > 0 && i < order.length; i++, rem--) alloc[order[i]]++;
  for (let s = 0; s < 3; s++) deficit[s] += ideal[s] - alloc[s];
  return alloc;
}

function labelGroups(where: string, labels: ArrayLike<number>): Int32Array[] {
  let k = 0;
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0)
      throw new RangeError(`${where}: label ${c} at row ${i} is not an integer >= 0`);
    if (c + 1 > k) k = c + 1;
  }
  const counts = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  const groups = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    groups[c][fill[c]++] = i;
  }
  return groups;
}

/**
 * A seeded stratified train/validation/test split: within every class, each split gets its share of the
 * class to within one sample; the samples are drawn at random, and each split's indices come in a random
 * order. The same labels, fractions and seed give the same split.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { stratifiedSplit } from "@arena/datasets";
 * const labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
 * const s = stratifiedSplit(labels, { validation: 0.2, test: 0.2 }, new Rng(1));
 * console.log(s.train.length, s.validation.length, s.test.length); // 6 2 2
 * ```
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  fractions: SplitFractions,
  rng: Rng,
): SplitIndices {
  const fr = checkFractions("stratifiedSplit", fractions);
  const groups = labelGroups("stratifiedSplit", labels);
  const parts: number[][] = [[], [], []];
  const deficit = [0, 0, 0];
  for (const g of groups) {
    rng.shuffle(g);
    const [a, b] = allocate(g.length, fr, deficit);
    for (let i = 0; i < g.length; i++) parts[i < a ? 0 : i < a + b ? 1 : 2].push(g[i]);
  }
  const [train, validation, test] = parts.map((p) => rng.shuffle(Int32Array.from(p)));
  return { train, validation, test };
}

/** A seeded random split of n samples (no classes; e.g. regression). Sizes are within one of their shares. */
export function randomSplit(n: number, fractions: SplitFractions, rng: Rng): SplitIndices {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`randomSplit: n must be an integer >= 0, got ${n}`);
  return stratifiedSplit(new Int32Array(n), fractions, rng);
}

/**
 * Where a chronological split cuts n samples: training is [0, validationStart), validation
 * [validationStart, testStart), test [testStart, n). Sizes are within one of their shares.
 */
export function chronologicalBounds(
  n: number,
  fractions: SplitFractions,
): { validationStart: number; testStart: number } {
  const fr = checkFractions("chronologicalBounds", fractions);
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`chronologicalBounds: n must be an integer >= 0, got ${n}`);
  const [, nv, nt] = allocate(n, fr, [0, 0, 0]);
  return { validationStart: n - nt - nv, testStart: n - nt };
}

/**
 * A chronological split of n samples in time order: the first ones train, the next validate, the last test.
 * `gap` samples are dropped before the validation and before the test block (use horizon − 1 for windows
 * whose targets span `horizon` steps, so no target is shared across splits).
 */
export function chronologicalSplit(n: number, fractions: SplitFractions, gap = 0): SplitIndices {
  const { validationStart, testStart } = chronologicalBounds(n, fractions);
  if (!Number.isInteger(gap) || gap < 0)
    throw new RangeError(`chronologicalSplit: gap must be an integer >= 0, got ${gap}`);
  const nv = testStart - validationStart;
  const valStart = testStart - (n > testStart ? gap : 0) - nv;
  const trainEnd = valStart - (nv > 0 ? gap : 0);
  if (trainEnd <= 0) {
    throw new RangeError(`chronologicalSplit: ${n} samples leave nothing to train on (gap ${gap})`);
  }
  const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
  return {
    train: range(0, trainEnd),
    validation: range(valStart, valStart + nv),
    test: range(testStart, n),
  };
}

/**
 * k of the rows, drawn at random within each class so class shares are kept (each class gets its exact
 * share k·n_c/n rounded by largest remainder, so exactly k in total). Returns positions into `labels`.
 */
export function stratifiedSubsample(labels: ArrayLike<number>, k: number, rng: Rng): Int32Array {
  const n = labels.length;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`stratifiedSubsample: size must be an integer in [1, ${n}], got ${k}`);
  }
  const groups = labelGroups("stratifiedSubsample", labels);
  const quota = groups.map((g) => (k * g.length) / n);
  const take = quota.map((q) => Math.floor(q));
  const rem = k - take.reduce((a, b) => a + b, 0);
  const order = quota.map((_, c) => c).sort((a, b) => quota[b] - take[b] - (quota[a] - take[a]) || a - b);
  for (let i = 0; i < rem; i++) take[order[i]]++;
  const out: number[] = [];
  groups.forEach((g, c) => {
    rng.shuffle(g);
    for (let i = 0; i < take[c]; i++) out.push(g[i]);
  });
  return rng.shuffle(Int32Array.from(out));
}

/** Applies split indices to a Dataset. */
export function splitDataset(ds: Dataset, idx: SplitIndices): Splits {
  return {
    train: selectRows(ds, idx.train),
    validation: selectRows(ds, idx.validation),
    test: selectRows(ds, idx.test),
  };
}
