import type { Comparison, Detectability, Shift } from "@arena/results";
import {
  hodgesLehmannShift,
  holm,
  mannWhitneyMinP,
  mannWhitneyU,
  minAttainableAdjustedP,
  varghaDelaneyA12,
} from "@arena/stats";

/** What a comparison family needs to know of the report's settings. */
export interface ComparisonSettings {
  alpha: number;
  shiftConfidence: number;
}

/** One row's values in comparisons: final test metrics, a diverged run as the worst value. */
export interface ComparedRow {
  key: string;
  values: number[];
}

type RawComparison = Omit<Comparison, "pHolm" | "significant" | "better">;

/**
 * Hodges–Lehmann shift a − b with its interval; null when a row holds a non-finite value (a diverged
 * run has no number to shift by), or the rows are too small for an interval.
 */
function shiftOf(a: number[], b: number[], level: number): Shift | null {
  if (!a.every(Number.isFinite) || !b.every(Number.isFinite)) return null;
  const hl = hodgesLehmannShift(a, b, { level });
  return {
    estimate: hl.shift,
    lo: hl.lo,
    hi: hl.hi,
    level: hl.level,
    achievedLevel: hl.achievedLevel,
    method: hl.method,
  };
}

/** Mann–Whitney U of a against b, A12 oriented so that > 0.5 means a is better, and the HL shift a − b. */
function comparePair(a: ComparedRow, b: ComparedRow, higher: boolean, s: ComparisonSettings): RawComparison {
  const mw = mannWhitneyU(a.values, b.values);
  const a12 = higher ? varghaDelaneyA12(a.values, b.values) : varghaDelaneyA12(b.values, a.values);
  return {
    a: a.key,
    b: b.key,
    u: mw.u,
    z: mw.z,
    p: mw.p,
    method: mw.method,
    a12,
    shift: shiftOf(a.values, b.values, s.shiftConfidence),
  };
}

/** Holm-corrects a family of comparisons among themselves and names the better row of each significant one. */
function correctFamily(pairs: RawComparison[], alpha: number): Comparison[] {
  const adjusted = pairs.length > 0 ? holm(pairs.map((p) => p.p)) : [];
  return pairs.map((p, i) => {
    const significant = adjusted[i] <= alpha;
    return { ...p, pHolm: adjusted[i], significant, better: significant ? (p.a12 > 0.5 ? p.a : p.b) : null };
  });
}

const compared = (rows: ComparedRow[]) => rows.filter((r) => r.values.length > 0);

/** Every pair of rows (in rank order), Holm-corrected over all pairs. */
export function pairwiseComparisons(
  rows: ComparedRow[],
  higher: boolean,
  s: ComparisonSettings,
): Comparison[] {
  const rs = compared(rows);
  const pairs: RawComparison[] = [];
  for (let i = 0; i < rs.length; i++) {
    for (let j = i + 1; j < rs.length; j++) pairs.push(comparePair(rs[i], rs[j], higher, s));
  }
  return correctFamily(pairs, s.alpha);
}

/**
 * The headline family: the best-ranked row (`rows[0]`) against each other row, k − 1 comparisons
 * Holm-corrected among themselves. Fewer comparisons than all pairs, so a consistent difference is
 * detectable with fewer seeds. The control is chosen by its median, which favours it slightly: the
 * report's methods section says so.
 */
export function versusBestComparisons(
  rows: ComparedRow[],
  higher: boolean,
  s: ComparisonSettings,
): { control: string; comparisons: Comparison[] } | null {
  const rs = compared(rows);
  if (rs.length < 2) return null;
  const [control, ...others] = rs;
  return {
    control: control.key,
    comparisons: correctFamily(
      others.map((o) => comparePair(control, o, higher, s)),
      s.alpha,
    ),
  };
}

/**
 * Whether a family can reach significance at all: the smallest p an exact Mann–Whitney test can give
 * (no ties, complete separation) for the best-placed pair of the family, times the Holm factor m that
 * the family's smallest p is multiplied by. When that exceeds α, no difference can be detected, however
 * large, and the report says so instead of "no significant difference".
 */
export function detectability(
  family: Detectability["family"],
  comparisons: Comparison[],
  runsOf: (key: string) => number,
  alpha: number,
): Detectability {
  let smallestP = 1;
  let minRuns = Number.POSITIVE_INFINITY;
  for (const c of comparisons) {
    const [a, b] = [runsOf(c.a), runsOf(c.b)];
    minRuns = Math.min(minRuns, a, b);
    if (a > 0 && b > 0) smallestP = Math.min(smallestP, mannWhitneyMinP(a, b));
  }
  if (comparisons.length === 0) {
    return { family, comparisons: 0, minRuns: 0, smallestP: 1, smallestAdjustedP: 1, canDetect: false };
  }
  const smallestAdjustedP = minAttainableAdjustedP(smallestP, comparisons.length, "holm");
  return {
    family,
    comparisons: comparisons.length,
    minRuns,
    smallestP,
    smallestAdjustedP,
    canDetect: smallestAdjustedP <= alpha,
  };
}
