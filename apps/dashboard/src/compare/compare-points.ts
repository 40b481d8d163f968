import { comparisonValue, flopsToTarget, trainingWallMs } from "@arena/report";
import type { RunRecord } from "@arena/results";

/**
 * The per-run values the compare page draws, by the rules `arena compare` tests them with (the same
 * functions of `@arena/report`): failed runs are left out (a crash says nothing about the algorithm); a
 * diverged run (or one without a finite final metric) is the worst final metric, and a run that never
 * reached the row's target costs +∞. Those have no value to draw to scale: they are `edge` points,
 * drawn beyond the worst value drawn.
 */
export interface ComparePoint {
  /** The figure's value; null for an edge point (diverged, not reached). */
  value: number | null;
  repetition: number;
}

const finished = (runs: readonly RunRecord[]) => runs.filter((r) => r.status !== "failed");
const finite = (v: number | null | undefined) =>
  v !== null && v !== undefined && Number.isFinite(v) ? v : null;

/** Final test metric per finished run; diverged or non-finite: an edge point (the worst value). */
export function finalPoints(runs: readonly RunRecord[]): ComparePoint[] {
  return finished(runs).map((r) => ({ value: finite(comparisonValue(r)), repetition: r.repetition }));
}

/**
 * FLOPs at each finished run's first reach of `target`; never reached: an edge point (+∞). A run
 * whose ladder lacks the target is left out: its cost to it is unknown, not infinite.
 */
export function costPoints(runs: readonly RunRecord[], target: number): ComparePoint[] {
  const out: ComparePoint[] = [];
  for (const r of finished(runs)) {
    const flops = flopsToTarget(r, target);
    if (flops !== undefined) out.push({ value: finite(flops), repetition: r.repetition });
  }
  return out;
}

/** Training wall time of each finished run: its last checkpoint's (evaluation excluded), else its total. */
export function wallPoints(runs: readonly RunRecord[]): ComparePoint[] {
  return finished(runs).map((r) => ({ value: trainingWallMs(r), repetition: r.repetition }));
}
