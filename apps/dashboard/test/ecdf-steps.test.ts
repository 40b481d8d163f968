import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ecdfCurve, ecdfStepPoints } from "../src/transforms/ecdf.ts";

describe("ecdfCurve", () => {
  it("counts (run, target) pairs reached by each cost", () => {
    // Two runs, targets [0.8, 0.9]: run 0 reached them at 100 and 400, run 1 only the first, at 250.
    expect(
      ecdfCurve([
        [100, 400],
        [250, null],
      ]),
    ).toEqual({ costs: [100, 250, 400], fractions: [0.25, 0.5, 0.75], pairs: 4, reached: 3 });
  });

  it("makes one jump for pairs reached at the same cost", () => {
    // Reaching two targets at one checkpoint is common (a big improvement between checkpoints).
    const c = ecdfCurve([
      [50, 50, 80],
      [null, null, null],
    ]);
    expect(c.costs).toEqual([50, 80]);
    expect(c.fractions).toEqual([2 / 6, 3 / 6]);
  });

  it("is empty but counts the pairs when nothing was reached", () => {
    expect(ecdfCurve([[null], [null]])).toEqual({ costs: [], fractions: [], pairs: 2, reached: 0 });
  });

  it("is empty with no pairs when no run counts (a learner whose runs all failed)", () => {
    expect(ecdfCurve([])).toEqual({ costs: [], fractions: [], pairs: 0, reached: 0 });
  });

  it("rises monotonically to reached / pairs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 1000 })), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 10,
        }),
        (hits) => {
          const c = ecdfCurve(hits);
          const ok = c.fractions.every((f, i) => i === 0 || f > c.fractions[i - 1]);
          const last = c.fractions.at(-1) ?? 0;
          return ok && Math.abs(last - c.reached / c.pairs) < 1e-12 && c.pairs === hits.length * 3;
        },
      ),
    );
  });
});

describe("ecdfStepPoints", () => {
  it("starts at 0, jumps at each cost and stays flat to the end of the budget", () => {
    const c = ecdfCurve([
      [100, 400],
      [250, null],
    ]);
    expect(ecdfStepPoints(c, 10, 1000)).toEqual({
      x: [10, 100, 250, 400, 1000],
      y: [0, 0.25, 0.5, 0.75, 0.75],
    });
  });

  it("draws costs below the start (e.g. 0 on a log axis) at the start", () => {
    const c = ecdfCurve([[0, 5]]);
    expect(ecdfStepPoints(c, 1, 5)).toEqual({ x: [1, 5], y: [0.5, 1] });
  });
});
