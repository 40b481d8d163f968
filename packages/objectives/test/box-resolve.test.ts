import { OptionsError } from "@arena/options";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BoxOptions,
  boxFromJson,
  boxToJson,
  clampToBox,
  type Precision,
  resolveBox,
} from "../src/index.ts";

describe("resolveBox", () => {
  it("expands scalars and arrays, and defaults the initialisation range to the bounds", () => {
    const b = resolveBox("T", 3, { lower: -1, upper: [1, 2, 3] });
    expect(Array.from(b.lower)).toEqual([-1, -1, -1]);
    expect(Array.from(b.upper)).toEqual([1, 2, 3]);
    expect(Array.from(b.initLower)).toEqual([-1, -1, -1]);
    expect(Array.from(b.initUpper)).toEqual([1, 2, 3]);
    expect(Array.from(b.span)).toEqual([2, 3, 4]);
  });

  it("allows unbounded dimensions when an initialisation range is given; span is then that range", () => {
    const b = resolveBox("T", 2, { lower: [0, -Infinity], initLower: [0, -3], initUpper: 4 });
    expect(b.upper[0]).toBe(Number.POSITIVE_INFINITY);
    expect(b.lower[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(Array.from(b.span)).toEqual([4, 7]);
  });

  it("rounds finite bounds inward to float32 in float32, so clamped float32 values stay inside exactly", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (lo, w) => {
          const b = resolveBox("T", 1, { lower: lo, upper: lo + w }, "float32");
          expect(b.lower[0]).toBe(Math.fround(b.lower[0]));
          expect(b.upper[0]).toBe(Math.fround(b.upper[0]));
          expect(b.lower[0]).toBeGreaterThanOrEqual(lo);
          expect(b.upper[0]).toBeLessThanOrEqual(lo + w);
          const x = new Float32Array([lo - 1e7, lo + w + 1e7]);
          clampToBox(x.subarray(0, 1), b.lower, b.upper);
          clampToBox(x.subarray(1, 2), b.lower, b.upper);
          expect(x[0]).toBeGreaterThanOrEqual(lo);
          expect(x[1]).toBeLessThanOrEqual(lo + w);
        },
      ),
    );
  });

  it("rejects mismatched or inconsistent bounds with an OptionsError naming the option, dimension and value", () => {
    const cases: [BoxOptions, number, RegExp, Precision?][] = [
      [
        { lower: [0, 0], upper: 1 },
        3,
        /^GA: lower: expected one number, or 3 \(one per dimension\) \(got \[0, 0\]\)$/,
      ],
      [{ lower: [0, 3], upper: [1, 1] }, 2, /^GA: lower\[1\]: expected < upper\[1\] = 1 \(got 3\)$/],
      [{ lower: 0, upper: Number.NaN }, 2, /^GA: upper: expected a number .* \(got NaN\)$/],
      [{ lower: [0, Number.NaN], upper: 1 }, 2, /^GA: lower: expected numbers; entry \[1\] is NaN/],
      [
        {},
        2,
        /^GA: initLower\[0\]: expected a finite number: give finite lower\/upper bounds .* \(got -Infinity\)$/,
      ],
      [
        { lower: 0, upper: 1, initLower: -1 },
        1,
        /^GA: initLower\[0\]: expected >= lower\[0\] = 0 \(got -1\)$/,
      ],
      [
        { lower: 0, upper: 1, initLower: 0.5, initUpper: 0.5 },
        1,
        /^GA: initLower\[0\]: expected < initUpper\[0\] = 0.5 \(got 0.5\)$/,
      ],
      [
        { lower: 1, upper: 1 + 1e-12 },
        1,
        /^GA: upper\[0\]: expected a float32 step or more above lower\[0\] = 1/,
        "float32",
      ],
      [{ lower: "0" as unknown as number, upper: 1 }, 1, /^GA: lower: expected a number .* \(got "0"\)$/],
      [
        { lower: Number.POSITIVE_INFINITY, upper: 1 },
        1,
        /^GA: lower\[0\]: expected < Infinity \(got Infinity\)$/,
      ],
      [{ lower: 0, upper: 1, lowr: 0 } as BoxOptions, 1, /^GA: unknown key "lowr"; known keys: lower, upper/],
    ];
    for (const [options, dim, re, precision] of cases) {
      expect(() => resolveBox("GA", dim, options, precision)).toThrow(OptionsError);
      expect(() => resolveBox("GA", dim, options, precision)).toThrow(re);
    }
  });

  it("round-trips through JSON, infinite bounds included", () => {
    const b = resolveBox("T", 2, { lower: [-1, -Infinity], upper: 2, initLower: [-1, -5] });
    const back = resolveBox("T", 2, boxFromJson("T", JSON.parse(JSON.stringify(boxToJson(b))), 2));
    expect(back).toEqual(b);
  });
});
