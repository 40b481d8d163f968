import { parseOptions } from "@arena/options";
import type * as z from "zod";
import { badArgument, checkInteger, checkSample, fail } from "./checks.ts";
import { normalCdf, normalSf } from "./normal.ts";
import { mannWhitneyOptions } from "./options.ts";
import { midranks } from "./ranks.ts";

/** Which difference the test looks for: `greater` means x tends to be larger than y. */
export type Alternative = "two-sided" | "less" | "greater";

/**
 * Options of {@link mannWhitneyU}: `alternative` (default "two-sided"), `method` ("auto", "exact" or
 * "normal"; default "auto"), `continuity` (default true); see `mannWhitneyOptions` for the docs.
 */
export type MannWhitneyOptions = z.input<typeof mannWhitneyOptions>;

/** Result of {@link mannWhitneyU}. */
export interface MannWhitneyResult {
  /**
   * U of x: the number of pairs (xᵢ, yⱼ) with xᵢ > yⱼ, ties counting ½; equals R₁ − n₁(n₁+1)/2 with R₁
   * the rank sum of x. This is R's `W` and scipy's `statistic`.
   */
  u: number;
  /** U of y = n₁n₂ − u. */
  u2: number;
  n1: number;
  n2: number;
  /** The standardised statistic (continuity-corrected if asked) when the normal approximation was used, else null. */
  z: number | null;
  p: number;
  method: "exact" | "normal";
  alternative: Alternative;
  /** Whether the pooled sample had tied values. */
  ties: boolean;
  /** Vargha–Delaney A₁₂ = u / (n₁n₂): the probability that a random x exceeds a random y (ties ½). */
  a12: number;
  /** Rank-biserial correlation 2·A₁₂ − 1 in [−1, 1] (Kerby 2014). */
  rankBiserial: number;
}

/**
 * Which null distribution a rank test of samples of sizes n₁, n₂ uses: `"auto"` takes the exact one when
 * there are no ties and both samples have fewer than 50 values (R's `wilcox.test` rule), else the normal
 * approximation; `"exact"` insists and throws on ties. Shared by the Mann–Whitney test and the
 * Hodges–Lehmann interval, so that the two always agree.
 */
export function rankTestMethod(
  owner: string,
  requested: "auto" | "exact" | "normal",
  n1: number,
  n2: number,
  tieGroups: number,
): "exact" | "normal" {
  if (requested === "exact" && tieGroups > 0) {
    badArgument(
      owner,
      "method",
      `expected "normal" or "auto": "exact" needs samples without ties, and ${tieGroups} group(s) of tied values were found`,
      requested,
    );
  }
  if (requested !== "auto") return requested;
  return tieGroups === 0 && n1 < 50 && n2 < 50 ? "exact" : "normal";
}

/** Largest n₁·n₂ for which the exact distribution may be requested (its table has (min n + 1)(n₁n₂ + 1) cells). */
export const EXACT_MAX_CELLS = 10_000;

const distributionCache = new Map<string, Float64Array>();
const CACHE_LIMIT = 32;

/**
 * The exact null distribution of the Mann–Whitney U for samples of sizes n₁ and n₂ without ties:
 * `P[k] = P(U = k)`, k = 0 … n₁n₂. Under H₀ every one of the C(n₁+n₂, n₁) orderings of the pooled
 * sample is equally likely, and the number of orderings with U = k, c(m, n, k), satisfies
 * c(m, n, k) = c(m − 1, n, k − n) + c(m, n − 1, k) (Mann & Whitney 1947, eq. 3): the largest value is
 * either an x (it beats all n y's) or a y (it beats none). All terms are positive, so summing in
 * doubles keeps full relative precision even past 2⁵³.
 *
 * The returned array is cached and shared: do not modify it.
 */
