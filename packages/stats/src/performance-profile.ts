import { badArgument, fail } from "./checks.ts";

/**
 * Performance ratios (Dolan & Moré 2002, "Benchmarking optimization software with performance
 * profiles", *Math. Program.* 91:201–213): `costs[p][s]` is what solver s spent to solve problem p
 * (Infinity or null when it did not); the ratio r[p][s] = costs[p][s] / min over s of costs[p][s].
 * A problem no solver solved gives every solver the ratio Infinity. When the fastest cost is 0 (a
 * target met before any spending) the problem's costs are shifted by 1 first, as BenchmarkProfiles.jl
 * does, so a solver that spent a little more is slower rather than "unsolved".
 *
 * @example
 * ```ts
 * import { performanceRatios } from "@arena/stats";
 * performanceRatios([[10, 20], [40, Infinity]]); // [[1, 2], [1, Infinity]]
 * ```
 */
export function performanceRatios(costs: ReadonlyArray<ReadonlyArray<number | null>>): number[][] {
  if (costs.length === 0) badArgument("performanceRatios", "costs", "expected at least one problem", []);
  const solvers = costs[0].length;
  if (solvers === 0) badArgument("performanceRatios", "costs[0]", "expected at least one solver", []);
  return costs.map((row, p) => {
    if (row.length !== solvers) {
      fail("performanceRatios", `costs[${p}]`, `expected ${solvers} costs like costs[0] (got ${row.length})`);
    }
    const cs = row.map((c, s) => {
      if (c === null) return Number.POSITIVE_INFINITY;
      if (typeof c !== "number" || Number.isNaN(c) || c < 0)
        badArgument("performanceRatios", `costs[${p}][${s}]`, "expected a cost >= 0, Infinity or null", c);
      return c;
    });
    const best = Math.min(...cs);
    if (!Number.isFinite(best)) return cs.map(() => Number.POSITIVE_INFINITY);
    if (best === 0) return cs.map((c) => c + 1);
    return cs.map((c) => c / best);
  });
}

/**
 * One solver's performance profile at τ: the fraction of problems whose ratio is ≤ τ. `ratios` are the
 * solver's ratios over the problems (one column of {@link performanceRatios}).
 *
 * @example
 * ```ts
 * import { performanceProfile } from "@arena/stats";
 * performanceProfile([1, 2, Infinity, 1.5], 1.5); // 0.5
 * ```
 */
export function performanceProfile(ratios: ArrayLike<number>, tau: number): number {
  checkRatios("performanceProfile", ratios);
  let n = 0;
  for (let i = 0; i < ratios.length; i++) if (ratios[i] <= tau) n++;
  return n / ratios.length;
}

/**
 * The AlgoPerf benchmark score of one solver (Dahl et al. 2023, "Benchmarking neural network training
 * algorithms", arXiv:2306.07179, §4.5): the area under its performance profile from τ = 1 to τ_max,
 * divided by τ_max − 1, so 1 means fastest on every problem and 0 means never within τ_max of the
 * fastest. AlgoPerf uses τ_max = 4. The profile is a step function, so the integral is exact:
 * a problem with ratio r ≤ τ_max adds (τ_max − r) / (τ_max − 1) / problems.
 *
 * @example
 * ```ts
 * import { profileScore } from "@arena/stats";
 * profileScore([1, 2.5, Infinity], 4); // (3/3 + 1.5/3 + 0) / 3 = 0.5
 * ```
 */
export function profileScore(ratios: ArrayLike<number>, tauMax = 4): number {
  checkRatios("profileScore", ratios);
  if (!(typeof tauMax === "number" && tauMax > 1 && Number.isFinite(tauMax)))
    badArgument("profileScore", "tauMax", "expected a finite number > 1", tauMax);
  let area = 0;
  for (let i = 0; i < ratios.length; i++) {
    const r = ratios[i];
    if (r <= tauMax) area += (tauMax - r) / (tauMax - 1);
  }
  return area / ratios.length;
}

function checkRatios(fn: string, ratios: ArrayLike<number>): void {
  if (ratios.length === 0) badArgument(fn, "ratios", "expected at least one problem's ratio", []);
  for (let i = 0; i < ratios.length; i++) {
    const r = ratios[i];
    if (typeof r !== "number" || Number.isNaN(r) || r < 1)
      badArgument(fn, `ratios[${i}]`, "expected a ratio >= 1 or Infinity", r);
  }
}
