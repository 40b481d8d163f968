import { parseOptions } from "@arena/options";
import { type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import type { Dataset } from "./dataset.ts";
import { withSharesRule } from "./options.ts";
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

/** The shares of a split; other keys of the object passed are ignored. */
export const splitFractions = withSharesRule(
  z.object({
    validation: z.number().min(0).lt(1).describe("share of the samples for validation"),
    test: z.number().min(0).lt(1).describe("share of the samples for testing"),
  }),
);

function fractionsOf(where: string, f: SplitFractions): [number, number, number] {
  const { validation: v, test: t } = parseOptions(where, splitFractions, f);
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
  rng: RngLike,
): SplitIndices {
  rng = toRng(rng, "stratifiedSplit");
  const fr = fractionsOf("stratifiedSplit", fractions);
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

/**
 * How many samples of each class each split of `stratifiedSplit` gets ([train, validation, test] per
 * class), computed from the class sizes alone: the counts do not depend on the seed.
 */
export function stratifiedCounts(
  classSizes: ArrayLike<number>,
  fractions: SplitFractions,
): [number, number, number][] {
  const fr = fractionsOf("stratifiedCounts", fractions);
  const deficit = [0, 0, 0];
  return Array.from(classSizes, (n) => allocate(n, fr, deficit) as [number, number, number]);
}

const SPLITS = ["train", "validation", "test"] as const;

/**
 * Whether a stratified split of classes of these sizes is too small to measure anything: a split with a
 * positive share would be empty (its metric would be NaN), or a class would get no training sample (no
 * model could learn it). Returns the split to blame and a sentence naming the counts, or undefined.
 * `classNames` names the classes in the sentence (default: their indices).
 */
export function splitShortfall(
  classSizes: ArrayLike<number>,
  fractions: SplitFractions,
  classNames?: readonly string[],
): { split: "train" | "validation" | "test"; reason: string } | undefined {
  const perClass = stratifiedCounts(classSizes, fractions);
  const totals = [0, 1, 2].map((s) => perClass.reduce((a, c) => a + c[s], 0));
  const n = totals[0] + totals[1] + totals[2];
  const shares = [1 - fractions.validation - fractions.test, fractions.validation, fractions.test];
  const pct = shares.map((f) => `${Math.round(f * 1000) / 10} %`);
  const counts = (c: readonly number[]) => SPLITS.map((s, i) => `${s} ${c[i]}`).join(", ");
  for (let s = 0; s < 3; s++) {
    if (shares[s] > 0 && totals[s] === 0) {
      const how = SPLITS.map((name, i) => `${name} ${pct[i]}`).join(", ");
      return {
        split: SPLITS[s],
        reason: `${n} samples split ${how} leave the ${SPLITS[s]} split empty (${counts(totals)})`,
      };
    }
  }
  const c = perClass.findIndex((k) => k[0] === 0 && k[1] + k[2] > 0);
  if (c >= 0) {
    const size = perClass[c][1] + perClass[c][2];
    const name = classNames?.[c] ?? String(c);
    return {
      split: "train",
      reason: `class ${JSON.stringify(name)} has ${size} sample${size === 1 ? "" : "s"} and none of them lands in the training split (${counts(perClass[c])})`,
    };
  }
  return undefined;
}

/** A seeded random split of n samples (no classes; e.g. regression). Sizes are within one of their shares. */
export function randomSplit(n: number, fractions: SplitFractions, rng: RngLike): SplitIndices {
  rng = toRng(rng, "randomSplit");
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
  const fr = fractionsOf("chronologicalBounds", fractions);
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
export function stratifiedSubsample(labels: ArrayLike<number>, k: number, rng: RngLike): Int32Array {
  rng = toRng(rng, "stratifiedSubsample");
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
