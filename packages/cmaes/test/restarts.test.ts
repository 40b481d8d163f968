import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { planRestart, type RestartLedger, type RunPlan } from "../src/restarts.ts";

const fresh = (): RestartLedger => ({ restarts: 0, largeRuns: 0, largeEvaluations: 0, smallEvaluations: 0 });

/** Plays a restart sequence where every run spends `evals(plan)` evaluations. */
function sequence(kind: "ipop" | "bipop", max: number, evals: (p: RunPlan) => number): RunPlan[] {
  const rng = new Rng(7);
  const ledger = fresh();
  const first: RunPlan = { lambda: 10, sigma0: 2, regime: "large", maxEvaluations: null };
  const plans = [first];
  let ended = { regime: first.regime, evaluations: evals(first) };
  for (;;) {
    const next = planRestart({ kind, max }, ledger, ended, 10, 2, rng);
    if (next === null) return plans;
    plans.push(next);
    ended = { regime: next.regime, evaluations: evals(next) };
  }
}

describe("planRestart", () => {
  it("IPOP doubles λ at each of `max` restarts and keeps σ0", () => {
    const plans = sequence("ipop", 4, (p) => 100 * p.lambda);
    expect(plans.map((p) => p.lambda)).toEqual([10, 20, 40, 80, 160]);
    expect(new Set(plans.map((p) => p.sigma0))).toEqual(new Set([2]));
    expect(plans.every((p) => p.maxEvaluations === null)).toBe(true);
  });

  it("BIPOP (Hansen 2009, pycma's fmin): the first run is booked small, so the first restart is large", () => {
    const plans = sequence("bipop", 3, (p) => 100 * p.lambda);
    expect(plans[1]).toMatchObject({ regime: "large", lambda: 20 });
  });

  it("BIPOP's small runs: λ0 ≤ λ_s ≤ the latest large λ, σ0·10^−2 < σ ≤ σ0, budget half the large runs' spend", () => {
    const plans = sequence("bipop", 6, (p) => p.maxEvaluations ?? 100 * p.lambda);
    let latestLarge = 10;
    let largeSpent = 0;
    let small = 0;
    for (const p of plans.slice(1)) {
      if (p.regime === "large") {
        latestLarge = p.lambda;
        largeSpent += p.maxEvaluations ?? 100 * p.lambda;
        continue;
      }
      small++;
      expect(p.lambda).toBeGreaterThanOrEqual(10);
      expect(p.lambda).toBeLessThanOrEqual(latestLarge);
      expect(p.sigma0).toBeGreaterThan(0.02);
      expect(p.sigma0).toBeLessThanOrEqual(2);
      expect(p.maxEvaluations).toBe(largeSpent / 2);
    }
    expect(small).toBeGreaterThan(3);
    expect(plans.filter((p) => p.regime === "large")).toHaveLength(7);
  });
});