export function mannWhitneyExactDistribution(n1: number, n2: number): Float64Array {
  checkInteger("mannWhitneyExactDistribution", "n1", n1, 1);
  checkInteger("mannWhitneyExactDistribution", "n2", n2, 1);
  if (n1 * n2 > EXACT_MAX_CELLS) {
    fail(
      "mannWhitneyExactDistribution",
      "n2",
      `expected n1·n2 <= ${EXACT_MAX_CELLS}, beyond which the normal approximation is used (got n1·n2 = ${n1 * n2})`,
    );
  }
  // U's distribution is the same for (n1, n2) and (n2, n1): index the table by the smaller size.
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  const key = `${m},${n}`;
  const cached = distributionCache.get(key);
  if (cached) return cached;

  const width = m * n + 1;
  // Row r holds c(i, r, ·) for the current i (number of x's placed), r = 0 … m y's.
  const table = new Float64Array((m + 1) * width);
  for (let r = 0; r <= m; r++) table[r * width] = 1; // i = 0: one ordering, U = 0
  for (let i = 1; i <= n; i++) {
    // Row 0 (no y's) keeps c(i, 0, 0) = 1. For r ≥ 1, update in place with k descending so that
    // c(i − 1, r, k − r) is still the old value when read.
    for (let r = 1; r <= m; r++) {
      const row = r * width;
      const below = row - width;
      const maxK = i * r;
      for (let k = maxK; k >= 0; k--) {
        table[row + k] = (k >= r ? table[row + k - r] : 0) + table[below + k];
      }
    }
  }
  const last = m * width;
  let total = 0;
  for (let k = 0; k < width; k++) total += table[last + k];
  const dist = new Float64Array(width);
  for (let k = 0; k < width; k++) dist[k] = table[last + k] / total;
  if (distributionCache.size >= CACHE_LIMIT) distributionCache.clear();
  distributionCache.set(key, dist);
  return dist;
}

/**
 * Mann–Whitney U test (Wilcoxon rank-sum test) of two independent samples: do x and y come from the
 * same distribution, against the alternative that one tends to give larger values?
 *
 * - **Exact** (no ties, small samples): p from the exact null distribution
 *   ({@link mannWhitneyExactDistribution}); two-sided p = min(1, 2·min(P(U ≤ u), P(U ≥ u))), as R.
 * - **Normal approximation** otherwise: mean n₁n₂/2, variance
 *   n₁n₂/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1))) with the tie correction over groups of t tied values
 *   (Hollander & Wolfe 1999, *Nonparametric Statistical Methods*, §4.1), and a ±0.5 continuity
 *   correction towards the mean. If every value is tied the variance is 0: there is no evidence,
 *   z = 0 and p = 1.
 *
 * Infinite values are allowed (e.g. "never reached the target" as +Infinity); NaN is rejected.
 *
 * @example
 * ```ts
 * import { mannWhitneyU } from "@arena/stats";
 * const r = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
 * // r.u = 0, r.method = "exact", r.p = 2/252 = 0.00794 (R: wilcox.test(1:5, 6:10)$p.value)
 * ```
 */
export function mannWhitneyU(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options?: MannWhitneyOptions,
): MannWhitneyResult {
  const {
    alternative,
    method: requested,
    continuity,
  } = parseOptions("mannWhitneyU", mannWhitneyOptions, options ?? {});
  checkSample("mannWhitneyU", "x", x);
  checkSample("mannWhitneyU", "y", y);

  const n1 = x.length;
  const n2 = y.length;
  const pooled = new Float64Array(n1 + n2);
  for (let i = 0; i < n1; i++) pooled[i] = x[i];
  for (let j = 0; j < n2; j++) pooled[n1 + j] = y[j];
  const { ranks, tieSum, tieGroups } = midranks(pooled);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const nn = n1 * n2;
  const ties = tieGroups > 0;

  const method = rankTestMethod("mannWhitneyU", requested, n1, n2, tieGroups);

  let p: number;
  let z: number | null = null;
  if (method === "exact") {
    const dist = mannWhitneyExactDistribution(n1, n2);
    let lower = 0; // P(U ≤ u)
    for (let k = 0; k <= u; k++) lower += dist[k];
    let upper = 0; // P(U ≥ u)
    for (let k = nn; k >= u; k--) upper += dist[k];
    if (alternative === "greater") p = upper;
    else if (alternative === "less") p = lower;
    else p = 2 * Math.min(lower, upper);
  } else {
    const n = n1 + n2;
    const sigma = Math.sqrt((nn / 12) * (n + 1 - tieSum / (n * (n - 1))));
    const d = u - nn / 2;
    if (sigma === 0) {
      z = 0;
      p = 1;
    } else {
      const c = continuity ? 0.5 : 0;
      if (alternative === "greater") {
        z = (d - c) / sigma;
        p = normalSf(z);
      } else if (alternative === "less") {
        z = (d + c) / sigma;
        p = normalCdf(z);
      } else {
        z = (d - c * Math.sign(d)) / sigma;
        p = 2 * normalSf(Math.abs(z));
      }
    }
  }
  p = Math.min(1, p);
  const a12 = u / nn;
  return { u, u2: nn - u, n1, n2, z, p, method, alternative, ties, a12, rankBiserial: 2 * a12 - 1 };
}
