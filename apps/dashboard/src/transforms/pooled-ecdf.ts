import type { RunRecord } from "@arena/results";
import type { ProblemGroup } from "../data/groups.ts";
import { type EcdfCurve, ecdfCurve } from "./ecdf.ts";
import type { TargetCost } from "./targets.ts";

/** One learner's runtime ECDF pooled over problems. */
export interface PooledEcdf {
  /** The learner's name: learners are matched by name across problems (and models). */
  learner: string;
  /** Over every (problem, target, run) pair of its counted runs. */
  curve: EcdfCurve;
  /** Problems it ran on. */
  problems: number;
  /** The most any counted run of it spent: where its curve's last plateau ends. */
  budget: number;
}

/** The pooled ECDFs of one cost, and where a log axis should start to show their whole rise. */
export interface PooledEcdfs {
  cost: TargetCost;
  learners: PooledEcdf[];
  /** The smallest positive cost of any hit or checkpoint; null when nothing has one. */
  start: number | null;
}

/** The cost a run spent by its end (wall time is measured at checkpoints only). */
function spent(r: RunRecord, cost: TargetCost): number {
  return cost === "wallMs" ? (r.trace.at(-1)?.wallMs ?? 0) : r.cost[cost];
}

/** The smallest positive cost of the runs' checkpoints, or Infinity. */
function firstPositive(runs: RunRecord[], cost: TargetCost): number {
  let start = Number.POSITIVE_INFINITY;
  for (const r of runs) for (const c of r.trace) if (c[cost] > 0 && c[cost] < start) start = c[cost];
  return start;
}

/**
 * The runtime ECDF of each learner pooled over problems, as COCO aggregates over functions: every
 * (problem, target, run) pair counts once, a run's targets being its own problem's ladder, and the
 * fraction at budget b is the share of all those pairs reached at a cost ≤ b. Learners are matched by
 * name across problems and models, in order of first appearance; failed runs are left out and a diverged
 * run counts as not reaching what it missed, as in each problem's ECDF and the report. Problems have
 * ladders of different lengths, so each pair is one row of one target for `ecdfCurve` (`ecdfSteps` of
 * `@arena/stats` needs one width): the steps are exact, not sampled at budgets.
 *
 * @example
 * ```ts
 * // "adam" on two problems: ladder [a, b] with runs hitting (10, 40) and (20, null); ladder [c] with (30)
 * pooledEcdf(problems, "flops").learners[0].curve; // costs [10, 20, 30, 40], fractions [0.2, 0.4, 0.6, 0.8], pairs 5
 * ```
 */
export function pooledEcdf(problems: ProblemGroup[], cost: TargetCost): PooledEcdfs {
  const byName = new Map<string, { hits: (number | null)[][]; problems: Set<string>; budget: number }>();
  let start = Number.POSITIVE_INFINITY;
  for (const p of problems) {
    for (const l of p.learners) {
      const entry = byName.get(l.learner) ?? { hits: [], problems: new Set<string>(), budget: 0 };
      byName.set(l.learner, entry);
      entry.problems.add(p.name);
      const counted = l.runs.filter((r) => r.status !== "failed");
      for (const r of counted) {
        entry.budget = Math.max(entry.budget, spent(r, cost));
        for (const hit of r.targets) {
          const c = hit.reached ? hit[cost] : null;
          entry.hits.push([c ?? null]);
          if (c !== null && c > 0 && c < start) start = c;
        }
      }
      start = Math.min(start, firstPositive(counted, cost));
    }
  }
  return {
    cost,
    start: Number.isFinite(start) ? start : null,
    learners: [...byName.entries()].map(([learner, e]) => ({
      learner,
      curve: ecdfCurve(e.hits),
      problems: e.problems.size,
      budget: e.budget,
    })),
  };
}
