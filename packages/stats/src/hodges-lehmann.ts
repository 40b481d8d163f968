import { parseOptions } from "@arena/options";
import type * as z from "zod";
import { checkFiniteSample } from "./checks.ts";
import { mannWhitneyExactDistribution, rankTestMethod } from "./mann-whitney.ts";
import { normalQuantile, normalSf } from "./normal.ts";
import { hodgesLehmannOptions } from "./options.ts";
import { quantileSorted } from "./quantile.ts";
import { midranks } from "./ranks.ts";

/**
 * Options of {@link hodgesLehmannShift}: `level` (default 0.95) and `method` ("auto", "exact" or
 * "normal"; default "auto", the rule of `mannWhitneyU`); see `hodgesLehmannOptions` for the docs.
 */
export type HodgesLehmannOptions = z.input<typeof hodgesLehmannOptions>;

/** Result of {@link hodgesLehmannShift}. */
export interface HodgesLehmannResult {
  /** The Hodges–Lehmann estimate of the shift x − y: the median of the n₁n₂ differences xᵢ − yⱼ. */
  shift: number;
  /** Lower confidence limit: one of the differences xᵢ − yⱼ. */
  lo: number;
  /** Upper confidence limit: one of the differences xᵢ − yⱼ. */
  hi: number;
  /** The requested confidence level. */
  level: number;
  /**
   * The coverage the interval actually has. Exact method: 1 − 2·P(U ≤ k − 1), at least `level`
   * whenever the sizes allow it. Normal method: `level`, unless a limit had to be clipped to the range
   * of the differences, in which case the approximation's coverage of the clipped interval. Below
   * `level` means the samples are too small for the level asked: the interval is then
   * [min(xᵢ − yⱼ), max(xᵢ − yⱼ)] (on the clipped side), and no data could make it narrower.
   */
  achievedLevel: number;
  method: "exact" | "normal";
  n1: number;
  n2: number;
}

/**
 * The Hodges–Lehmann estimate of the location shift between two samples and its distribution-free
 * confidence interval (Hodges & Lehmann 1963; Bauer 1972, *JASA* 67:687–690; Hollander & Wolfe 1999,
 * *Nonparametric Statistical Methods*, §4.2–4.3). It is what R's `wilcox.test(x, y, conf.int = TRUE)`
 * reports, and it says how large the difference between two learners is, in the units of the
 * metric, where the Mann–Whitney p-value only says whether there is one.
 *
 * The estimate is the median of all n₁n₂ differences Dᵢⱼ = xᵢ − yⱼ. The interval is the set of shifts
 * Δ that the two-sided Mann–Whitney test of x − Δ against y does not reject at 1 − level, within the
 * range of the differences:
 *
 * - **Exact** (no ties, both n < 50, as `mannWhitneyU`): [D₍ₖ₎, D₍ₙ₁ₙ₂₊₁₋ₖ₎] of the sorted differences,
 *   with k = `qwilcox((1 − level)/2, n1, n2)` — R's convention (`wilcox.test.default`, exact
 *   two-sample branch): k is the smallest q with P(U ≤ q) ≥ (1 − level)/2 (R's C code subtracts
 *   10·DBL_EPSILON from the probability first, and so does this), i.e. the largest k with
 *   P(U ≤ k − 1) **strictly** below (1 − level)/2. Its coverage is 1 − 2·P(U ≤ k − 1) ≥ level. Where
 *   P(U ≤ q) equals (1 − level)/2 exactly, k = q rather than q + 1: R keeps the wider interval, where
 *   "P(U ≤ k − 1) ≤ (1 − level)/2" would give one of coverage exactly level. If even
 *   P(U = 0) = 1/C(n₁+n₂, n₁) is not below (1 − level)/2 (k would be 0; R sets it to 1), the interval
 *   is [min D, max D] and `achievedLevel` = 1 − 2/C(n₁+n₂, n₁) < level says so (R warns, and
 *   lowers its reported level, only when 1 − achieved exceeds 1.5·(1 − level)).
 * - **Normal approximation** otherwise: U(Δ) = #{Dᵢⱼ > Δ} is compared with n₁n₂/2 using the
 *   continuity correction and the variance n₁n₂/12 · ((N + 1) − Σ(t³ − t)/(N(N − 1))), where the tie
 *   groups t are those within x and within y: for a Δ between two differences those are the only
 *   ties left (ties between x and y at Δ = 0 play no part in the interval). A limit is the difference
 *   at which the test stops rejecting; where even the most extreme U is not significant the limit is
 *   clipped to min D or max D, as R does. R finds these limits with `uniroot` (to `tol.root` = 1e-4 in
 *   the data's units); here they are the exact differences, so R's agree to within that tolerance.
 *   R's asymptotic point estimate is likewise a root of the uncorrected statistic, which may fall
 *   anywhere in the middle gap; here the estimate is always the median of the differences.
 *
 * Cost: O(n₁n₂ log(n₁n₂)) time and n₁n₂ doubles for the sorted differences.
 *
 * @example
 * ```ts
 * import { hodgesLehmannShift } from "@arena/stats";
 * // Hollander & Wolfe (1999) Example 4.1: permeability at term (x) vs 12–26 weeks (y)
 * const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
 * const y = [1.15, 0.88, 0.9, 0.74, 1.21];
 * hodgesLehmannShift(x, y); // { shift: 0.305, lo: -0.15, hi: 0.76, achievedLevel: 0.960… (1 − 120/3003), method: "exact", … }
 * ```
 */
