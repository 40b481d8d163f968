import { describe, expect, it } from "vitest";
import { finiteSeries, majority, seedBand } from "../src/transforms/bands.ts";

describe("seedBand", () => {
  it("takes median and quartiles over the seeds present at each grid point", () => {
    // Three seeds checkpointed at different x; grid 1, 2, 4, 8.
    const seeds = [
      { x: [1, 3, 8], y: [10, 6, 2] }, // on grid: 10, 10, 6, 2
      { x: [1, 2, 4], y: [12, 8, 4] }, // on grid: 12, 8, 4, (ended at 4)
      { x: [2, 8], y: [9, 3] }, //       on grid: (not started), 9, 9, 3
    ];
    const band = seedBand(seeds, [1, 2, 4, 8]);
    expect(band.x).toEqual([1, 2, 4, 8]);
    expect(band.n).toEqual([2, 3, 3, 2]);
    // grid 1: {10, 12} → q1 10.5, median 11, q3 11.5
    // grid 2: {8, 9, 10} → 8.5, 9, 9.5
    // grid 4: {4, 6, 9} → 5, 6, 7.5
    // grid 8: {2, 3} → 2.25, 2.5, 2.75
    expect(band.q1).toEqual([10.5, 8.5, 5, 2.25]);
    expect(band.median).toEqual([11, 9, 6, 2.5]);
    expect(band.q3).toEqual([11.5, 9.5, 7.5, 2.75]);
  });

  it("drops grid points no seed covers", () => {
    const band = seedBand([{ x: [5, 6], y: [1, 2] }], [1, 5, 6, 7]);
    expect(band.x).toEqual([5, 6]);
    expect(band.median).toEqual([1, 2]);
  });

  it("a single seed is its own median with a zero-width band", () => {
    const band = seedBand([{ x: [1, 2], y: [3, 4] }], [1, 2]);
    expect(band.q1).toEqual(band.median);
    expect(band.q3).toEqual(band.median);
  });
});

describe("finiteSeries", () => {
  it("leaves out NaN and ±Infinity, so a diverged curve ends at its last finite point", () => {
    expect(finiteSeries([0, 1, 2, 3], [1, 0.5, Number.POSITIVE_INFINITY, Number.NaN])).toEqual({
      x: [0, 1],
      y: [1, 0.5],
    });
  });
});

describe("seedBand with a minimum number of seeds", () => {
  it("draws only where enough seeds have a value, so one long seed makes no tail", () => {
    const seeds = [
      { x: [1, 10], y: [4, 2] },
      { x: [1, 10], y: [6, 3] },
      { x: [1, 11], y: [8, 9] }, // ran a little longer
    ];
    const band = seedBand(seeds, [1, 10, 11], majority(3));
    expect(majority(3)).toBe(2);
    expect(band.x).toEqual([1, 10]);
    expect(band.median).toEqual([6, 3]);
    expect(seedBand(seeds, [1, 10, 11]).median).toEqual([6, 3, 9]);
    expect(majority(0)).toBe(1);
    expect(majority(4)).toBe(2);
  });
});
