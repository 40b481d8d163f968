import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { performanceProfile, performanceRatios, profileScore } from "../src/index.ts";

/** The profile's area by the midpoint rule on a fine grid: an independent check of the closed form. */
function numericScore(ratios: number[], tauMax: number, steps = 200_000): number {
  const h = (tauMax - 1) / steps;
  let area = 0;
  for (let i = 0; i < steps; i++) area += performanceProfile(ratios, 1 + (i + 0.5) * h) * h;
  return area / (tauMax - 1);
}

describe("performance profiles (Dolan & Moré 2002) and the AlgoPerf score", () => {
  it("divides each problem's costs by its fastest solver; unsolved problems are Infinity for all; a zero best shifts the costs by 1", () => {
    expect(
      performanceRatios([
        [10, 20, 40],
        [5, null, 5],
        [Infinity, Infinity, null],
        [0, 3, 0],
      ]),
    ).toEqual([
      [1, 2, 4],
      [1, Infinity, 1],
      [Infinity, Infinity, Infinity],
      [1, 4, 1],
    ]);
  });

  it("counts the problems within τ of the best", () => {
    const r = [1, 2, Infinity, 1.5];
    expect([0.99, 1, 1.5, 2, 1e9].map((t) => performanceProfile(r, t))).toEqual([0, 0.25, 0.5, 0.75, 0.75]);
  });

  it("scores 1 for the fastest everywhere, 0 beyond τ_max, and matches a numerical integral", () => {
    expect(profileScore([1, 1, 1])).toBe(1);
    expect(profileScore([4, 5, Infinity])).toBe(0);
    expect(profileScore([1, 2.5, Infinity], 4)).toBeCloseTo(0.5, 12);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 1, max: 8, noNaN: true }), fc.constant(Infinity)), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.double({ min: 1.5, max: 6, noNaN: true }),
        (ratios, tauMax) => {
          const s = profileScore(ratios, tauMax);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
          expect(s).toBeCloseTo(numericScore(ratios, tauMax, 4000), 3);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a solver that gets faster on one problem never scores lower", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 6, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.nat(5),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (ratios, at, shrink) => {
          const i = at % ratios.length;
          const faster = ratios.slice();
          faster[i] = 1 + (ratios[i] - 1) * shrink;
          expect(profileScore(faster)).toBeGreaterThanOrEqual(profileScore(ratios) - 1e-12);
        },
      ),
    );
  });

  it("refuses bad input with the path and the value", () => {
    expect(() => performanceRatios([])).toThrow(/costs: expected at least one problem/);
    expect(() => performanceRatios([[1, 2], [3]])).toThrow(/costs\[1\]: expected 2 costs/);
    expect(() => performanceRatios([[1, -2]])).toThrow(/costs\[0\]\[1\].*got -2/);
    expect(() => profileScore([0.5])).toThrow(/ratios\[0\]: expected a ratio >= 1/);
    expect(() => profileScore([1], 1)).toThrow(/tauMax: expected a finite number > 1/);
  });
});
