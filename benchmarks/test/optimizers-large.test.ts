import { describe, expect, it } from "vitest";
import {
  ellipsoidBatch,
  ellipsoidWeights,
  type LargeRun,
  largeTable,
  summarizeLarge,
} from "../src/optimizers/large-scale.ts";

describe("ellipsoidWeights", () => {
  it("runs from 1 to the condition number geometrically", () => {
    const w = ellipsoidWeights(3, 100);
    expect(w[0]).toBe(1);
    expect(w[1]).toBeCloseTo(10, 12);
    expect(w[2]).toBeCloseTo(100, 12);
    expect(ellipsoidWeights(1)[0]).toBe(1);
    expect(() => ellipsoidWeights(0)).toThrow(RangeError);
  });
});

describe("ellipsoidBatch", () => {
  it("evaluates each row of a row-major population", () => {
    const w = ellipsoidWeights(3, 100);
    const out = new Float64Array(2);
    ellipsoidBatch(Float64Array.of(1, 1, 1, 0, 0, 2), 2, w, out);
    expect(out[0]).toBeCloseTo(111, 10);
    expect(out[1]).toBeCloseTo(400, 10);
  });
});

const run = (
  optimizer: string,
  seed: number,
  solved: boolean,
  evaluations: number,
  opt: number,
): LargeRun => ({
  optimizer,
  seed,
  solved,
  evaluations,
  generations: evaluations / 10,
  f: solved ? 5e-9 : 1,
  optimizerMsMedian: opt,
  objectiveMsMedian: 0.02,
  optimizerMs: opt * (evaluations / 10),
  objectiveMs: 0.02 * (evaluations / 10),
  ms: 1000,
  stopReason: solved ? "target" : "budget",
});

describe("summarizeLarge", () => {
  it("counts solved runs and takes medians over the solved evaluations and per-generation times", () => {
    const s = summarizeLarge([
      run("A", 0, true, 100, 1),
      run("A", 1, true, 300, 3),
      run("A", 2, false, 1000, 2),
      run("B", 0, false, 1000, 0.5),
    ]);
    expect(s.map((r) => r.optimizer)).toEqual(["A", "B"]);
    expect(s[0]).toMatchObject({ runs: 3, solved: 2, evalsMedian: 200, evalsMin: 100, evalsMax: 300 });
    expect(s[0].optimizerMsPerGen).toBe(2);
    expect(s[0].generationsMedian).toBe(30);
    expect(s[1]).toMatchObject({ solved: 0, evalsMedian: null });
    const table = largeTable(s);
    expect(table).toContain("| A | 2/3 | 200 [100, 300] |");
    expect(table).toContain("| B | 0/1 | — |");
  });
});
