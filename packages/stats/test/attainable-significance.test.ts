import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Alternative,
  canReachSignificance,
  holm,
  mannWhitneyMinP,
  mannWhitneyU,
  minAttainableAdjustedP,
} from "../src/index.ts";

const range = (n: number, from: number): number[] => Array.from({ length: n }, (_, i) => from + i);

describe("mannWhitneyMinP: the smallest p the test can report", () => {
  it("5 vs 5 gives 2/252 and 10 vs 10 gives 2/184756 (C(10, 5) = 252, C(20, 10) = 184756)", () => {
    expect(mannWhitneyMinP(5, 5)).toBeCloseTo(2 / 252, 16);
    expect(mannWhitneyMinP(10, 10) / (2 / 184756)).toBeCloseTo(1, 13);
    expect(mannWhitneyMinP(5, 5, { alternative: "greater" })).toBeCloseTo(1 / 252, 16);
    expect(mannWhitneyMinP(1, 1)).toBe(1); // 2 · ½, capped
    expect(mannWhitneyMinP(1, 3)).toBe(0.5); // 2 / C(4, 1)
  });

  it("equals mannWhitneyU(a, b).p for completely separated samples, exact and normal sizes alike", () => {
    const sizes = [1, 2, 3, 5, 8, 10, 20, 49, 50, 51, 80, 120];
    for (const n1 of sizes) {
      for (const n2 of sizes) {
        const low = range(n1, 0);
        const high = range(n2, 1000);
        const cases: [Alternative, number[], number[]][] = [
          ["two-sided", low, high],
          ["two-sided", range(n1, 1000), range(n2, 0)],
          ["less", low, high],
          ["greater", range(n1, 1000), range(n2, 0)],
        ];
        for (const [alternative, a, b] of cases) {
          const test = mannWhitneyU(a, b, { alternative });
          expect(mannWhitneyMinP(n1, n2, { alternative })).toBe(test.p);
        }
      }
    }
  });

  it("is a floor: no untied sample of those sizes gets a smaller p", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 2, maxLength: 24 }),
        fc.integer({ min: 1, max: 23 }),
        (pooled, cut) => {
          const k = Math.min(cut, pooled.length - 1);
          const a = pooled.slice(0, k);
          const b = pooled.slice(k);
          expect(mannWhitneyU(a, b).p).toBeGreaterThanOrEqual(mannWhitneyMinP(a.length, b.length));
        },
      ),
    );
  });

  it("can be undercut by the normal approximation that mannWhitneyU uses for tied data (documented)", () => {
    // Exact permutation p with these ties is still 2/252; the tie-corrected normal approximation says 0.004.
    const tied = mannWhitneyU([0, 0, 0, 0, 0], [1, 1, 1, 1, 1]);
    expect(tied.method).toBe("normal");
    expect(tied.p).toBeLessThan(mannWhitneyMinP(5, 5));
    expect(tied.p).toBeCloseTo(0.004, 3);
  });

  it("checks its arguments", () => {
    expect(() => mannWhitneyMinP(0, 5)).toThrow("mannWhitneyMinP: n1: expected an integer >= 1 (got 0)");
    expect(() => mannWhitneyMinP(5, 2.5)).toThrow("mannWhitneyMinP: n2: expected an integer >= 1 (got 2.5)");
    expect(() => mannWhitneyMinP(5, 5, { alternative: "both" as Alternative })).toThrow(
      'mannWhitneyMinP: alternative: Invalid option: expected one of "two-sided"|"less"|"greater" (got "both")',
    );
    expect(() => mannWhitneyMinP(5, 5, { method: "exact" } as object)).toThrow(
      'mannWhitneyMinP: unknown key "method"; known keys: alternative',
    );
  });
});

describe("minAttainableAdjustedP", () => {
  it("Holm and Bonferroni give min(1, m·pMin); no correction gives pMin", () => {
    const p = mannWhitneyMinP(5, 5);
    // 5 seeds per learner, 5 learners → 10 pairs: 10 · 2/252 = 0.0794 > 0.05.
    expect(minAttainableAdjustedP(p, 10, "holm")).toBeCloseTo(20 / 252, 15);
    expect(minAttainableAdjustedP(p, 10, "bonferroni")).toBeCloseTo(20 / 252, 15);
    expect(minAttainableAdjustedP(p, 10, "none")).toBe(p);
    expect(minAttainableAdjustedP(0.3, 5, "holm")).toBe(1);
  });

  it("is the minimum of holm() over families whose raw p-values are all ≥ pMin, reached when one equals it", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 }),
        (pMin, rest) => {
          const others = rest.map((u) => pMin + u * (1 - pMin));
          const family = [pMin, ...others];
          const floor = minAttainableAdjustedP(pMin, family.length, "holm");
          expect(Math.min(...holm(family))).toBeCloseTo(floor, 14);
        },
      ),
    );
  });

  it("checks its arguments", () => {
    expect(() => minAttainableAdjustedP(1.5, 3, "holm")).toThrow(
      "minAttainableAdjustedP: pMin: expected a probability in [0, 1] (got 1.5)",
    );
    expect(() => minAttainableAdjustedP(0.01, 0, "holm")).toThrow(
      "minAttainableAdjustedP: comparisons: expected an integer >= 1 (got 0)",
    );
    expect(() => minAttainableAdjustedP(0.01, 3, "BH" as "holm")).toThrow(
      'minAttainableAdjustedP: correction: expected "holm", "bonferroni" or "none" (got "BH")',
    );
  });
});

describe("canReachSignificance", () => {
  it("5 seeds, 10 Holm pairs: not reachable (0.079 > 0.05); 10 seeds, 4 comparisons: reachable", () => {
    expect(canReachSignificance(5, 5, { comparisons: 10, correction: "holm" })).toBe(false);
    expect(canReachSignificance(10, 10, { comparisons: 4, correction: "holm" })).toBe(true);
  });

  it("turns at the comparison count where m · 2/252 crosses α", () => {
    // 6 · 2/252 = 0.0476 ≤ 0.05 < 7 · 2/252 = 0.0556
    expect(canReachSignificance(5, 5, { comparisons: 6, correction: "bonferroni" })).toBe(true);
    expect(canReachSignificance(5, 5, { comparisons: 7, correction: "bonferroni" })).toBe(false);
    expect(canReachSignificance(5, 5, { comparisons: 7, correction: "none" })).toBe(true);
    expect(canReachSignificance(5, 5, { comparisons: 7, correction: "holm", alpha: 0.1 })).toBe(true);
    // One-sided halves the floor: 10 · 1/252 = 0.0397.
    expect(canReachSignificance(5, 5, { comparisons: 10, correction: "holm", alternative: "greater" })).toBe(
      true,
    );
    // 3 vs 3 cannot even reach 0.05 alone: 2/20 = 0.1.
    expect(canReachSignificance(3, 3, { comparisons: 1, correction: "none" })).toBe(false);
  });

  it("checks its arguments", () => {
    expect(() => canReachSignificance(5, 5, { comparisons: 2, correction: "holm", alpha: 0 })).toThrow(
      "canReachSignificance: alpha: Too small: expected number to be >0 (got 0)",
    );
    expect(() => canReachSignificance(5, 5, { comparisons: 2.5, correction: "holm" })).toThrow(
      "canReachSignificance: comparisons: Invalid input: expected int, received number (got 2.5)",
    );
    expect(() =>
      canReachSignificance(5, 5, { comparisons: 2, correction: "holm", m: 3 } as object as never),
    ).toThrow(
      'canReachSignificance: unknown key "m"; known keys: comparisons, correction, alpha, alternative',
    );
  });
});
