import type { RunRecord } from "@arena/results";
import { median } from "@arena/stats";
import { comparisonValue, trainingWallMs } from "./run-values.ts";

/**
 * The per-run values `arena compare` tests, one array per side. Failed runs are left out of every
 * figure (a crash says nothing about the algorithm, as in report.json); a diverged run keeps its place
 * with the worst value of the final metric.
 */

/** Per-run values of one figure on both sides, or why the figure cannot be tested. */
export type FigureValues =
  | { base: number[]; next: number[]; target?: number }
  | { untested: string; target?: number | null };

const finished = (rs: readonly RunRecord[]) => rs.filter((r) => r.status !== "failed");

function sidesOrUntested(base: number[], next: number[]): FigureValues {
  if (base.length === 0) return { untested: "no finished run in BASE" };
  if (next.length === 0) return { untested: "no finished run in NEW" };
  return { base, next };
}

/** Final test metric per run; a diverged run (or a non-finite figure) as the worst value. */
export function finalMetricValues(base: readonly RunRecord[], next: readonly RunRecord[]): FigureValues {
  const values = (rs: readonly RunRecord[]) => rs.map(comparisonValue).filter((v): v is number => v !== null);
  return sidesOrUntested(values(base), values(next));
}

/** Training wall time per run (measured: the last checkpoint's wall ms, evaluation excluded). */
export function wallValues(base: readonly RunRecord[], next: readonly RunRecord[]): FigureValues {
  return sidesOrUntested(finished(base).map(trainingWallMs), finished(next).map(trainingWallMs));
}

/** One target of the ladder as BASE's finished runs met it: how many reached it, and how late. */
interface TargetStanding {
  target: number;
  position: number;
  hits: number;
  medianFlops: number;
}

function standing(runs: readonly RunRecord[], target: number, position: number): TargetStanding {
  const flops = runs
    .flatMap((r) => r.targets.filter((t) => t.target === target && t.reached))
    .map((t) => t.flops ?? 0);
  return { target, position, hits: flops.length, medianFlops: flops.length > 0 ? median(flops) : 0 };
}

/** Harder first: fewer runs reached it; then reached later; then later in the ladder (ladders go easy to hard). */
const harder = (a: TargetStanding, b: TargetStanding) =>
  a.hits - b.hits || b.medianFlops - a.medianFlops || b.position - a.position;

/**
 * The target the cost is counted to: the hardest target of the ladder that at least half of BASE's
 * finished runs reached; null when none did. Hardness is read from BASE's runs, not from the values,
 * since a ladder may be on the validation metric (higher is harder for accuracy) or on a loss (lower
 * is harder): the target fewest runs reached, then the one reached latest (median FLOPs at first
 * reach), then the later in the ladder. A target half of BASE never reached would make most runs +∞
 * on both sides and say nothing.
 */
export function costTarget(base: readonly RunRecord[]): number | null {
  const runs = finished(base);
  const ladder = [...new Set(runs.flatMap((r) => r.targets.map((t) => t.target)))];
  const reached = ladder
    .map((t, i) => standing(runs, t, i))
    .filter((s) => s.hits > 0 && s.hits * 2 >= runs.length)
    .sort(harder);
  return reached.length > 0 ? reached[0].target : null;
}

/** FLOPs at a run's first reach of `target`; +∞ when it never did; undefined when its ladder lacks it. */
export function flopsToTarget(r: RunRecord, target: number): number | undefined {
  const hit = r.targets.find((t) => t.target === target);
  if (!hit) return undefined;
  return hit.reached && hit.flops !== null ? hit.flops : Number.POSITIVE_INFINITY;
}

/**
 * FLOPs to the row's target per run (see {@link costTarget}); a run that never reached it counts as
 * +∞, the worst value. Untested when no target qualifies, or when a run's ladder lacks the target (a
 * changed suite): its cost to it is unknown, not infinite.
 */
export function costValues(base: readonly RunRecord[], next: readonly RunRecord[]): FigureValues {
  const target = costTarget(base);
  if (target === null) {
    return { untested: "no target: no target of the ladder was reached by half of BASE's runs", target };
  }
  const values = (rs: readonly RunRecord[]) => finished(rs).map((r) => flopsToTarget(r, target));
  const [b, n] = [values(base), values(next)];
  if ([...b, ...n].some((v) => v === undefined)) {
    return { untested: `some runs have no target ${target} in their ladder (the suite changed)`, target };
  }
  const sides = sidesOrUntested(b as number[], n as number[]);
  return { ...sides, target };
}
