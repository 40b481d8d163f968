import { badArgument } from "./checks.ts";

/**
 * One run's outcome for one target: the cost at which it first reached the target (null if it never
 * did), and the total cost it spent.
 */
export interface RunOutcome {
  hit: number | null;
  spent: number;
}

function checkOutcomes(fn: string, runs: ReadonlyArray<RunOutcome>): void {
  if (runs.length === 0) badArgument(fn, "runs", "expected at least one run", []);
  for (let i = 0; i < runs.length; i++) {
    const { hit, spent } = runs[i];
    if (typeof spent !== "number" || !(spent >= 0) || !Number.isFinite(spent)) {
      badArgument(fn, `runs[${i}].spent`, "expected a finite cost >= 0", spent);
    }
    if (hit !== null && (typeof hit !== "number" || !(hit >= 0) || hit > spent)) {
      badArgument(fn, `runs[${i}].hit`, `expected null or a cost in [0, spent = ${spent}]`, hit);
    }
  }
}

/**
 * Expected running time (Hansen, Auger, Finck & Ros 2009, "Real-parameter black-box optimization
 * benchmarking 2009: experimental setup", INRIA RR-6828, §2.4; Auger & Hansen 2005; COCO's `ERT`):
 *
 *   ERT = (Σ over successful runs of the cost to first reach the target
 *          + Σ over unsuccessful runs of their whole spent cost) / (number of successful runs).
 *
 * It estimates the cost to reach the target if one restarted unsuccessful runs independently until
 * one succeeds. Infinity when no run succeeded. With every run successful it is the mean hitting cost.
 *
 * @example
 * ```ts
 * import { ert } from "@arena/stats";
 * ert([{ hit: 100, spent: 1000 }, { hit: null, spent: 1000 }, { hit: 300, spent: 1000 }]); // (100 + 1000 + 300) / 2 = 700
 * ```
 */
export function ert(runs: ReadonlyArray<RunOutcome>): number {
  checkOutcomes("ert", runs);
  let total = 0;
  let successes = 0;
  for (const { hit, spent } of runs) {
    if (hit === null) total += spent;
    else {
      total += hit;
      successes++;
    }
  }
  return successes === 0 ? Number.POSITIVE_INFINITY : total / successes;
}

/** The fraction of runs that reached the target. */
export function successRate(runs: ReadonlyArray<RunOutcome>): number {
  checkOutcomes("successRate", runs);
  let successes = 0;
  for (const { hit } of runs) if (hit !== null) successes++;
  return successes / runs.length;
}
