import { conditionNumber, type Distribution } from "./distribution.ts";

/**
 * Why a CMA-ES run ended (Hansen 2009, "Benchmarking a BI-population CMA-ES on the BBOB-2009
 * function testbed", and the tutorial's Appendix B.3):
 * - `tolX`: every σ·p_c,i and every σ·√C_ii is below tolX — the search has contracted to a point;
 * - `tolFun`: the range of the best values of the last 10 + ⌈30n/λ⌉ generations and of all values of
 *   the latest one is below tolFun — no progress is being measured;
 * - `conditionCov`: the condition number of C exceeds tolConditionCov (1e14), where float64 eigenvectors
 *   stop being trustworthy;
 * - `numerical`: σ or C's square-root eigenvalues are no longer positive finite numbers;
 * - `smallRunBudget`: a BIPOP small run has spent its budget, half the large runs' evaluations so far
 *   (Hansen 2009; checked by the optimizer, not by {@link checkStop}).
 * The evaluation budget is not a reason here: the `minimize` driver's `maxEvaluations` stops the run.
 */
export type CmaStopReason = "tolX" | "tolFun" | "conditionCov" | "numerical" | "smallRunBudget";

/** The thresholds, tolX already in absolute units (the option times the run's σ0). */
export interface StopTolerances {
  readonly tolX: number;
  readonly tolFun: number;
  readonly tolConditionCov: number;
}

/** How many recent generations' best values the tolFun criterion looks at. */
export function tolFunHistoryLength(n: number, lambda: number): number {
  return 10 + Math.ceil((30 * n) / lambda);
}

/**
 * The first criterion that holds after a generation, or null. `history` holds the best value of each
 * recent generation (newest last, at most {@link tolFunHistoryLength}); `fitness` the latest generation's.
 */
export function checkStop(
  d: Distribution,
  tol: StopTolerances,
  history: readonly number[],
  fitness: Float64Array,
): CmaStopReason | null {
  const { n, sigma } = d;
  if (!(sigma > 0 && Number.isFinite(sigma)) || d.D.some((v) => !(v >= 0 && Number.isFinite(v))))
    return "numerical";
  if (conditionNumber(d) > tol.tolConditionCov) return "conditionCov";
  let small = true;
  for (let i = 0; i < n && small; i++) {
    const cii = d.diagonal ? d.C[i] : d.C[i * n + i];
    small = sigma * Math.abs(d.pc[i]) < tol.tolX && sigma * Math.sqrt(cii) < tol.tolX;
  }
  if (small) return "tolX";
  if (history.length >= tolFunHistoryLength(n, d.params.lambda)) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const f of history) {
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
    }
    for (const f of fitness) {
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
    }
    if (hi - lo < tol.tolFun) return "tolFun";
  }
  return null;
}
