import { profileScore } from "@arena/stats";
import { describe, expect, it } from "vitest";
import { profileEnd, profileSteps } from "../src/transforms/profile-steps.ts";

describe("performance profile steps", () => {
  it("steps at each distinct ratio from τ = 1 and stays flat to the end", () => {
    // Four problems: fastest on two, 2.5 × the fastest on one, never solved one.
    expect(profileSteps([1, 2.5, Infinity, 1], 8)).toEqual({ x: [1, 2.5, 8], y: [0.5, 0.75, 0.75] });
    expect(profileSteps([3, 3, 1.5], 4)).toEqual({ x: [1, 1.5, 3, 4], y: [0, 1 / 3, 1, 1] });
  });

  it("counts a ratio that is not a number ≥ 1 as never solved", () => {
    expect(profileSteps([Number.NaN, Infinity], 2)).toEqual({ x: [1, 2], y: [0, 0] });
  });

  it("has the area of the AlgoPerf score under it from 1 to τ_max", () => {
    const ratios = [1, 2.5, Infinity, 1.2];
    const tauMax = 4;
    const { x, y } = profileSteps(ratios, 8);
    let area = 0;
    for (let i = 0; i < x.length; i++) {
      const right = Math.min(i + 1 < x.length ? x[i + 1] : tauMax, tauMax);
      if (right > x[i]) area += y[i] * (right - x[i]);
    }
    expect(area / (tauMax - 1)).toBeCloseTo(profileScore(ratios, tauMax), 12);
  });

  it("ends the axis at the power of two past τ_max and every finite ratio", () => {
    expect(
      profileEnd(
        [
          [1, 3.2],
          [1, Infinity],
        ],
        4,
      ),
    ).toBe(8);
    expect(profileEnd([[1, 9]], 4)).toBe(16);
    expect(profileEnd([[1, 1]], 4)).toBe(8);
  });
});
