import { type Distribution, whiten } from "./distribution.ts";

/**
 * One CMA-ES generation's update of the distribution (Hansen 2016, Table 1 and eqs. 39–47, with the
 * active update of eqs. 46–47 when the parameters have negative weights): `ys` holds y_k = (x_k − m)/σ of the λ samples (row-major, λ × n), `order` the sample
 * indices from best to worst. With ⟨y⟩_w = Σ_{i≤μ} w_i y_{i:λ}:
 *
 *   m ← m + σ ⟨y⟩_w                                            (c_m = 1)
 *   p_σ ← (1 − c_σ) p_σ + √(c_σ (2 − c_σ) μ_eff) C^{-1/2} ⟨y⟩_w
 *   h_σ = [‖p_σ‖ / √(1 − (1 − c_σ)^{2(g+1)}) < (1.4 + 2/(n+1)) E‖N(0,I)‖]
 *   p_c ← (1 − c_c) p_c + h_σ √(c_c (2 − c_c) μ_eff) ⟨y⟩_w
 *   C ← (1 + c_1 δ(h_σ) − c_1 − c_μ Σ_j w_j) C + c_1 p_c p_cᵀ + c_μ Σ_{i≤λ} w_i° y_{i:λ} y_{i:λ}ᵀ,
 *       δ = (1 − h_σ) c_c (2 − c_c),  w_i° = w_i for w_i ≥ 0, else w_i · n / ‖C^{-1/2} y_{i:λ}‖²
 *   σ ← σ exp((c_σ / d_σ) (‖p_σ‖ / E‖N(0,I)‖ − 1))
 *
 * Without active CMA the weights after μ are 0 and Σ_j w_j = 1, so the decay is 1 + c_1 δ − c_1 − c_μ.
 * The negative weights' Mahalanobis normalisation uses C^{-1/2} of the decomposition the samples were
 * drawn with (that of C^(g)). The diagonal model applies the same equations to C's diagonal only
 * (Ros & Hansen 2008).
 */
export function updateDistribution(d: Distribution, ys: Float64Array, order: ArrayLike<number>): void {
  const { n, params: p } = d;
  const yw = new Float64Array(n);
  for (let i = 0; i < p.mu; i++) {
    const off = order[i] * n;
    for (let j = 0; j < n; j++) yw[j] += p.weights[i] * ys[off + j];
  }
  for (let j = 0; j < n; j++) d.mean[j] += d.sigma * yw[j];

  const zw = new Float64Array(n);
  whiten(d, yw, zw);
  const cs = p.cSigma;
  const as = Math.sqrt(cs * (2 - cs) * p.muEff);
  let psNorm2 = 0;
  for (let j = 0; j < n; j++) {
    d.ps[j] = (1 - cs) * d.ps[j] + as * zw[j];
    psNorm2 += d.ps[j] * d.ps[j];
  }
  const psNorm = Math.sqrt(psNorm2);
  d.generation++;
  const hsig = psNorm / Math.sqrt(1 - (1 - cs) ** (2 * d.generation)) < (1.4 + 2 / (n + 1)) * p.chiN;
  const ac = hsig ? Math.sqrt(p.cc * (2 - p.cc) * p.muEff) : 0;
  for (let j = 0; j < n; j++) d.pc[j] = (1 - p.cc) * d.pc[j] + ac * yw[j];
  const delta = hsig ? 0 : p.cc * (2 - p.cc);
  // The active weights w_i° (before the mean moves, C^{-1/2} is still that of C^(g)).
  const rankWeights = Float64Array.from(p.weights);
  if (p.active) {
    const z = new Float64Array(n);
    for (let i = p.mu; i < p.lambda; i++) {
      if (rankWeights[i] === 0) continue;
      whiten(d, ys.subarray(order[i] * n, (order[i] + 1) * n), z);
      let z2 = 0;
      for (let j = 0; j < n; j++) z2 += z[j] * z[j];
      rankWeights[i] *= z2 > 0 ? n / z2 : 0;
    }
  }
  const cMuSum = p.active ? p.cMu * (1 + p.negativeSum) : p.cMu;
  updateCovariance(d, ys, order, rankWeights, 1 + p.c1 * delta - p.c1 - cMuSum);
  d.sigma *= Math.exp((cs / p.dSigma) * (psNorm / p.chiN - 1));
}

/** C ← decay·C + c_1 p_c p_cᵀ + c_μ Σ w_i° y_{i:λ} y_{i:λ}ᵀ, both triangles from one value. */
function updateCovariance(
  d: Distribution,
  ys: Float64Array,
  order: ArrayLike<number>,
  w: Float64Array,
  decay: number,
): void {
  const { n, params: p, C, pc } = d;
  const count = p.active ? p.lambda : p.mu;
  if (d.diagonal) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < count; i++) s += w[i] * ys[order[i] * n + j] ** 2;
      C[j] = decay * C[j] + p.c1 * pc[j] * pc[j] + p.cMu * s;
    }
    return;
  }
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let i = 0; i < count; i++) {
        const off = order[i] * n;
        s += w[i] * ys[off + a] * ys[off + b];
      }
      const v = decay * C[a * n + b] + p.c1 * pc[a] * pc[b] + p.cMu * s;
      C[a * n + b] = v;
      C[b * n + a] = v;
    }
  }
}
