import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commonGrid, linearGrid, logGrid } from "../src/transforms/grid.ts";
import { stepInterpolate } from "../src/transforms/step-interpolation.ts";

describe("stepInterpolate", () => {
  it("carries the last value forward and does not extrapolate", () => {
    const s = { x: [1, 10, 100], y: [5, 3, 2] };
    expect(Array.from(stepInterpolate(s, [0.5, 1, 9.99, 10, 50, 100, 101]))).toEqual([
      Number.NaN,
      5,
      5,
      3,
      3,
      2,
      Number.NaN,
    ]);
  });

  it("takes the latest of several checkpoints at the same x", () => {
    expect(Array.from(stepInterpolate({ x: [0, 0, 4], y: [9, 8, 1] }, [0, 2, 4]))).toEqual([8, 8, 1]);
  });

  it("gives no values for an empty curve", () => {
    expect(Array.from(stepInterpolate({ x: [], y: [] }, [1, 2]))).toEqual([Number.NaN, Number.NaN]);
  });

  it("agrees with a direct search at every grid point", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 15 }),
        fc.array(fc.integer({ min: -5, max: 110 }), { minLength: 1, maxLength: 20 }),
        (xsRaw, gridRaw) => {
          const x = [...xsRaw].sort((a, b) => a - b);
          const y = x.map((_, i) => i * 10 + 1);
          const grid = [...gridRaw].sort((a, b) => a - b);
          const got = stepInterpolate({ x, y }, grid);
          return grid.every((g, k) => {
            if (g < x[0] || g > x[x.length - 1]) return Number.isNaN(got[k]);
            let i = -1;
            for (let j = 0; j < x.length; j++) if (x[j] <= g) i = j;
            return got[k] === y[i];
          });
        },
      ),
    );
  });
});

describe("grids", () => {
  it("logGrid is geometric with exact ends", () => {
    const g = logGrid(1, 1000, 4);
    expect(g[0]).toBe(1);
    expect(g[3]).toBe(1000);
    expect(g[1]).toBeCloseTo(10, 12);
    expect(g[2]).toBeCloseTo(100, 12);
  });

  it("linearGrid is even with exact ends", () => {
    expect(linearGrid(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it("rejects bad ranges, naming the values", () => {
    expect(() => logGrid(0, 10, 5)).toThrow(/lo 0, hi 10/);
    expect(() => linearGrid(3, 1, 5)).toThrow(/lo 3, hi 1/);
  });

  it("commonGrid spans every seed, skipping x = 0 on a log grid", () => {
    const series = [
      { x: [0, 10, 100], y: [1, 2, 3] },
      { x: [0, 20, 400], y: [1, 2, 3] },
    ];
    const log = commonGrid(series, { log: true, points: 3 });
    expect(log[0]).toBe(10);
    expect(log[2]).toBe(400);
    expect(log[1]).toBeCloseTo(Math.sqrt(10 * 400), 9);
    expect(commonGrid(series, { log: false, points: 3 })).toEqual([0, 200, 400]);
    expect(commonGrid([{ x: [0], y: [1] }], { log: true })).toEqual([]);
  });
});
