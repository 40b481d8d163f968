import { performanceProfile } from "@arena/stats";

/**
 * A learner's performance profile (Dolan & Moré) as the points of a step line (Plotly `line.shape:
 * "hv"`) from τ = 1 to `end`: ρ(τ), the fraction of problems it solved within τ times the fastest
 * learner's cost, from `performanceProfile` of `@arena/stats` at τ = 1 and at each of its distinct
 * finite ratios, then flat to `end`. A ratio that is not a number ≥ 1 (NaN from an old report, a
 * problem never solved: Infinity) counts as never solved.
 *
 * @example
 * ```ts
 * profileSteps([1, 2.5, Infinity, 1], 8); // { x: [1, 2.5, 8], y: [0.5, 0.75, 0.75] }
 * ```
 */
export function profileSteps(ratios: readonly number[], end: number): { x: number[]; y: number[] } {
  const clean = ratios.map((r) => (typeof r === "number" && r >= 1 ? r : Number.POSITIVE_INFINITY));
  if (clean.length === 0) return { x: [], y: [] };
  const jumps = [...new Set(clean.filter((r) => r > 1 && Number.isFinite(r)))].sort((a, b) => a - b);
  const x = [1];
  const y = [performanceProfile(clean, 1)];
  for (const r of jumps) {
    x.push(r);
    y.push(performanceProfile(clean, r));
  }
  if (end > x[x.length - 1]) {
    x.push(end);
    y.push(y[y.length - 1]);
  }
  return { x, y };
}

/**
 * The end of a profile's τ axis: the power of two above both τ_max and every finite ratio, so the
 * last jump and τ_max show with room to their right.
 *
 * @example
 * ```ts
 * profileEnd([[1, 3.2], [1, Infinity]], 4); // 8
 * ```
 */
export function profileEnd(ratios: readonly (readonly number[])[], tauMax: number): number {
  let top = tauMax;
  for (const rs of ratios) for (const r of rs) if (Number.isFinite(r) && r > top) top = r;
  return 2 ** (Math.floor(Math.log2(top)) + 1);
}
