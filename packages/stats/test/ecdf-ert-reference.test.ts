import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ecdf, ecdfSteps, ert, successRate, timeToTarget } from "../src/index.ts";

describe("ECDF over a ladder of targets", () => {
  const hits = [
    [100, 400, null], // run 0: targets 0 and 1
    [250, null, null], // run 1: target 0 only
    [50, 60, 900], // run 2: all three
  ];

  it("is the fraction of (run, target) pairs reached within each budget (hand-computed)", () => {
    // 9 pairs; hitting costs sorted: 50 60 100 250 400 900
    expect(ecdf(hits, [0, 50, 99, 100, 300, 400, 1000, Number.POSITIVE_INFINITY])).toEqual([
      0,
      1 / 9,
      2 / 9,
      3 / 9,
      4 / 9,
      5 / 9,
      6 / 9,
      6 / 9,
    ]);
  });

  it("gives its jump points for drawing", () => {
    const s = ecdfSteps(hits);
    expect(s.costs).toEqual([50, 60, 100, 250, 400, 900]);
    expect(s.counts).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.pairs).toBe(9);
    const tied = ecdfSteps([
      [10, 10],
      [10, Number.POSITIVE_INFINITY],
    ]);
    expect(tied).toEqual({ costs: [10], counts: [3], fractions: [0.75], pairs: 4 });
  });

  it("is non-decreasing in the budget and within [0, 1]", () => {
    const cell = fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null });
    const table = fc
      .integer({ min: 1, max: 5 })
      .chain((t) => fc.array(fc.array(cell, { minLength: t, maxLength: t }), { minLength: 1, maxLength: 8 }));
    fc.assert(
      fc.property(
        table,
        fc.array(fc.integer({ min: -10, max: 1100 }), { minLength: 2, maxLength: 20 }),
        (h, b) => {
          const budgets = [...b].sort((x, y) => x - y);
          const f = ecdf(h, budgets);
          for (let i = 0; i < f.length; i++) {
            expect(f[i]).toBeGreaterThanOrEqual(0);
            expect(f[i]).toBeLessThanOrEqual(1);
            if (i > 0) expect(f[i]).toBeGreaterThanOrEqual(f[i - 1]);
          }
        },
      ),
    );
  });

  it("rejects ragged tables and bad costs", () => {
    expect(() => ecdf([[1, 2], [3]], [1])).toThrow(
      "ecdf: hits[1]: expected 2 entries like hits[0], one per target (got 1)",
    );
    expect(() => ecdf([[Number.NaN]], [1])).toThrow(
      "ecdf: hits[0][0]: expected a cost >= 0, Infinity or null (got NaN)",
    );
    expect(() => ecdf([], [1])).toThrow("ecdf: hits: expected at least one run (a row of hits) (got [])");
  });
});

describe("ERT and success rate", () => {
  it("ERT = (successful runs' hitting costs + unsuccessful runs' spent) / successes (hand-computed)", () => {
    const runs = [
      { hit: 100, spent: 1000 },
      { hit: null, spent: 1000 },
      { hit: 300, spent: 800 },
    ];
    expect(ert(runs)).toBe((100 + 1000 + 300) / 2);
    expect(successRate(runs)).toBeCloseTo(2 / 3, 15);
  });

  it("is the mean hitting cost when every run succeeds, Infinity when none does", () => {
    expect(
      ert([
        { hit: 10, spent: 50 },
        { hit: 30, spent: 50 },
      ]),
    ).toBe(20);
    expect(ert([{ hit: null, spent: 50 }])).toBe(Number.POSITIVE_INFINITY);
    expect(successRate([{ hit: null, spent: 50 }])).toBe(0);
  });

  it("estimates the cost of independent restarts until success (Monte Carlo check)", () => {
    // A run succeeds with probability 1/4 after costing 10, else spends 40. Restarting until success
    // costs 10 + 40·(expected failures 3) = 130 in expectation; ERT over 4 runs with 1 success is the same.
    const runs = [
      { hit: 10, spent: 40 },
      { hit: null, spent: 40 },
      { hit: null, spent: 40 },
      { hit: null, spent: 40 },
    ];
    expect(ert(runs)).toBe(130);
  });

  it("rejects hits after the spent budget", () => {
    expect(() => ert([{ hit: 60, spent: 50 }])).toThrow(
      "ert: runs[0].hit: expected null or a cost in [0, spent = 50] (got 60)",
    );
    expect(() => successRate([])).toThrow("successRate: runs: expected at least one run (got [])");
  });
});

describe("timeToTarget", () => {
  it("finds the first checkpoint at or beyond the target in either direction", () => {
    expect(timeToTarget([10, 20, 30], [0.5, 0.82, 0.9], 0.8, { higherIsBetter: true })).toBe(20);
    expect(timeToTarget([10, 20, 30], [0.5, 0.3, 0.1], 0.3, { higherIsBetter: false })).toBe(20);
    expect(timeToTarget([10, 20], [0.5, Number.NaN], 0.1, { higherIsBetter: false })).toBeNull();
    expect(() => timeToTarget([1], [1, 2], 0, { higherIsBetter: true })).toThrow(
      "timeToTarget: costs: expected one cost per value, 2 (got 1)",
    );
  });
});
