import { isBaselineRecord, isTrialRecord, type OverviewEcdf, type RunRecord } from "@arena/results";
import { ecdf } from "@arena/stats";
import { trainingWallMs } from "./run-values.ts";

/** The cost of one (run, target) pair at first reach; Infinity when never reached. */
function hitCost(t: RunRecord["targets"][number], cost: OverviewEcdf["cost"]): number {
  const v = cost === "flops" ? t.flops : t.wallMs;
  return t.reached && v !== null ? v : Number.POSITIVE_INFINITY;
}

/** Decades from the one below the cheapest hit to the one above the largest spent cost. */
function decades(low: number, high: number): number[] {
  if (!(low > 0 && Number.isFinite(high) && high >= low)) return [];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(low)); e <= Math.ceil(Math.log10(high)); e++) out.push(10 ** e);
  return out;
}

/**
 * The runtime ECDF pooled over every (problem, model, target, run) a learner was tried on, as COCO
 * aggregates over functions: at each budget, the fraction of those pairs whose target was reached
 * within it. Learners are matched by name across problems; trials, baseline fits and failed runs (as
 * in the per-problem target tables) are left out. Costs are pooled as they are: a problem with larger
 * models reaches its targets at larger FLOPs, which is what the ECDF's x axis then shows. Budgets are
 * the decades the hits and spent costs span, so the report can print the curve as a row of numbers.
 */
export function overviewEcdf(
  records: readonly RunRecord[],
  learners: readonly string[],
  cost: OverviewEcdf["cost"],
): OverviewEcdf {
  const runs = records.filter((r) => !isTrialRecord(r) && !isBaselineRecord(r) && r.status !== "failed");
  const hits = new Map<string, number[][]>(learners.map((l) => [l, []]));
  let cheapest = Number.POSITIVE_INFINITY;
  let spent = 0;
  for (const r of runs) {
    const rows = hits.get(r.learner.name);
    if (!rows) continue;
    spent = Math.max(spent, cost === "flops" ? r.cost.flops : trainingWallMs(r));
    for (const t of r.targets) {
      const c = hitCost(t, cost);
      if (c > 0) cheapest = Math.min(cheapest, c);
      rows.push([c]);
    }
  }
  const budgets = decades(cheapest, spent);
  return {
    cost,
    budgets,
    learners: learners.map((learner) => {
      const rows = hits.get(learner) ?? [];
      return {
        learner,
        pairs: rows.length,
        fractions: rows.length > 0 && budgets.length > 0 ? ecdf(rows, budgets) : budgets.map(() => 0),
      };
    }),
  };
}
