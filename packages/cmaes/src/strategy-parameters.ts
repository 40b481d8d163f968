/**
 * The strategy parameters of CMA-ES for a dimension n and population size λ, with the defaults of
 * Hansen, "The CMA Evolution Strategy: A Tutorial" (2016, Table 1 and section "Weights"). The raw
 * weights are w'_i = ln((λ+1)/2) − ln i, i = 1…λ; the first μ = ⌊λ/2⌋ are normalised to Σ w_i = 1
 * (they move the mean, c_m = 1). With active CMA (the default for the full model, as pycma's
 * `CMA_active`) the last λ − μ, negative, are normalised to Σ |w_i| = min(α_μ⁻, α_μeff⁻, α_posdef⁻):
 *
 *   α_μ⁻ = 1 + c_1/c_μ,  α_μeff⁻ = 1 + 2 μ_eff⁻/(μ_eff + 2),  α_posdef⁻ = (1 − c_1 − c_μ)/(n c_μ),
 *   μ_eff⁻ = (Σ_{i>μ} w'_i)² / Σ_{i>μ} w'_i²,
 *
 * and the rank-μ update uses them too (see `update.ts`); without it they are 0 (positive weights only,
 * Σ w_i = 1). c_1 and c_μ depend on μ_eff only, so they are the same either way. For the diagonal model
 * (sep-CMA-ES, Ros & Hansen 2008) the covariance learning rates are multiplied by (n + 2)/3: a diagonal
 * has n free entries instead of n(n+1)/2, so it can be learned that much faster; it keeps positive
 * weights only (α_posdef⁻ bounds the full model's update, not one with rates boosted this way, and
 * Ros & Hansen use positive weights).
 */
export interface StrategyParameters {
  readonly n: number;
  /** λ, the samples of one generation. */
  readonly lambda: number;
  /** μ = ⌊λ/2⌋, the parents recombined. */
  readonly mu: number;
  /**
   * The λ recombination weights, best sample first: w_1 ≥ … ≥ w_μ > 0 with Σ_{i≤μ} w_i = 1, then
   * w_{μ+1} … w_λ ≤ 0 (negative with active CMA, else 0).
   */
  readonly weights: Float64Array;
  /** Whether the last λ − μ weights are negative (active CMA). */
  readonly active: boolean;
  /** Σ_{i>μ} w_i, ≤ 0 (0 without active CMA); the decay of C is 1 − c_1 − c_μ (1 + this) (+ c_1 δ). */
  readonly negativeSum: number;
  /** μ_eff = 1 / Σ w_i². */
  readonly muEff: number;
  readonly cSigma: number;
  readonly dSigma: number;
  readonly cc: number;
  readonly c1: number;
  readonly cMu: number;
  /** E‖N(0, I)‖ ≈ √n (1 − 1/(4n) + 1/(21n²)). */
  readonly chiN: number;
  /** Generations between eigendecompositions, ⌈λ / (c1 + cμ) / n / 10⌉ (1 for the diagonal model). */
  readonly eigenInterval: number;
}

/** λ = 4 + ⌊3 ln n⌋, the tutorial's default population size. */
export function defaultPopulationSize(n: number): number {
  return 4 + Math.floor(3 * Math.log(n));
}

/**
 * The parameters for dimension `n`, population `lambda` (≥ 2) and the full or diagonal model; `active`
 * (default true) asks for negative weights, which only the full model uses.
 */
export function strategyParameters(
  n: number,
  lambda: number,
  diagonal: boolean,
  active = true,
): StrategyParameters {
  const mu = Math.floor(lambda / 2);
  const weights = new Float64Array(lambda);
  let sum = 0;
  for (let i = 0; i < mu; i++) {
    weights[i] = Math.log((lambda + 1) / 2) - Math.log(i + 1);
    sum += weights[i];
  }
  let sq = 0;
  for (let i = 0; i < mu; i++) {
    weights[i] /= sum;
    sq += weights[i] * weights[i];
  }
  const muEff = 1 / sq;
  const cSigma = (muEff + 2) / (n + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  const alphaCov = 2;
  let c1 = alphaCov / ((n + 1.3) ** 2 + muEff);
  let cMu = Math.min(1 - c1, (alphaCov * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + (alphaCov * muEff) / 2));
  if (diagonal) {
    const boost = (n + 2) / 3;
    c1 = Math.min(1, c1 * boost);
    cMu = Math.min(1 - c1, cMu * boost);
  }
  const isActive = active && !diagonal && lambda > mu && cMu > 0;
  let negativeSum = 0;
  if (isActive) {
    let negSum = 0;
    let negSq = 0;
    for (let i = mu; i < lambda; i++) {
      const raw = Math.log((lambda + 1) / 2) - Math.log(i + 1);
      weights[i] = raw;
      negSum += raw;
      negSq += raw * raw;
    }
    const muEffMinus = (negSum * negSum) / negSq;
    const alphaMu = 1 + c1 / cMu;
    const alphaMuEff = 1 + (2 * muEffMinus) / (muEff + 2);
    const alphaPosDef = (1 - c1 - cMu) / (n * cMu);
    const scale = Math.min(alphaMu, alphaMuEff, alphaPosDef) / -negSum;
    for (let i = mu; i < lambda; i++) {
      weights[i] *= scale;
      negativeSum += weights[i];
    }
  }
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  const eigenInterval = diagonal ? 1 : Math.max(1, Math.ceil(lambda / (c1 + cMu) / n / 10));
  return {
    n,
    lambda,
    mu,
    weights,
    active: isActive,
    negativeSum,
    muEff,
    cSigma,
    dSigma,
    cc,
    c1,
    cMu,
    chiN,
    eigenInterval,
  };
}
