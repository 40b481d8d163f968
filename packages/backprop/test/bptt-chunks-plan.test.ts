import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bpttChunks } from "../src/index.ts";

describe("bpttChunks", () => {
  it("tiles the sequence with k1-step chunks whose windows reach k2 steps back, never further", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 70 }),
        (T, k1, k2) => {
          const chunks = bpttChunks(T, k1, k2);
          expect(chunks).toHaveLength(Math.ceil(T / k1));
          let next = 0;
          let prevWindow = 0;
          for (const c of chunks) {
            expect(c.offset).toBe(next);
            expect(c.steps).toBe(Math.min(k1, T - c.offset));
            // keep can only reuse steps the previous window stored
            expect(c.keep).toBeLessThanOrEqual(prevWindow);
            const window = c.keep + c.steps;
            // the backward window covers the last k2 steps, or every step so far when fewer
            expect(c.lastK).toBe(Math.min(k2, c.offset + c.steps));
            expect(window).toBeLessThanOrEqual(Math.max(k1, k2));
            expect(c.lastK).toBeLessThanOrEqual(window);
            next += c.steps;
            prevWindow = window;
          }
          expect(next).toBe(T);
        },
      ),
    );
  });

  it("k1 = k2 = T is one chunk: full BPTT", () => {
    expect(bpttChunks(12, 12, 12)).toEqual([{ offset: 0, steps: 12, keep: 0, lastK: 12 }]);
    expect(bpttChunks(12, 50, 50)).toEqual([{ offset: 0, steps: 12, keep: 0, lastK: 12 }]);
  });

  it("the documented example", () => {
    expect(bpttChunks(10, 4, 6)).toEqual([
      { offset: 0, steps: 4, keep: 0, lastK: 4 },
      { offset: 4, steps: 4, keep: 2, lastK: 6 },
      { offset: 8, steps: 2, keep: 4, lastK: 6 },
    ]);
    // k2 < k1: no kept steps; the first k1 − k2 steps of a chunk are not backpropagated into
    expect(bpttChunks(9, 3, 2)).toEqual([
      { offset: 0, steps: 3, keep: 0, lastK: 2 },
      { offset: 3, steps: 3, keep: 0, lastK: 2 },
      { offset: 6, steps: 3, keep: 0, lastK: 2 },
    ]);
  });

  it("rejects non-positive sizes by name", () => {
    expect(() => bpttChunks(10, 0, 3)).toThrow(/k1 must be an integer >= 1, got 0/);
    expect(() => bpttChunks(10, 2, 1.5)).toThrow(/k2 must be an integer >= 1, got 1.5/);
    expect(() => bpttChunks(0, 2, 2)).toThrow(/totalSteps must be an integer >= 1, got 0/);
  });
});
