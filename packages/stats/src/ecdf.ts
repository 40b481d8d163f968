import { parseOptions } from "@arena/options";
import type * as z from "zod";
import { badArgument, fail } from "./checks.ts";
import { timeToTargetOptions } from "./options.ts";

/**
 * First hitting costs of a set of runs on a ladder of targets: `hits[r][t]` is the cost (FLOPs,
 * evaluations, wall ms …) at which run r first reached target t, or `null`/`Infinity` if it never did.
 * Every run must have one entry per target.
 */
export type HitTable = ReadonlyArray<ReadonlyArray<number | null>>;

function checkHits(fn: string, hits: HitTable): number {
  if (hits.length === 0) badArgument(fn, "hits", "expected at least one run (a row of hits)", []);
  const targets = hits[0].length;
  if (targets === 0) badArgument(fn, "hits[0]", "expected one entry per target", []);
  for (let r = 0; r < hits.length; r++) {
    const row = hits[r];
    if (row.length !== targets) {
      fail(fn, `hits[${r}]`, `expected ${targets} entries like hits[0], one per target (got ${row.length})`);
    }
    for (let t = 0; t < targets; t++) {
      const v = row[t];
      if (v !== null && (typeof v !== "number" || Number.isNaN(v) || v < 0)) {
        badArgument(fn, `hits[${r}][${t}]`, "expected a cost >= 0, Infinity or null", v);
      }
    }
  }
  return targets;
}

/**
 * Runtime ECDF over a ladder of targets, as COCO and IOHprofiler draw it (Hansen et al. 2022,
 * "Anytime performance assessment in blackbox optimization benchmarking", *IEEE TEVC* 26(6);
 * Doerr et al. 2018, "IOHprofiler", arXiv:1810.05281): for each budget b, the fraction of all
 * (run, target) pairs whose target was reached at a cost ≤ b. The curve rises from 0 and ends at the
 * overall fraction of pairs ever reached; it aggregates convergence speed and final quality in one
 * picture. (COCO extends unsuccessful runs by simulated restarts; here every run had the same fixed
 * budget, so the plain fraction is used.)
 *
 * @example
 * ```ts
 * import { ecdf } from "@arena/stats";
 * // two runs, targets [0.8, 0.9]: run 0 reached them at 100 and 400 FLOPs, run 1 only the first, at 250
 * ecdf([[100, 400], [250, null]], [50, 100, 300, 1000]); // [0, 0.25, 0.5, 0.75]
 * ```
 */
export function ecdf(hits: HitTable, budgets: ArrayLike<number>): number[] {
  const targets = checkHits("ecdf", hits);
  const steps = ecdfSteps(hits);
  const total = hits.length * targets;
  const out: number[] = [];
  for (let i = 0; i < budgets.length; i++) {
    const b = budgets[i];
    if (typeof b !== "number" || Number.isNaN(b))
      badArgument("ecdf", `budgets[${i}]`, "expected a number", b);
    // Binary search for the number of hits with cost ≤ b.
    let lo = 0;
    let hi = steps.costs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (steps.costs[mid] <= b) lo = mid + 1;
      else hi = mid;
    }
    out.push(lo === 0 ? 0 : steps.counts[lo - 1] / total);
  }
  return out;
}

/** The ECDF as a step function: at each distinct hitting cost, the fraction of pairs reached by then. */
export interface EcdfSteps {
  /** Distinct finite hitting costs, ascending. */
  costs: number[];
  /** Fraction of (run, target) pairs reached at a cost ≤ `costs[i]`. */
  fractions: number[];
  /** Number of pairs reached at a cost ≤ `costs[i]`. */
  counts: number[];
  /** Number of (run, target) pairs: runs × targets. */
  pairs: number;
}

/**
 * The runtime ECDF's jump points, for drawing it exactly (a step plot through `costs`/`fractions`).
 *
 * @example
 * ```ts
 * import { ecdfSteps } from "@arena/stats";
 * ecdfSteps([[100, 400], [250, null]]); // costs [100, 250, 400], fractions [0.25, 0.5, 0.75]
 * ```
 */
export function ecdfSteps(hits: HitTable): EcdfSteps {
  const targets = checkHits("ecdfSteps", hits);
  const finite: number[] = [];
  for (const row of hits) for (const v of row) if (v !== null && Number.isFinite(v)) finite.push(v);
  finite.sort((a, b) => a - b);
  const pairs = hits.length * targets;
  const costs: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < finite.length; i++) {
    if (i + 1 < finite.length && finite[i + 1] === finite[i]) continue;
    costs.push(finite[i]);
    counts.push(i + 1);
  }
  return { costs, counts, fractions: counts.map((c) => c / pairs), pairs };
}

/**
 * Options of {@link timeToTarget}: `higherIsBetter`, true for accuracy-like figures (reached when value ≥
 * target), false for losses/RMSE (value ≤ target).
 */
export type TimeToTargetOptions = z.input<typeof timeToTargetOptions>;

/**
 * The first cost at which a trace reaches a target, or null if it never does: scans checkpoints in
 * order and returns `costs[i]` for the first i with `values[i]` at or beyond `target`. NaN values
 * (a diverged checkpoint) never count as reached.
 *
 * @example
 * ```ts
 * import { timeToTarget } from "@arena/stats";
 * timeToTarget([10, 20, 30], [0.5, 0.82, 0.9], 0.8, { higherIsBetter: true }); // 20
 * ```
 */
export function timeToTarget(
  costs: ArrayLike<number>,
  values: ArrayLike<number>,
  target: number,
  options: TimeToTargetOptions,
): number | null {
  const { higherIsBetter: higher } = parseOptions("timeToTarget", timeToTargetOptions, options ?? {});
  if (costs.length !== values.length) {
    fail("timeToTarget", "costs", `expected one cost per value, ${values.length} (got ${costs.length})`);
  }
  if (typeof target !== "number" || Number.isNaN(target))
    badArgument("timeToTarget", "target", "expected a number", target);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (higher ? v >= target : v <= target) return costs[i];
  }
  return null;
}
