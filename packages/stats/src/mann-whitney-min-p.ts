import { parseOptions } from "@arena/options";
import type * as z from "zod";
import { checkInteger } from "./checks.ts";
import { mannWhitneyExactDistribution } from "./mann-whitney.ts";
import { normalCdf, normalSf } from "./normal.ts";
import { mannWhitneyMinPOptions } from "./options.ts";

/** Options of {@link mannWhitneyMinP}: `alternative` (default "two-sided"). */
export type MannWhitneyMinPOptions = z.input<typeof mannWhitneyMinPOptions>;

/**
 * The smallest p-value `mannWhitneyU` (default options) can report for samples of sizes n₁ and n₂,
 * reached when the samples are completely separated. A rank test only sees orderings, so with few
 * seeds no data, however clear, can be significant: 5 vs 5 can never go below 2/252 ≈ 0.0079 two-sided,
 * and after a correction for many comparisons that floor may already be above α. Check it before
 * spending compute on a suite, not after.
 *
 * - Where `mannWhitneyU` uses the exact distribution (both n < 50, no ties): one-sided
 *   P(U = 0) = 1/C(n₁+n₂, n₁), two-sided 2/C(n₁+n₂, n₁), capped at 1 — taken from the same table
 *   ({@link mannWhitneyExactDistribution}), so the value is identical to the test's.
 * - Otherwise the normal approximation at the extreme U with the ½ continuity correction:
 *   z = (n₁n₂/2 − ½)/σ, σ² = n₁n₂(n₁+n₂+1)/12, p = P(Z > z) one-sided, twice that two-sided.
 *
 * It is the floor of every exact (permutation) p-value, tied data included: each of the C(n₁+n₂, n₁)
 * assignments of the values to x has probability 1/C(n₁+n₂, n₁). But with ties `mannWhitneyU` uses
 * the normal approximation, which at small n can report less: two constant samples of 5 (all x
 * below all y) get p ≈ 0.004 against 2/252 ≈ 0.0079. Read such a p as an artefact of the
 * approximation, not as evidence the design could not otherwise produce.
 *
 * @example
 * ```ts
 * import { mannWhitneyMinP } from "@arena/stats";
 * mannWhitneyMinP(5, 5); // 2/252 = 0.0079…
 * mannWhitneyMinP(10, 10); // 2/184756 = 1.08e-5
 * ```
 */
export function mannWhitneyMinP(n1: number, n2: number, options?: MannWhitneyMinPOptions): number {
  const { alternative } = parseOptions("mannWhitneyMinP", mannWhitneyMinPOptions, options ?? {});
  checkInteger("mannWhitneyMinP", "n1", n1, 1);
  checkInteger("mannWhitneyMinP", "n2", n2, 1);
  const nn = n1 * n2;
  let p: number;
  if (n1 < 50 && n2 < 50) {
    const extreme = mannWhitneyExactDistribution(n1, n2)[0]; // P(U = 0) = P(U = n1·n2)
    p = alternative === "two-sided" ? 2 * extreme : extreme;
  } else {
    // The same arithmetic as mannWhitneyU's normal branch at U = 0 (or n1·n2 for "greater").
    const sigma = Math.sqrt((nn / 12) * (n1 + n2 + 1));
    const z = (nn / 2 - 0.5) / sigma;
    if (alternative === "two-sided") p = 2 * normalSf(z);
    else if (alternative === "greater") p = normalSf(z);
    else p = normalCdf(-z);
  }
  return Math.min(1, p);
}