export function hodgesLehmannShift(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options?: HodgesLehmannOptions,
): HodgesLehmannResult {
  const { level, method: requested } = parseOptions(
    "hodgesLehmannShift",
    hodgesLehmannOptions,
    options ?? {},
  );
  checkFiniteSample("hodgesLehmannShift", "x", x);
  checkFiniteSample("hodgesLehmannShift", "y", y);

  const n1 = x.length;
  const n2 = y.length;
  const nn = n1 * n2;
  const diffs = new Float64Array(nn);
  for (let i = 0; i < n1; i++) for (let j = 0; j < n2; j++) diffs[i * n2 + j] = x[i] - y[j];
  diffs.sort();
  const shift = quantileSorted(diffs, 0.5);

  const pooled = new Float64Array(n1 + n2);
  for (let i = 0; i < n1; i++) pooled[i] = x[i];
  for (let j = 0; j < n2; j++) pooled[n1 + j] = y[j];
  const tieGroups = midranks(pooled).tieGroups;
  const method = rankTestMethod("hodgesLehmannShift", requested, n1, n2, tieGroups);

  const limits =
    method === "exact" ? exactLimits(diffs, n1, n2, 1 - level) : normalLimits(diffs, x, y, 1 - level);
  const achievedLevel = limits.achievedLevel ?? level;
  return { shift, lo: limits.lo, hi: limits.hi, level, achievedLevel, method, n1, n2 };
}

/** Confidence limits and achieved level from the exact null distribution of U (R's qwilcox rule). */
function exactLimits(
  diffs: Float64Array,
  n1: number,
  n2: number,
  alpha: number,
): { lo: number; hi: number; achievedLevel: number } {
  const nn = n1 * n2;
  const dist = mannWhitneyExactDistribution(n1, n2);
  // R's qwilcox(alpha/2): the smallest q with P(U ≤ q) ≥ alpha/2 − 10·DBL_EPSILON.
  const target = alpha / 2 - 10 * Number.EPSILON;
  let q = 0;
  let cdf = dist[0];
  while (cdf < target && q < nn) {
    q++;
    cdf += dist[q];
  }
  const k = Math.max(q, 1);
  let below = 0; // P(U ≤ k − 1)
  for (let u = 0; u < k; u++) below += dist[u];
  return { lo: diffs[k - 1], hi: diffs[nn - k], achievedLevel: 1 - 2 * below };
}

/**
 * Confidence limits by the normal approximation. Between consecutive distinct differences U(Δ) is an
 * integer and only the ties within x and within y remain, so the variance is one constant. The achieved
 * level is given only when a limit was clipped (otherwise it is the level asked for).
 */
function normalLimits(
  diffs: Float64Array,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  alpha: number,
): { lo: number; hi: number; achievedLevel?: number } {
  const n1 = x.length;
  const n2 = y.length;
  const nn = n1 * n2;
  const n = n1 + n2;
  const tieSum = midranks(x).tieSum + midranks(y).tieSum;
  const sigma = Math.sqrt((nn / 12) * (n + 1 - tieSum / (n * (n - 1))));
  const z = normalQuantile(1 - alpha / 2);
  // With the continuity correction, U rejects "x − Δ is larger" when U − nn/2 − ½ > z·σ and
  // "x − Δ is smaller" when nn/2 − U − ½ > z·σ.
  const bound = z * sigma + 0.5;
  // Lower limit: walk up the distinct differences while the U to their left is still rejected.
  let lo = diffs[0];
  let clippedLo = true;
  let above = nn; // U on the interval to the left of diffs[i]
  for (let i = 0; i < nn; ) {
    if (!(above - nn / 2 > bound)) break;
    clippedLo = false;
    lo = diffs[i];
    let j = i;
    while (j < nn && diffs[j] === diffs[i]) j++;
    above -= j - i;
    i = j;
  }
  // Upper limit: walk down while the U to the right of diffs[i] is still rejected.
  let hi = diffs[nn - 1];
  let clippedHi = true;
  let belowU = 0; // U on the interval to the right of diffs[i]
  for (let i = nn - 1; i >= 0; ) {
    if (!(nn / 2 - belowU > bound)) break;
    clippedHi = false;
    hi = diffs[i];
    let j = i;
    while (j >= 0 && diffs[j] === diffs[i]) j--;
    belowU += i - j;
    i = j;
  }
  if (!clippedLo && !clippedHi) return { lo, hi };
  // Each tail keeps its α/2 unless clipped; then its error is the approximate P(U = nn), resp. P(U = 0).
  const extremeTail = normalSf((nn / 2 - 0.5) / sigma);
  const tailLo = clippedLo ? Math.max(alpha / 2, extremeTail) : alpha / 2;
  const tailHi = clippedHi ? Math.max(alpha / 2, extremeTail) : alpha / 2;
  return { lo, hi, achievedLevel: 1 - tailLo - tailHi };
}
