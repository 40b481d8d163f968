import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chronologicalBounds, chronologicalSplit } from "../src/index.ts";

describe("chronologicalSplit", () => {
  it("keeps time order: train before validation before test, contiguous", () => {
    const s = chronologicalSplit(10, { validation: 0.2, test: 0.3 });
    expect(Array.from(s.train)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(s.validation)).toEqual([5, 6]);
    expect(Array.from(s.test)).toEqual([7, 8, 9]);
    expect(chronologicalBounds(10, { validation: 0.2, test: 0.3 })).toEqual({
      validationStart: 5,
      testStart: 7,
    });
  });

  it("drops `gap` samples before validation and before test", () => {
    const s = chronologicalSplit(20, { validation: 0.25, test: 0.25 }, 2);
    // Validation and test keep their sizes; the gaps come out of the training block.
    expect(Array.from(s.train)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(s.validation)).toEqual([8, 9, 10, 11, 12]);
    expect(Array.from(s.test)).toEqual([15, 16, 17, 18, 19]);
  });

  it("for any n and fractions: ordered, disjoint, sizes within one of their shares", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 1000 }),
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        (n, v, t) => {
          const s = chronologicalSplit(n, { validation: v, test: t });
          const all = [...s.train, ...s.validation, ...s.test];
          expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
          expect(Math.abs(s.validation.length - n * v)).toBeLessThan(1 + 1e-9);
          expect(Math.abs(s.test.length - n * t)).toBeLessThan(1 + 1e-9);
        },
      ),
    );
  });

  it("fails when nothing is left to train on", () => {
    expect(() => chronologicalSplit(4, { validation: 0.25, test: 0.25 }, 2)).toThrow(/nothing to train on/);
  });
});
