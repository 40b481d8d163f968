import { describe, expect, it } from "vitest";
import { CMAES } from "../src/index.ts";

/**
 * The first three generations of CMA-ES on a tiny problem (n = 2, λ = 6), checked against Hansen's
 * tutorial (2016, Table 1, section "Weights" and eqs. 39–47, active and positive-only) written out
 * again here, independently of the sources: the samples are read from ask(), everything else is
 * recomputed from them.
 */
const n = 2;
const f = (x: ArrayLike<number>) => (x[0] - 1) ** 2 + 10 * (x[1] + 0.5) ** 2 + 3 * x[0] * x[1];

const lambda = 4 + Math.floor(3 * Math.log(n));
const mu = Math.floor(lambda / 2);
const raw = Array.from({ length: mu }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
const w = raw.map((v) => v / raw.reduce((s, u) => s + u, 0));
const muEff = 1 / w.reduce((s, v) => s + v * v, 0);
const cs = (muEff + 2) / (n + muEff + 5);
const ds = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cs;
const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
const c1 = 2 / ((n + 1.3) ** 2 + muEff);
const cmu = Math.min(1 - c1, (2 * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + muEff));
const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));

// Active CMA: w'_i = ln((λ+1)/2) − ln i for i = μ+1…λ, scaled to Σ|w_i| = min(α_μ⁻, α_μeff⁻, α_posdef⁻).
const rawNeg = Array.from(
  { length: lambda - mu },
  (_, k) => Math.log((lambda + 1) / 2) - Math.log(mu + k + 1),
);
const negAbs = rawNeg.reduce((s, v) => s - v, 0);
const muEffNeg = negAbs ** 2 / rawNeg.reduce((s, v) => s + v * v, 0);
const alphaNeg = Math.min(1 + c1 / cmu, 1 + (2 * muEffNeg) / (muEff + 2), (1 - c1 - cmu) / (n * cmu));
const wActive = [...w, ...rawNeg.map((v) => (alphaNeg * v) / negAbs)];
const wPositive = [...w, ...rawNeg.map(() => 0)];

type M2 = [[number, number], [number, number]];
interface S {
  m: number[];
  sigma: number;
  C: M2;
  pc: number[];
  ps: number[];
  g: number;
}

/** C^{-1/2} of a symmetric positive definite 2 × 2 matrix, in closed form. */
function invSqrt2(C: M2): M2 {
  const [[a, b], [, d]] = C;
  const tr = (a + d) / 2;
  const r = Math.hypot((a - d) / 2, b);
  const l1 = tr + r;
  const l2 = tr - r;
  // Eigenvector of l1: (b, l1 − a) or, when b = 0, an axis.
  let v = b !== 0 ? [b, l1 - a] : a >= d ? [1, 0] : [0, 1];
  const nv = Math.hypot(v[0], v[1]);
  v = [v[0] / nv, v[1] / nv];
  const u = [-v[1], v[0]];
  const s1 = 1 / Math.sqrt(l1);
  const s2 = 1 / Math.sqrt(l2);
  return [
    [s1 * v[0] * v[0] + s2 * u[0] * u[0], s1 * v[0] * v[1] + s2 * u[0] * u[1]],
    [s1 * v[1] * v[0] + s2 * u[1] * u[0], s1 * v[1] * v[1] + s2 * u[1] * u[1]],
  ];
}

function tutorialStep(s: S, xs: number[][], fs: number[], cInvSqrt: M2, weights: number[]): S {
  const idx = fs.map((_, i) => i).sort((a, b) => fs[a] - fs[b] || a - b);
  const ys = xs.map((x) => [(x[0] - s.m[0]) / s.sigma, (x[1] - s.m[1]) / s.sigma]);
  const yw = [0, 0];
  for (let i = 0; i < mu; i++) for (let j = 0; j < n; j++) yw[j] += w[i] * ys[idx[i]][j];
  const m = [s.m[0] + s.sigma * yw[0], s.m[1] + s.sigma * yw[1]];
  const z = [0, 1].map((i) => cInvSqrt[i][0] * yw[0] + cInvSqrt[i][1] * yw[1]);
  const ps = [0, 1].map((j) => (1 - cs) * s.ps[j] + Math.sqrt(cs * (2 - cs) * muEff) * z[j]);
  const psNorm = Math.hypot(ps[0], ps[1]);
  const g = s.g + 1;
  const hs = psNorm / Math.sqrt(1 - (1 - cs) ** (2 * g)) < (1.4 + 2 / (n + 1)) * chiN ? 1 : 0;
  const pc = [0, 1].map((j) => (1 - cc) * s.pc[j] + hs * Math.sqrt(cc * (2 - cc) * muEff) * yw[j]);
  const dh = (1 - hs) * cc * (2 - cc);
  // w_i° = w_i · n / ‖C^{-1/2} y_{i:λ}‖² for the negative weights (eq. 46).
  const wo = weights.map((wi, i) => {
    if (wi >= 0) return wi;
    const y = ys[idx[i]];
    const zy = [0, 1].map((r) => cInvSqrt[r][0] * y[0] + cInvSqrt[r][1] * y[1]);
    return (wi * n) / (zy[0] ** 2 + zy[1] ** 2);
  });
  const sumW = weights.reduce((acc, v) => acc + v, 0);
  const C = [0, 1].map((a) =>
    [0, 1].map((b) => {
      let rankMu = 0;
      for (let i = 0; i < lambda; i++) rankMu += wo[i] * ys[idx[i]][a] * ys[idx[i]][b];
      return (1 + c1 * dh - c1 - cmu * sumW) * s.C[a][b] + c1 * pc[a] * pc[b] + cmu * rankMu;
    }),
  ) as M2;
  const sigma = s.sigma * Math.exp((cs / ds) * (psNorm / chiN - 1));
  return { m, sigma, C, pc, ps, g };
}

