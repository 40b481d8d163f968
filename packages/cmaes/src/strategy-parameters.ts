/**
 * The strategy parameters of CMA-ES for a dimension n and population size λ, with the defaults of
 * Hansen, "The CMA Evolution Strategy: A Tutorial" (2016, Table 1), positive weights only (the
 * tutorial's optional active, negative weights are not used, so Σ w_i = 1 and c_m = 1). For the
 * diagonal model (sep-CMA-ES, Ros & Hansen 2008) the covariance learning rates are multiplied by
 * (n + 2)/3: a diagonal has n free entries instead of n(n+1)/2, so it can be learned that much faster.
 */
export interface StrategyParameters {
  readonly n: number;
  /** λ, the samples of one generation. */
  readonly lambda: number;
  /** μ = ⌊λ/2⌋, the parents recombined. */
  readonly mu: number;
  /** w_1 ≥ … ≥ w_μ > 0, Σ w_i = 1. */
  readonly weights: Float64Array;
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

/** The parameters for dimension `n`, population `lambda` (≥ 2) and the full or diagonal model. */
export function strategyParameters(n: number, lambda: number, diagonal: boolean): StrategyParameters {
  const mu = Math.floor(lambda / 2);
  const weights = new Float64Array(mu);
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
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  const eigenInterval = diagonal ? 1 : Math.max(1, Math.ceil(lambda / (c1 + cMu) / n / 10));
  return { n, lambda, mu, weights, muEff, cSigma, dSigma, cc, c1, cMu, chiN, eigenInterval };
}
