import type { Rng } from "@arena/rng";

/**
 * SHADE's success-history parameter adaptation (Tanabe & Fukunaga 2013): H memory slots of M_CR and M_F,
 * all 0.5 at the start; each individual draws its CR and F around a random slot, and after each
 * generation the slot k (round robin) takes the weighted mean of the values that produced improvements,
 * weighted by how much they improved. L-SHADE (2014) also uses a "terminal" M_CR: once the successful CRs
 * of a generation are all 0, that slot stays at CR = 0 for good (it helps on separable-like landscapes
 * and is part of the published algorithm). A terminal slot is stored as -1, so states stay plain numbers.
 */

/** The value a terminal M_CR slot holds. */
export const TERMINAL_CR = -1;

/** CR ~ N(mu, 0.1) clipped to [0, 1]; 0 for a terminal slot (which draws nothing). */
export function sampleCR(rng: Rng, mu: number): number {
  if (mu === TERMINAL_CR) return 0;
  const cr = rng.normal(mu, 0.1);
  return Math.min(Math.max(cr, 0), 1);
}

/**
 * F ~ Cauchy(mu, 0.1), regenerated while F <= 0 and truncated to 1 when F > 1, as in the paper: the heavy
 * tail keeps large steps possible while the memory says small ones work. One `rng.float()` per try.
 */
export function sampleF(rng: Rng, mu: number): number {
  for (;;) {
    const f = mu + 0.1 * Math.tan(Math.PI * (rng.float() - 0.5));
    if (f > 0) return Math.min(f, 1);
  }
}

/**
 * Weights w_k = Δf_k / Σ Δf over the first `count` improvements. An improvement from an infinite parent
 * value has Δf = +Infinity; those share the weight equally and the finite ones get none, which is the
 * limit of the formula.
 */
export function improvementWeights(delta: Float64Array, count: number, out: Float64Array): void {
  let infinite = 0;
  let sum = 0;
  for (let k = 0; k < count; k++) {
    if (delta[k] === Number.POSITIVE_INFINITY) infinite++;
    else sum += delta[k];
  }
  for (let k = 0; k < count; k++) {
    if (infinite > 0) out[k] = delta[k] === Number.POSITIVE_INFINITY ? 1 / infinite : 0;
    // Every improvement was of size 0 only when sum underflowed: weigh them equally.
    else out[k] = sum > 0 ? delta[k] / sum : 1 / count;
  }
}

/** Weighted Lehmer mean Σ w s² / Σ w s (biased towards larger values, which keeps F from shrinking too fast). */
export function weightedLehmerMean(s: Float64Array, w: Float64Array, count: number): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < count; k++) {
    num += w[k] * s[k] * s[k];
    den += w[k] * s[k];
  }
  return den > 0 ? num / den : 0;
}

/** Weighted arithmetic mean Σ w s (the weights sum to 1). */
export function weightedMean(s: Float64Array, w: Float64Array, count: number): number {
  let sum = 0;
  for (let k = 0; k < count; k++) sum += w[k] * s[k];
  return sum;
}

/** The successes of one generation: the CR and F that produced an improvement, and its size |Δf|. */
export interface Successes {
  readonly cr: Float64Array;
  readonly f: Float64Array;
  readonly delta: Float64Array;
  /** Scratch for the weights, as long as the others. */
  readonly weights: Float64Array;
  count: number;
}

/**
 * Writes slot `k` of the memories from a generation's successes (no-op without any): M_F = weighted
 * Lehmer mean of S_F; M_CR = weighted arithmetic mean of S_CR (SHADE) or weighted Lehmer mean with the
 * terminal rule (L-SHADE). Returns the next slot index.
 */
export function updateMemory(
  memoryCR: Float64Array,
  memoryF: Float64Array,
  k: number,
  s: Successes,
  lshade: boolean,
): number {
  if (s.count === 0) return k;
  improvementWeights(s.delta, s.count, s.weights);
  memoryF[k] = weightedLehmerMean(s.f, s.weights, s.count);
  if (!lshade) memoryCR[k] = weightedMean(s.cr, s.weights, s.count);
  else {
    let maxCR = 0;
    for (let m = 0; m < s.count; m++) if (s.cr[m] > maxCR) maxCR = s.cr[m];
    const terminal = memoryCR[k] === TERMINAL_CR || maxCR === 0;
    memoryCR[k] = terminal ? TERMINAL_CR : weightedLehmerMean(s.cr, s.weights, s.count);
  }
  return (k + 1) % memoryCR.length;
}
