import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { a12Magnitude, mannWhitneyU, rankBiserial, varghaDelaneyA12 } from "../src/index.ts";

describe("effect sizes", () => {
  it("A12 counts wins and half ties (hand-computed)", () => {
    // 0.9 beats 0.8 and 0.85 → 2; 0.92 beats 0.8, 0.85 and ties 0.92 → 2.5; 0.95 beats all → 3; 7.5 / 9
    expect(varghaDelaneyA12([0.9, 0.92, 0.95], [0.8, 0.92, 0.85])).toBeCloseTo(7.5 / 9, 15);
    expect(rankBiserial([0.9, 0.92, 0.95], [0.8, 0.92, 0.85])).toBeCloseTo(6 / 9, 15);
    expect(varghaDelaneyA12([1], [1])).toBe(0.5);
  });

  it("A12 equals U/(n1·n2) from the rank-based test, and A12(x, y) + A12(y, x) = 1", () => {
    const s = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(s, s, (x, y) => {
        const a = varghaDelaneyA12(x, y);
        expect(a).toBeCloseTo(mannWhitneyU(x, y).a12, 12);
        expect(a + varghaDelaneyA12(y, x)).toBeCloseTo(1, 12);
      }),
    );
  });

  it("uses Vargha & Delaney's thresholds 0.56 / 0.64 / 0.71", () => {
    expect(a12Magnitude(0.5)).toBe("negligible");
    expect(a12Magnitude(0.55)).toBe("negligible");
    expect(a12Magnitude(0.56)).toBe("small");
    expect(a12Magnitude(0.44)).toBe("small");
    expect(a12Magnitude(0.64)).toBe("medium");
    expect(a12Magnitude(0.71)).toBe("large");
    expect(a12Magnitude(0.29)).toBe("large");
    expect(() => a12Magnitude(1.5)).toThrow("a12Magnitude: a12: expected an A12 in [0, 1] (got 1.5)");
  });
});