const close = (got: number, want: number) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(want)));

describe("CMA-ES follows the tutorial's equations step by step (n = 2, λ = 6)", () => {
  it("has the tutorial's strategy parameters, negative weights by default and none with active: false", () => {
    const p = new CMAES({ dim: n, lower: -3, upper: 3, rng: 7 }).parameters();
    expect(p.lambda).toBe(6);
    expect(p.mu).toBe(3);
    expect(p.active).toBe(true);
    for (let i = 0; i < lambda; i++) close(p.weights[i], wActive[i]);
    for (let i = mu; i < lambda; i++) expect(p.weights[i]).toBeLessThan(0);
    const q = new CMAES({ dim: n, lower: -3, upper: 3, rng: 7, active: false }).parameters();
    expect(q.active).toBe(false);
    for (let i = 0; i < lambda; i++) close(q.weights[i], wPositive[i]);
    // sep-CMA-ES keeps positive weights whatever the option says.
    expect(
      new CMAES({ dim: n, lower: -3, upper: 3, rng: 7, covariance: "diagonal" }).parameters().active,
    ).toBe(false);
    for (const [got, want] of [
      [p.muEff, muEff],
      [p.cSigma, cs],
      [p.dSigma, ds],
      [p.cc, cc],
      [p.c1, c1],
      [p.cMu, cmu],
      [p.chiN, chiN],
    ])
      close(got, want);
    // ⌈λ / (c1 + cμ) / n / 10⌉: B and D are recomputed after generations 2, 4, …
    expect(p.eigenInterval).toBe(Math.ceil(lambda / (c1 + cmu) / n / 10));
    expect(p.eigenInterval).toBe(2);
  });

  for (const active of [true, false]) {
    it(`m, σ, C, p_c and p_σ after generations 1, 2 and 3 equal the tutorial's (active: ${active}), computed from the same samples`, () => {
      const cma = new CMAES({
        dim: n,
        x0: [0.5, 0.5],
        sigma0: 0.8,
        rng: "tutorial",
        initLower: -1,
        initUpper: 1,
        active,
      });
      let s: S = {
        m: [0.5, 0.5],
        sigma: 0.8,
        C: [
          [1, 0],
          [0, 1],
        ],
        pc: [0, 0],
        ps: [0, 0],
        g: 0,
      };
      const identity: M2 = [
        [1, 0],
        [0, 1],
      ];
      let whitening = identity;
      for (let gen = 1; gen <= 3; gen++) {
        const flat = cma.ask();
        const xs = Array.from({ length: lambda }, (_, k) => Array.from(flat.subarray(k * n, (k + 1) * n)));
        const fs = xs.map(f);
        cma.tell(fs);
        s = tutorialStep(s, xs, fs, whitening, active ? wActive : wPositive);
        // The lazy eigendecomposition: C^{-1/2} is that of C after generation 2 from generation 3 on.
        if (gen === 2) whitening = invSqrt2(s.C);
        const m = cma.mean();
        close(m[0], s.m[0]);
        close(m[1], s.m[1]);
        close(cma.stepSize(), s.sigma);
        const C = cma.covariance();
        close(C[0], s.C[0][0]);
        close(C[1], s.C[0][1]);
        close(C[2], s.C[1][0]);
        close(C[3], s.C[1][1]);
        const st = cma.state().run;
        close(Number(st.pc[0]), s.pc[0]);
        close(Number(st.pc[1]), s.pc[1]);
        close(Number(st.ps[0]), s.ps[0]);
        close(Number(st.ps[1]), s.ps[1]);
      }
      expect(cma.state().run.generation).toBe(3);
    });
  }
});
