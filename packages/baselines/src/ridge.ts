/**
 * Ridge least squares in closed form, float64: min ‖Y − X·W − 1·bᵀ‖² + λ‖W‖² with the intercept b
 * unpenalised (X and Y are centred on the fitting data). Solved by Cholesky either in the primal,
 * (XcᵀXc + λI)·W = XcᵀYc with a d × d system, or in the dual, (XcXcᵀ + λI)·A = Yc and W = XcᵀA with an
 * n × n system; both give the same W for λ > 0, and the smaller system is used.
 */

import { cholesky, choleskyFlops, solveCholesky } from "./cholesky.ts";

/** A fitted affine map: out = x·W + b, W d × m row-major. */
export interface LinearMap {
  readonly d: number;
  readonly m: number;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/** The centred normal equations of one data set, ready to be solved for any λ. */
export interface RidgeSystem {
  readonly n: number;
  readonly d: number;
  readonly m: number;
  /** primal: a d × d system in XcᵀXc; dual: an n × n system in XcXcᵀ. */
  readonly solver: "primal" | "dual";
  readonly xMean: Float64Array;
  readonly yMean: Float64Array;
  /** trace(XcᵀXc) = trace(XcXcᵀ): the sum of the centred squares, the scale of λ. */
  readonly trace: number;
  /** Flops spent building the system (means, centring, Gram matrix, right-hand side). */
  readonly flops: number;
  /** The Gram matrix (d × d primal, n × n dual). */
  readonly gram: Float64Array;
  /** XcᵀYc (d × m) primal, Yc (n × m) dual. */
  readonly rhs: Float64Array;
  /** The centred inputs (dual only: W = XcᵀA needs them). */
  readonly xc: Float64Array | null;
}

/** Flops to build the system and to solve it for one λ, for the primal and the dual form. */
export function ridgeFlops(
  n: number,
  d: number,
  m: number,
  solver: "primal" | "dual",
): { build: number; solve: number } {
  const centre = 2 * n * d + 2 * n * m;
  if (solver === "primal") {
    const c = choleskyFlops(d, m);
    return { build: centre + n * d * (d + 1) + 2 * n * d * m, solve: d * d + c.factor + c.solve + 2 * d * m };
  }
  const c = choleskyFlops(n, m);
  return { build: centre + n * n * (d + 1), solve: n * n + c.factor + c.solve + 2 * n * d * m + 2 * d * m };
}

/** The cheaper form for n samples of d inputs and m outputs solved for `lambdas` values of λ. */
export function ridgeSolver(n: number, d: number, m: number, lambdas: number): "primal" | "dual" {
  const cost = (s: "primal" | "dual") => {
    const f = ridgeFlops(n, d, m, s);
    return f.build + lambdas * f.solve;
  };
  return cost("dual") < cost("primal") ? "dual" : "primal";
}

/**
 * Builds the centred normal equations of the n samples in `x` (n × d) against `y` (n × m), both
 * row-major float32 as the data are.
 */
export function ridgeSystem(
  x: Float32Array,
  y: Float32Array,
  n: number,
  d: number,
  m: number,
  solver: "primal" | "dual",
): RidgeSystem {
  for (const [name, v] of [
    ["n", n],
    ["d", d],
    ["m", m],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`ridgeSystem: ${name} must be an integer >= 1, got ${v}`);
  }
  if (x.length < n * d)
    throw new RangeError(`ridgeSystem: x has ${x.length} values, expected n × d = ${n * d}`);
  if (y.length < n * m)
    throw new RangeError(`ridgeSystem: y has ${y.length} values, expected n × m = ${n * m}`);
  const xMean = columnMeans(x, n, d);
  const yMean = columnMeans(y, n, m);
  const flops = ridgeFlops(n, d, m, solver).build;
  if (solver === "dual") {
    const xc = new Float64Array(n * d);
    for (let s = 0; s < n; s++) for (let j = 0; j < d; j++) xc[s * d + j] = x[s * d + j] - xMean[j];
    const yc = new Float64Array(n * m);
    for (let s = 0; s < n; s++) for (let c = 0; c < m; c++) yc[s * m + c] = y[s * m + c] - yMean[c];
    let trace = 0;
    for (let i = 0; i < n * d; i++) trace += xc[i] * xc[i];
    const gram = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      const ra = a * d;
      for (let b = 0; b <= a; b++) {
        const rb = b * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += xc[ra + j] * xc[rb + j];
        gram[a * n + b] = s;
        gram[b * n + a] = s;
      }
    }
    return { n, d, m, solver, xMean, yMean, trace, flops, gram, rhs: yc, xc };
  }
  // One centred row at a time (the centred copy of all n rows would be n × d doubles, 2.4× the data):
  // the same float64 operations in the same order as centring everything first.
  const xr = new Float64Array(d);
  const yr = new Float64Array(m);
  let trace = 0;
  const gram = new Float64Array(d * d);
  const rhs = new Float64Array(d * m);
  for (let s = 0; s < n; s++) {
    const rs = s * d;
    const ys = s * m;
    for (let j = 0; j < d; j++) {
      xr[j] = x[rs + j] - xMean[j];
      trace += xr[j] * xr[j];
    }
    for (let c = 0; c < m; c++) yr[c] = y[ys + c] - yMean[c];
    for (let i = 0; i < d; i++) {
      const v = xr[i];
      if (v === 0) continue;
      const gi = i * d;
      for (let j = 0; j <= i; j++) gram[gi + j] += v * xr[j];
      const ri = i * m;
      for (let c = 0; c < m; c++) rhs[ri + c] += v * yr[c];
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) gram[j * d + i] = gram[i * d + j];
  return { n, d, m, solver, xMean, yMean, trace, flops, gram, rhs, xc: null };
}

/**
 * The ridge solution for one λ ≥ 0, or null when (Gram + λI) is not numerically positive definite
 * (λ = 0 with collinear or constant inputs, or fewer samples than inputs).
 */
export function solveRidge(sys: RidgeSystem, lambda: number): LinearMap | null {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) {
    throw new RangeError(`solveRidge: lambda must be a finite number >= 0, got ${lambda}`);
  }
  const { d, m, n } = sys;
  const k = sys.solver === "primal" ? d : n;
  const a = Float64Array.from(sys.gram);
  for (let i = 0; i < k; i++) a[i * k + i] += lambda;
  if (!cholesky(a, k)) return null;
  const sol = Float64Array.from(sys.rhs);
  solveCholesky(a, k, sol, m);
  let weights = sol;
  if (sys.solver === "dual") {
    const xc = sys.xc as Float64Array;
    weights = new Float64Array(d * m);
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < d; j++) {
        const v = xc[s * d + j];
        if (v === 0) continue;
        for (let c = 0; c < m; c++) weights[j * m + c] += v * sol[s * m + c];
      }
    }
  }
  const bias = Float64Array.from(sys.yMean);
  for (let j = 0; j < d; j++) for (let c = 0; c < m; c++) bias[c] -= sys.xMean[j] * weights[j * m + c];
  for (let i = 0; i < d * m; i++) if (!Number.isFinite(weights[i])) return null;
  return { d, m, weights, bias };
}

/** out = x·W + b for n samples (x n × d row-major), accumulated in float64, stored as float32. */
export function applyLinear(map: LinearMap, x: Float32Array, n: number): Float32Array {
  const { d, m, weights, bias } = map;
  if (x.length < n * d)
    throw new RangeError(`applyLinear: x has ${x.length} values, expected n × d = ${n * d}`);
  const out = new Float32Array(n * m);
  const acc = new Float64Array(m);
  for (let s = 0; s < n; s++) {
    acc.set(bias);
    const rs = s * d;
    for (let j = 0; j < d; j++) {
      const v = x[rs + j];
      if (v === 0) continue;
      const wj = j * m;
      for (let c = 0; c < m; c++) acc[c] += v * weights[wj + c];
    }
    for (let c = 0; c < m; c++) out[s * m + c] = acc[c];
  }
  return out;
}

/** Flops of {@link applyLinear} on n samples. */
export function applyLinearFlops(n: number, d: number, m: number): number {
  return 2 * n * d * m;
}

function columnMeans(a: Float32Array, n: number, cols: number): Float64Array {
  const mean = new Float64Array(cols);
  for (let s = 0; s < n; s++) for (let j = 0; j < cols; j++) mean[j] += a[s * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= n;
  return mean;
}
