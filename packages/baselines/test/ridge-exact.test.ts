import { createDataset, type Problem } from "@arena/datasets";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { fitBaseline, ridgeSystem, solveRidge } from "../src/index.ts";

/** n samples of d integer inputs in [−5, 5] and exact integer targets Y = X·W + b (representable in float32). */
function integerLinearData(rng: Rng, n: number, W: number[][], b: number[]) {
  const d = W.length;
  const m = b.length;
  const x = new Float32Array(n * d);
  const y = new Float32Array(n * m);
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < d; j++) x[s * d + j] = rng.int(-5, 6);
    for (let c = 0; c < m; c++) {
      let v = b[c];
      for (let j = 0; j < d; j++) v += x[s * d + j] * W[j][c];
      y[s * m + c] = v;
    }
  }
  return createDataset(x, [d], y, [m]);
}

/**
 * Brute force: the normal equations of the augmented design [X, 1], (AᵀA + λ·diag(1, …, 1, 0))·β = AᵀY,
 * built entry by entry and solved by Gauss–Jordan elimination with partial pivoting.
 */
function bruteForceRidge(x: Float32Array, y: Float32Array, n: number, d: number, m: number, lambda: number) {
  const p = d + 1;
  const at = (s: number, j: number) => (j < d ? x[s * d + j] : 1);
  const M = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p + m }, (_, j) => {
      let v = 0;
      if (j < p) {
        for (let s = 0; s < n; s++) v += at(s, i) * at(s, j);
        if (i === j && i < d) v += lambda;
      } else {
        for (let s = 0; s < n; s++) v += at(s, i) * y[s * m + (j - p)];
      }
      return v;
    }),
  );
  for (let col = 0; col < p; col++) {
    let piv = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(M[r][col]) > Math.abs(M[piv][col])) piv = r;
    [M[col], M[piv]] = [M[piv], M[col]];
    for (let r = 0; r < p; r++) {
      if (r === col) continue;
      const f = M[r][col] / M[col][col];
      for (let j = col; j < p + m; j++) M[r][j] -= f * M[col][j];
    }
  }
  const beta = M.map((row, i) => row.slice(p).map((v) => v / M[i][i]));
  return { W: beta.slice(0, d), b: beta[d] };
}

describe("ridge least squares", () => {
  const W = [
    [2, -1],
    [-3, 0],
    [1, 4],
    [0, 1],
  ];
  const b = [5, -2];

  it("recovers the exact coefficients and intercept of noiseless linear data (λ = 0)", () => {
    const ds = integerLinearData(new Rng("exact"), 40, W, b);
    const sys = ridgeSystem(ds.x, ds.y, ds.n, 4, 2, "primal");
    const fit = solveRidge(sys, 0);
    expect(fit).not.toBeNull();
    for (let j = 0; j < 4; j++)
      for (let c = 0; c < 2; c++) expect(fit?.weights[j * 2 + c]).toBeCloseTo(W[j][c], 10);
    for (let c = 0; c < 2; c++) expect(fit?.bias[c]).toBeCloseTo(b[c], 10);
  });

  it("fitBaseline picks λ = 0 on noiseless data and fits the test split exactly", () => {
    const rng = new Rng("exact-problem");
    const problem: Problem = {
      name: "noiseless",
      task: "regression",
      metric: "rmse",
      train: integerLinearData(rng.fork("train"), 40, W, b),
      validation: integerLinearData(rng.fork("validation"), 20, W, b),
      test: integerLinearData(rng.fork("test"), 20, W, b),
    };
    const r = fitBaseline("linear", problem);
    expect(r.settings.lambdaFactor).toBe(0);
    expect(r.settings.lambda).toBe(0);
    expect(r.parameters).toBe(4 * 2 + 2);
    expect(r.test.metric).toBeLessThan(1e-9);
    expect(r.test.loss).toBeCloseTo(r.test.metric ** 2, 20);
    expect(r.description).toMatch(/λ = 0 \(plain least squares\) chosen on validation/);
  });

  it("matches a brute-force normal-equation solve, primal and dual, for several λ", () => {
    const rng = new Rng("brute");
    const n = 15;
    const d = 6;
    const m = 3;
    const x = Float32Array.from({ length: n * d }, () => rng.normal());
    const y = Float32Array.from({ length: n * m }, () => rng.normal());
    for (const lambda of [0.01, 1, 30]) {
      const ref = bruteForceRidge(x, y, n, d, m, lambda);
      for (const solver of ["primal", "dual"] as const) {
        const fit = solveRidge(ridgeSystem(x, y, n, d, m, solver), lambda);
        expect(fit).not.toBeNull();
        for (let j = 0; j < d; j++)
          for (let c = 0; c < m; c++) expect(fit?.weights[j * m + c]).toBeCloseTo(ref.W[j][c], 9);
        for (let c = 0; c < m; c++) expect(fit?.bias[c]).toBeCloseTo(ref.b[c], 9);
      }
    }
  });

  it("the dual (more inputs than samples) equals the primal for λ > 0 and refuses λ = 0", () => {
    const rng = new Rng("dual");
    const n = 8;
    const d = 20;
    const x = Float32Array.from({ length: n * d }, () => rng.normal());
    const y = Float32Array.from({ length: n }, () => rng.normal());
    const primal = solveRidge(ridgeSystem(x, y, n, d, 1, "primal"), 0.5);
    const dual = solveRidge(ridgeSystem(x, y, n, d, 1, "dual"), 0.5);
    for (let j = 0; j < d; j++) expect(dual?.weights[j]).toBeCloseTo(primal?.weights[j] ?? Number.NaN, 10);
    expect(dual?.bias[0]).toBeCloseTo(primal?.bias[0] ?? Number.NaN, 10);
    // Centred, 8 samples span at most 7 directions: XᵀX (20 × 20) and XXᵀ (8 × 8) are both singular.
    expect(solveRidge(ridgeSystem(x, y, n, d, 1, "primal"), 0)).toBeNull();
    expect(solveRidge(ridgeSystem(x, y, n, d, 1, "dual"), 0)).toBeNull();
  });

  it("names bad arguments", () => {
    const x = new Float32Array(4);
    expect(() => ridgeSystem(x, x, 2, 3, 1, "primal")).toThrow(/x has 4 values, expected n × d = 6/);
    expect(() => ridgeSystem(x, x, 0, 2, 1, "primal")).toThrow(/n must be an integer >= 1, got 0/);
    expect(() => solveRidge(ridgeSystem(x, x, 2, 2, 1, "primal"), -1)).toThrow(
      /lambda must be a finite number >= 0, got -1/,
    );
  });
});
