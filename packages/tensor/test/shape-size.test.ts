/** shapeSize: the number of entries of a shape, as datasets and baselines size their samples with it. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shapeSize } from "../src/index.ts";

describe("shapeSize", () => {
  it("is 1 for the empty shape (a scalar) and the product of the dimensions otherwise", () => {
    expect(shapeSize([])).toBe(1);
    expect(shapeSize([7])).toBe(7);
    expect(shapeSize([2, 3, 4])).toBe(24);
    expect(shapeSize([5, 0, 3])).toBe(0);
  });

  it("equals the length of a flat row-major array of that shape", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }), (shape) => {
        const nested = shape.reduceRight<unknown>((inner, d) => Array.from({ length: d }, () => inner), 0);
        expect(shapeSize(shape)).toBe([nested].flat(shape.length).length);
      }),
    );
  });
});
