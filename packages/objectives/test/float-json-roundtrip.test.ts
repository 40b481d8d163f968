import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { floatFromJson, floatsFromJson, floatsToJson, floatToJson } from "../src/index.ts";

describe("float JSON", () => {
  it("round-trips every double through JSON.stringify/parse bit for bit, NaN, ±Infinity and -0 included", () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        const back = floatFromJson("t", "x", JSON.parse(JSON.stringify(floatToJson(x))));
        expect(Object.is(back, x)).toBe(true);
      }),
    );
  });

  it("round-trips float32 and float64 arrays", () => {
    fc.assert(
      fc.property(fc.array(fc.float()), (xs) => {
        const a = Float32Array.from(xs);
        const b = floatsFromJson(
          "t",
          "a",
          JSON.parse(JSON.stringify(floatsToJson(a))),
          a.length,
          new Float32Array(a.length),
        );
        for (let i = 0; i < a.length; i++) expect(Object.is(b[i], a[i])).toBe(true);
      }),
    );
    const special = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1e-320];
    const back = floatsFromJson("t", "a", JSON.parse(JSON.stringify(floatsToJson(special))), special.length);
    special.forEach((v, i) => {
      expect(Object.is(back[i], v)).toBe(true);
    });
  });

  it("names the field when the JSON is not what it should be", () => {
    expect(() => floatFromJson("Owner", "best.f", null)).toThrow(/Owner: state field best.f holds null/);
    expect(() => floatsFromJson("Owner", "pos", [1, 2], 3)).toThrow(
      /pos must be an array of 3 numbers, got an array of 2/,
    );
    expect(() => floatsFromJson("Owner", "pos", [1, "x", 3], 3)).toThrow(/pos\[1\] holds "x"/);
  });
});
