import { parseOptions } from "@arena/options";
import type * as z from "zod";
import { badArgument, checkInteger, checkProbability } from "./checks.ts";
import { mannWhitneyMinP } from "./mann-whitney-min-p.ts";
import { pAdjustMethod, significanceDesign } from "./options.ts";

/** A multiple-comparison adjustment, named as in R's `p.adjust`. */
export type PAdjustMethod = z.output<typeof pAdjustMethod>;

/**
 * The smallest adjusted p-value any of m comparisons can reach when no raw p-value can be below
 * `pMin`: min(1, m·pMin) for Holm and Bonferroni (Holm multiplies the smallest raw p by m, and every
 * other adjusted p is at least that), `pMin` itself with no correction. Together with
 * {@link mannWhitneyMinP} it tells whether a design can show any difference at all.
 *
 * @example
 * ```ts
 * import { mannWhitneyMinP, minAttainableAdjustedP } from "@arena/stats";
 * minAttainableAdjustedP(mannWhitneyMinP(5, 5), 10, "holm"); // 10 · 2/252 = 0.079 > 0.05
 * ```
 */
export function minAttainableAdjustedP(pMin: number, comparisons: number, correction: PAdjustMethod): number {
  checkProbability("minAttainableAdjustedP", "pMin", pMin);
  checkInteger("minAttainableAdjustedP", "comparisons", comparisons, 1);
  if (!pAdjustMethod.safeParse(correction).success) {
    badArgument(
      "minAttainableAdjustedP",
      "correction",
      'expected "holm", "bonferroni" or "none"',
      correction,
    );
  }
  return correction === "none" ? pMin : Math.min(1, comparisons * pMin);
}

/**
 * Options of {@link canReachSignificance}: `comparisons` and `correction` (required), `alpha` (default
 * 0.05), `alternative` (default "two-sided"); see `significanceDesign` for the docs.
 */
export type SignificanceDesign = z.input<typeof significanceDesign>;

/**
 * Whether a Mann–Whitney comparison of n₁ against n₂ runs, corrected over a family of comparisons,
 * can come out significant at all: true iff the smallest attainable adjusted p
 * (`minAttainableAdjustedP(mannWhitneyMinP(n1, n2), comparisons, correction)`) is ≤ alpha. When false,
 * "no significant difference" is a property of the design, not evidence about the learners: add seeds
 * or compare fewer pairs.
 *
 * @example
 * ```ts
 * import { canReachSignificance } from "@arena/stats";
 * canReachSignificance(5, 5, { comparisons: 10, correction: "holm" }); // false: 10 · 2/252 = 0.079 > 0.05
 * canReachSignificance(10, 10, { comparisons: 4, correction: "holm" }); // true: 4 · 2/184756 = 4.3e-5
 * ```
 */
export function canReachSignificance(n1: number, n2: number, design: SignificanceDesign): boolean {
  const d = parseOptions("canReachSignificance", significanceDesign, design ?? {});
  const pMin = mannWhitneyMinP(n1, n2, { alternative: d.alternative });
  return minAttainableAdjustedP(pMin, d.comparisons, d.correction) <= d.alpha;
}
