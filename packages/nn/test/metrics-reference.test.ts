import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accuracy, mae, rmse } from "../src/index.ts";

describe("metrics", () => {
  it("accuracy takes the argmax for k ≥ 2 and the 0.5 threshold for one output", () => {
    const pred = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.4, 0.1, 0.3, 0.3, 0.4]);
    const y = Float32Array.from([0, 1, 0, 0, 0, 1, 0, 0, 1]);
    expect(accuracy(pred, y, 3, 3)).toBeCloseTo(2 / 3, 12);
    expect(accuracy(Float32Array.from([0.2, 0.5, 0.9, 0.49]), Float32Array.from([0, 1, 0, 1]), 4, 1)).toBe(
      0.5,
    );
  });

  it("rmse and mae against hand computation", () => {
    const p = Float32Array.from([1, 2, 3, 4]);
    const y = Float32Array.from([1, 0, 3, 8]);
    expect(rmse(p, y)).toBeCloseTo(Math.sqrt((0 + 4 + 0 + 16) / 4), 12);
    expect(mae(p, y)).toBeCloseTo((0 + 2 + 0 + 4) / 4, 12);
  });

  it("rmse ≥ mae ≥ 0, equal when every error has the same size (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (arr) => {
          const p = Float32Array.from(arr);
          const y = new Float32Array(arr.length);
          expect(rmse(p, y) + 1e-9).toBeGreaterThanOrEqual(mae(p, y));
          expect(mae(p, y)).toBeGreaterThanOrEqual(0);
          const c = Float32Array.from(arr, (_, i) => (i % 2 ? 3 : -3));
          expect(rmse(c, y)).toBeCloseTo(mae(c, y), 6);
        },
      ),
    );
  });

  it("rejects arrays that are too short, naming the sizes", () => {
    expect(() => rmse(new Float32Array(2), new Float32Array(1), 2)).toThrow(
      /y has 1 entries, expected at least 2/,
    );
  });
});
