import { badArgument, checkSample } from "./checks.ts";

/**
 * Vargha–Delaney A₁₂ (Vargha & Delaney 2000, *J. Educ. Behav. Stat.* 25(2):101–132): the probability
 * that a value drawn from x exceeds one drawn from y, ties counting ½. 0.5 means no effect. Counted
 * directly over all n₁n₂ pairs, so it is independent of the rank computation in `mannWhitneyU`.
 *
 * @example
 * ```ts
 * import { varghaDelaneyA12 } from "@arena/stats";
 * varghaDelaneyA12([0.9, 0.92, 0.95], [0.8, 0.92, 0.85]); // (2 + 2.5 + 3) / 9 = 0.833…
 * ```
 */
export function varghaDelaneyA12(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkSample("varghaDelaneyA12", "x", x);
  checkSample("varghaDelaneyA12", "y", y);
  let wins = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    for (let j = 0; j < y.length; j++) {
      const yj = y[j];
      if (xi > yj) wins += 1;
      else if (xi === yj) wins += 0.5;
    }
  }
  return wins / (x.length * y.length);
}

/** Rank-biserial correlation r = 2·A₁₂ − 1 = (U₁ − U₂)/(n₁n₂) in [−1, 1] (Kerby 2014, *Compr. Psychol.* 3). */
export function rankBiserial(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return 2 * varghaDelaneyA12(x, y) - 1;
}

/** Verbal size of an A₁₂ effect. */
export type EffectMagnitude = "negligible" | "small" | "medium" | "large";

/**
 * Vargha & Delaney's (2000) thresholds on the distance from 0.5: |A₁₂ − 0.5| ≥ 0.06 small, ≥ 0.14
 * medium, ≥ 0.21 large (their A = 0.56, 0.64, 0.71, matching Cohen's d = 0.2, 0.5, 0.8).
 */
export function a12Magnitude(a12: number): EffectMagnitude {
  if (!(a12 >= 0 && a12 <= 1)) badArgument("a12Magnitude", "a12", "expected an A12 in [0, 1]", a12);
  // Round away representation error: 0.71 − 0.5 is 0.20999… in doubles but is meant as "large".
  const d = Math.round(Math.abs(a12 - 0.5) * 1e9) / 1e9;
  if (d >= 0.21) return "large";
  if (d >= 0.14) return "medium";
  if (d >= 0.06) return "small";
  return "negligible";
}
