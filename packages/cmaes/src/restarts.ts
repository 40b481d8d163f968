import type { Rng } from "@arena/rng";
import * as z from "zod";

/** The `restarts` option: IPOP or BIPOP, and how many restarts at most. */
export const RestartSpec = z
  .strictObject({
    kind: z
      .enum(["ipop", "bipop"])
      .describe(
        '"ipop": each restart doubles the population (Auger & Hansen 2005); "bipop": alternates that with short runs of small populations and step sizes, whichever regime has spent fewer evaluations (Hansen 2009)',
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
  /** Evaluations spent by the runs of each regime (the first run counts as large). */
  largeEvaluations: number;
  smallEvaluations: number;
}

/** The population size and initial step size of the next run. */
export interface RunPlan {
  readonly lambda: number;
  readonly sigma0: number;
  readonly regime: Regime;
}

/**
 * Books the run that just ended and plans the next one, or returns null when no restart is left
 * (`max` large restarts done and, for BIPOP, the small regime has caught up with the large one).
 * IPOP: λ = λ0 · 2^k at the k-th restart, σ0 unchanged. BIPOP: the regime with fewer evaluations spent
 * goes next; a large run doubles λ as IPOP does, a small run draws λ_s = ⌊λ0 (λ_l / (2 λ0))^(u²)⌋ and
 * σ = σ0 · 10^(−2u′) with u, u′ uniform in [0, 1) and λ_l the latest large population (at least 2).
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
  if (ended.regime === "large") ledger.largeEvaluations += ended.evaluations;
  else ledger.smallEvaluations += ended.evaluations;
  if (spec === null) return null;
  if (spec.kind === "bipop" && ledger.smallEvaluations < ledger.largeEvaluations) {
    ledger.restarts++;
    const u = rng.float();
    const u2 = rng.float();
    const lambdaLarge = lambda0 * 2 ** ledger.largeRuns;
    const lambda = Math.max(2, Math.floor(lambda0 * (lambdaLarge / (2 * lambda0)) ** (u * u)));
    return { lambda, sigma0: sigma0 * 10 ** (-2 * u2), regime: "small" };
  }
  if (ledger.largeRuns >= spec.max) return null;
  ledger.restarts++;
  ledger.largeRuns++;
  return { lambda: lambda0 * 2 ** ledger.largeRuns, sigma0, regime: "large" };
}
