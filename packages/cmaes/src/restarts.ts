import type { Rng } from "@arena/rng";
import * as z from "zod";

/** The `restarts` option: IPOP or BIPOP, and how many restarts at most. */
export const RestartSpec = z
  .strictObject({
    kind: z
      .enum(["ipop", "bipop"])
      .describe(
        '"ipop": each restart doubles the population (Auger & Hansen 2005); "bipop": alternates that with budget-limited runs of small populations and step sizes, whichever regime has spent fewer evaluations (Hansen 2009)',
      ),
    max: z
      .number()
      .int()
      .min(0)
      .default(9)
      .describe(
        "large-population restarts at most (default 9, as Hansen 2009); BIPOP's small runs come on top, each while the small regime has spent fewer evaluations than the large one",
      ),
  })
  .describe("restart a run that stopped (see stopReason) from a new uniform random mean in the init range");
export type RestartSpec = z.input<typeof RestartSpec>;
export type ResolvedRestarts = z.output<typeof RestartSpec>;

/** Which BIPOP regime a run belongs to (IPOP runs are all "large"). */
export type Regime = "large" | "small";

/** The restart bookkeeping, plain JSON (part of `state()`). */
export interface RestartLedger {
  /** Restarts done so far. */
  restarts: number;
  /** Large-population restarts done so far: the next large run has λ = λ0 · 2^(largeRuns + 1). */
  largeRuns: number;
  /**
   * Evaluations spent by the runs of each regime. BIPOP books the first run (default λ) on the small
   * side, as Hansen's BIPOP code and pycma's `fmin` do, so the first restart is a large one.
   */
  largeEvaluations: number;
  smallEvaluations: number;
}

/** The population size and initial step size of the next run. */
export interface RunPlan {
  readonly lambda: number;
  readonly sigma0: number;
  readonly regime: Regime;
  /** A BIPOP small run's budget: it stops ("smallRunBudget") once it has spent this many evaluations; null: no limit. */
  readonly maxEvaluations: number | null;
}

/**
 * Books the run that just ended and plans the next one, or returns null when no restart is left
 * (`max` large restarts done and, for BIPOP, the small regime has caught up with the large one).
 * IPOP: λ = λ0 · 2^k at the k-th restart, σ0 unchanged. BIPOP (Hansen 2009, as pycma's `fmin`): the
 * regime with fewer evaluations spent goes next; a large run doubles λ as IPOP does; a small run draws
 * λ_s = ⌊λ0 (λ_l / λ0)^(u²)⌋ with λ_l the latest large population, σ = σ0 · 10^(−2u′) (u, u′ uniform in
 * [0, 1)), and may spend at most half the evaluations the large runs have spent so far.
 * Every run asks its own λ rows per generation (the optimizer resizes its population on a restart).
 */
export function planRestart(
  spec: ResolvedRestarts | null,
  ledger: RestartLedger,
  ended: { regime: Regime; evaluations: number },
  lambda0: number,
  sigma0: number,
  rng: Rng,
): RunPlan | null {
  const bipop = spec?.kind === "bipop";
  if (ended.regime === "large" && !(bipop && ledger.restarts === 0))
    ledger.largeEvaluations += ended.evaluations;
  else ledger.smallEvaluations += ended.evaluations;
  if (spec === null) return null;
  if (bipop && ledger.smallEvaluations < ledger.largeEvaluations) {
    ledger.restarts++;
    const u = rng.float();
    const u2 = rng.float();
    const lambdaLarge = lambda0 * 2 ** ledger.largeRuns;
    const lambda = Math.floor(lambda0 * (lambdaLarge / lambda0) ** (u * u));
    return {
      lambda,
      sigma0: sigma0 * 10 ** (-2 * u2),
      regime: "small",
      maxEvaluations: ledger.largeEvaluations / 2,
    };
  }
  if (ledger.largeRuns >= spec.max) return null;
  ledger.restarts++;
  ledger.largeRuns++;
  return { lambda: lambda0 * 2 ** ledger.largeRuns, sigma0, regime: "large", maxEvaluations: null };
}
