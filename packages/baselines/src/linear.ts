import type { Dataset, Problem } from "@arena/datasets";
import { splitFigures } from "./figures.ts";
import type { Layout } from "./layout.ts";
import {
  applyLinear,
  applyLinearFlops,
  type LinearMap,
  ridgeFlops,
  ridgeSolver,
  ridgeSystem,
  solveRidge,
} from "./ridge.ts";
import type { BaselineLoss, BaselineResult } from "./types.ts";

/**
 * The ridge penalties tried, as multiples of trace(XcᵀXc)/d (the mean centred square of an input times
 * n): λ = 0 (plain least squares) is kept only when the system is positive definite.
 */
export const LAMBDA_FACTORS: readonly number[] = [0, 1e-6, 1e-4, 1e-2, 1, 100];

/**
 * The largest closed form fitted, in analytic flops (Gram matrix, one Cholesky per λ, validation
 * predictions): about half a second of this package's float64 loops on one core. Larger inputs
 * (e.g. 32×32 faces with many samples, one-hot text windows) skip "linear".
 */
export const LINEAR_FLOP_LIMIT = 4e8;

/** The linear fit's form and cost, or why it is skipped. */
export function linearPlan(
  problem: Problem,
  layout: Layout,
): { solver: "primal" | "dual"; flops: number } | string {
  if (layout.everyStep) {
    const steps = problem.train.yShape[0];
    return (
      `targets at every step (yShape [${problem.train.yShape.join(", ")}]): a linear map of the whole ` +
      `flattened sequence would read inputs after step t to predict step t's target (${steps} steps), which no causal model can`
    );
  }
  const { n } = problem.train;
  const { d, outputs: m } = layout;
  const solver = ridgeSolver(n, d, m, LAMBDA_FACTORS.length);
  const f = ridgeFlops(n, d, m, solver);
  const nv = problem.validation.n;
  const flops = f.build + LAMBDA_FACTORS.length * (f.solve + applyLinearFlops(nv, d, m) + nv * m);
  if (flops > LINEAR_FLOP_LIMIT) {
    return (
      `d = ${d} inputs (prod(xShape) = [${problem.train.xShape.join(" × ")}]) with n = ${n} training samples and ${m} outputs: ` +
      `the closed form needs ~${flops.toExponential(1)} flops, over the ${LINEAR_FLOP_LIMIT.toExponential(0)} limit (well under a second)`
    );
  }
  return { solver, flops };
}

/**
 * Ridge least squares from the flattened inputs to the targets, intercept unpenalised, fitted on train
 * with λ chosen by the validation metric alone (ties → the larger λ). For classification the targets
 * are the one-hot rows (0/1 for one output) and the class is the argmax of the outputs (≥ 0.5 for one
 * output); the loss is NaN, since least squares gives no class probabilities. On forecasting windows
 * this is the AR(L) model.
 */
export function fitLinear(problem: Problem, layout: Layout, lossKind: BaselineLoss): BaselineResult {
  const plan = linearPlan(problem, layout);
  if (typeof plan === "string") throw new RangeError(`${problem.name}: linear does not apply: ${plan}`);
  const { train, validation } = problem;
  const { d, outputs: m } = layout;
  const sys = ridgeSystem(train.x, train.y, train.n, d, m, plan.solver);
  const scale = sys.trace > 0 ? sys.trace / d : 1;
  const f = ridgeFlops(train.n, d, m, plan.solver);
  let flops = sys.flops;
  const higher = problem.metric === "accuracy";
  let best: { map: LinearMap; factor: number; score: number } | null = null;
  let fallback: { map: LinearMap; factor: number } | null = null;
  // From the largest λ down, replacing only on a strictly better validation figure: ties keep the larger λ.
  for (const factor of [...LAMBDA_FACTORS].reverse()) {
    flops += f.solve;
    const map = solveRidge(sys, factor * scale);
    if (map === null) continue;
    if (factor > 0 && (fallback === null || factor < fallback.factor)) fallback = { map, factor };
    if (validation.n === 0) continue;
    flops += applyLinearFlops(validation.n, d, m) + validation.n * m;
    const score = splitFigures(
      problem,
      layout,
      validation,
      applyLinear(map, validation.x, validation.n),
    ).metric;
    if (Number.isNaN(score)) continue;
    if (best === null || (higher ? score > best.score : score < best.score)) best = { map, factor, score };
  }
  const chosen = best ?? fallback;
  if (chosen === null) {
    throw new Error(
      `${problem.name}: ridge least squares failed for every λ in ${LAMBDA_FACTORS.join(", ")} × ${scale} (non-finite inputs or targets?)`,
    );
  }
  const lambda = chosen.factor * scale;
  const how =
    best === null
      ? "the smallest positive λ in the grid (no validation samples to choose on)"
      : "chosen on validation";
  const lambdaText =
    chosen.factor === 0
      ? `λ = 0 (plain least squares) ${how}`
      : `λ = ${fmt(chosen.factor)}·tr(XᵀX)/d = ${fmt(lambda)} ${how}`;
  const forecast = problem.forecast !== undefined && train.xShape.length === 2;
  const what =
    problem.task === "classification"
      ? layout.cols === 1
        ? "ridge least squares on 0/1 targets (class 1 when the output is ≥ 0.5)"
        : `ridge least squares on one-hot targets (class = argmax of the ${m} outputs)`
      : forecast
        ? `AR(${train.xShape[0]}): ridge least squares on the ${train.xShape[0]}-step window`
        : "ridge least squares";
  const score = (ds: Dataset) => splitFigures(problem, layout, ds, applyLinear(chosen.map, ds.x, ds.n));
  return {
    method: "linear",
    role: "linear",
    description: `${what}${forecast ? "" : ` of ${d} inputs`}, ${lambdaText}`,
    parameters: d * m + m,
    fitFlops: flops,
    settings: {
      lambda,
      lambdaFactor: chosen.factor,
      inputs: d,
      solver: plan.solver,
      ...(forecast ? { lag: train.xShape[0] } : {}),
    },
    lossKind,
    train: score(train),
    validation: score(validation),
    test: score(problem.test),
  };
}

/** A short number: 3 significant digits, exponent form below 1e-3 or from 1e4. */
function fmt(x: number): string {
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e4) return String(Number(x.toPrecision(3)));
  return x
    .toExponential(2)
    .replace(/\.?0+e/, "e")
    .replace("e+", "e");
}
