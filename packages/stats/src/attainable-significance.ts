import { checkOptionKeys, checkProbability } from "./checks.ts";
import type { Alternative } from "./mann-whitney.ts";
import { mannWhitneyMinP } from "./mann-whitney-min-p.ts";

/** A multiple-comparison adjustment, named as in R's `p.adjust`. */
export type PAdjustMethod = "holm" | "bonferroni" | "none";

function checkComparisons(fn: string, m: number): void {
  if (typeof m !== "number" || !Number.isInteger(m) || m < 1) {
    throw new RangeError(`${fn}: comparisons must be an integer >= 1, got ${String(m)}`);
  }
}

function checkCorrection(fn: string, correction: PAdjustMethod): void {
  if (correction !== "holm" && correction !== "bonferroni" && correction !== "none") {
    throw new RangeError(
      `${fn}: correction must be "holm", "bonferroni" or "none", got ${String(correction)}`,
    );
  }
}

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
  checkComparisons("minAttainableAdjustedP", comparisons);
  checkCorrection("minAttainableAdjustedP", correction);
  return correction === "none" ? pMin : Math.min(1, comparisons * pMin);
}

/** Options of {@link canReachSignificance}. */
export interface SignificanceDesign {
  /** Number of comparisons in the family that is corrected together (e.g. k(k − 1)/2 pairs of k learners). */
  comparisons: number;
  /** Multiple-comparison correction applied over the family. */
  correction: PAdjustMethod;
  /** Significance level; an adjusted p ≤ alpha counts as significant. Default 0.05. */
  alpha?: number;
  /** Alternative of the Mann–Whitney tests. Default `"two-sided"`. */
  alternative?: Alternative;
}

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
  checkOptionKeys("canReachSignificance", design, ["comparisons", "correction", "alpha", "alternative"]);
  if (design === undefined) {
    throw new TypeError("canReachSignificance: design must be given: { comparisons, correction, alpha? }");
  }
  const alpha = design.alpha ?? 0.05;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) {
    throw new RangeError(`canReachSignificance: alpha must be in (0, 1), got ${String(alpha)}`);
  }
  const pMin = mannWhitneyMinP(n1, n2, { alternative: design.alternative ?? "two-sided" });
  return minAttainableAdjustedP(pMin, design.comparisons, design.correction) <= alpha;
}
