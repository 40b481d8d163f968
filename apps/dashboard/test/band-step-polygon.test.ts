import { describe, expect, it } from "vitest";
import { stepPolygon } from "../src/views/band-traces.ts";

describe("stepPolygon", () => {
  it("outlines a step-wise band: upper forward, lower back, horizontal then vertical", () => {
    // Upper 3 → 2 at x = 2, lower 1 → 0.5: the polygon turns at (2, 3) and (2, 1).
    expect(stepPolygon([1, 2, 4], [3, 2, 2], [1, 0.5, 0.5])).toEqual({
      x: [1, 2, 2, 4, 4, 4, 4, 2, 2, 1],
      y: [3, 3, 2, 2, 2, 0.5, 0.5, 0.5, 1, 1],
    });
  });

  it("is empty for an empty band and a vertical segment for one point", () => {
    expect(stepPolygon([], [], [])).toEqual({ x: [], y: [] });
    expect(stepPolygon([5], [2], [1])).toEqual({ x: [5, 5], y: [2, 1] });
  });
});
