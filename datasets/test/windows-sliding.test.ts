import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slidingWindows, windowCount } from "../src/index.ts";

describe("slidingWindows", () => {
  it("window i reads values i·stride .. +L and predicts the next horizon values", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 40 }),
        (L, h, stride, extra) => {
          const series = Array.from({ length: L + h + extra }, (_, t) => t * 10);
          const ds = slidingWindows(series, { inputLength: L, horizon: h, stride });
          expect(ds.n).toBe(windowCount(series.length, { inputLength: L, horizon: h, stride }));
          expect(ds.n).toBe(Math.floor(extra / stride) + 1);
          expect(ds.xShape).toEqual([L, 1]);
          expect(ds.yShape).toEqual([h]);
          for (let i = 0; i < ds.n; i++) {
            for (let t = 0; t < L; t++) expect(ds.x[i * L + t]).toBe(series[i * stride + t]);
            for (let t = 0; t < h; t++) expect(ds.y[i * h + t]).toBe(series[i * stride + L + t]);
          }
        },
      ),
    );
  });

  it("rejects a series shorter than one window and bad sizes", () => {
    expect(() => slidingWindows([1, 2, 3], { inputLength: 3 })).toThrow(
      /shorter than inputLength \+ horizon = 4/,
    );
    expect(() => slidingWindows([1, 2, 3], { inputLength: 0 })).toThrow(
      "slidingWindows: inputLength: Too small: expected number to be >=1 (got 0)",
    );
  });
});
