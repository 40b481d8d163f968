import type { OverviewProfile } from "@arena/results";
import { performanceRatios, profileScore } from "@arena/stats";
import type { CaseRows } from "./overview-table.ts";

/** AlgoPerf's τ_max (Dahl et al. 2023, §4.5): a learner more than 4× slower than the fastest scores 0 there. */
export const PROFILE_TAU_MAX = 4;

/** ERT of a case's row to the case's profile target, in the given cost; Infinity when absent or never reached. */
function ertTo(c: CaseRows, learner: string, cost: OverviewProfile["cost"]): number {
  const row = c.rows.find((r) => r.learner === learner);
  const t = row?.targets.find((x) => x.target === c.meta.profileTarget);
  if (!t) return Number.POSITIVE_INFINITY;
  return cost === "flops" ? t.ertFlops : t.ertWallMs;
}

/**
 * Dolan–Moré performance profiles of the learners over the cases, on the ERT to each case's profile
 * target (its hardest target some learner reaches in half its runs), in FLOPs or in wall time, with the
 * AlgoPerf score of each. A learner that did not run on a case counts as never reaching its target
 * there; cases without a profile target are left out. Null when no case has a target.
 */
export function overviewProfile(
  cases: readonly CaseRows[],
  learners: readonly string[],
  cost: OverviewProfile["cost"],
): OverviewProfile | null {
  const profiled = cases.map((c, i) => ({ c, i })).filter(({ c }) => c.meta.profileTarget !== null);
  if (profiled.length === 0 || learners.length === 0) return null;
  const ratios = performanceRatios(profiled.map(({ c }) => learners.map((l) => ertTo(c, l, cost))));
  return {
    cost,
    tauMax: PROFILE_TAU_MAX,
    cases: profiled.map(({ i }) => i),
    learners: learners.map((learner, s) => {
      const column = ratios.map((row) => row[s]);
      return { learner, ratios: column, score: profileScore(column, PROFILE_TAU_MAX) };
    }),
  };
}
