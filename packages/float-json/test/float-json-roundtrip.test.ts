import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FLOAT_TOKENS, floatFromJson, floatsFromJson, floatsToJson, floatToJson } from "../src/index.ts";

/** Through text and back, as a state or record file does. */
const viaText = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** Doubles the generators might reach rarely: the tokens, the ends of the subnormal and normal ranges. */
const EDGES = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  2.225073858507201e-308, // the largest subnormal
  -2.2250738585072014e-308, // the smallest normal, negated
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.EPSILON,
  1e-320,
];

/** Any double, by its 64 bits: every NaN payload, subnormal, ±0 and ±Infinity is reachable. */
const anyBits = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((b) => {
  const bits = new BigUint64Array([b]);
  return new Float64Array(bits.buffer)[0];
});

const anyDouble = fc.oneof(fc.double(), anyBits, fc.constantFrom(...EDGES));

/** Any float32, by its 32 bits. */
const anyFloat32 = fc.oneof(
  fc.float(),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((b) => new Float32Array(new Uint32Array([b]).buffer)[0]),
  fc.constantFrom(...EDGES.map(Math.fround)),
);

/** Same value, bit for bit; NaN equals NaN (payloads are not kept, see the module comment). */
function expectSameFloats(got: ArrayLike<number>, want: ArrayLike<number>): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) expect.fail(`at ${i}: got ${got[i]}, want ${want[i]}`);
  }
}

/** The bits of a float64 array with every NaN made the canonical NaN. */
function canonicalBits(xs: Float64Array): BigUint64Array {
  const c = Float64Array.from(xs, (x) => (Number.isNaN(x) ? Number.NaN : x));
  return new BigUint64Array(c.buffer);
}

describe("floatToJson / floatFromJson", () => {
  it("round-trip every double through JSON.stringify/parse: NaN, ±Infinity, -0 and subnormals included", () => {
    fc.assert(
      fc.property(anyDouble, (x) => {
        const back = floatFromJson("t", "x", viaText(floatToJson(x)));
        expect(Object.is(back, x)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("write finite doubles other than -0 as the number itself, the rest as the tokens", () => {
    fc.assert(
      fc.property(anyDouble, (x) => {
        const j = floatToJson(x);
        if (Number.isFinite(x) && !Object.is(x, -0)) expect(j).toBe(x);
        else expect(FLOAT_TOKENS).toContain(j);
      }),
    );
    expect([Number.NaN, Infinity, -Infinity, -0, 0].map(floatToJson)).toEqual([
      "NaN",
      "Infinity",
      "-Infinity",
      "-0",
      0,
    ]);
    expect(FLOAT_TOKENS.map((t) => floatFromJson("t", "x", t))).toEqual([
      Number.NaN,
      Infinity,
      -Infinity,
      -0,
    ]);
  });
});

describe("floatsToJson / floatsFromJson", () => {
  it("round-trip any Float64Array bit for bit (up to NaN payloads)", () => {
    fc.assert(
      fc.property(fc.array(anyDouble, { maxLength: 50 }), (xs) => {
        const a = Float64Array.from(xs);
        const b = floatsFromJson("t", "a", viaText(floatsToJson(a)), a.length);
        expect(b).toBeInstanceOf(Float64Array);
        expect(canonicalBits(b)).toEqual(canonicalBits(a));
        expectSameFloats(b, a);
      }),
    );
  });

  it("round-trip any Float32Array bit for bit (up to NaN payloads), decoded into a Float32Array", () => {
    fc.assert(
      fc.property(fc.array(anyFloat32, { maxLength: 50 }), (xs) => {
        const a = Float32Array.from(xs);
        const out = new Float32Array(a.length);
        const b = floatsFromJson("t", "a", viaText(floatsToJson(a)), a.length, out);
        expect(b).toBe(out);
        expectSameFloats(b, a);
      }),
    );
  });

  it("decode into the array given, not a new one, overwriting every entry", () => {
    const special = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1e-320, 0.1];
    const out = new Float64Array(special.length).fill(7);
    const back = floatsFromJson("t", "a", viaText(floatsToJson(special)), special.length, out);
    expect(back).toBe(out);
    expectSameFloats(out, special);
  });

  it("accept an old-style array of plain numbers", () => {
    expectSameFloats(floatsFromJson("t", "a", [1, -2.5, 0], 3), [1, -2.5, 0]);
  });
});

describe("errors", () => {
  it("name the owner, the field and the index when the JSON is not what it should be", () => {
    expect(() => floatFromJson("Owner", "best.f", null)).toThrow(
      /^Owner: state field best.f holds null; expected a number$/,
    );
    expect(() => floatFromJson("Owner", "best.f", "nan")).toThrow(/best.f holds "nan"/);
    expect(() => floatsFromJson("Owner", "pos", [1, 2], 3)).toThrow(
      /pos must be an array of 3 numbers, got an array of 2/,
    );
    expect(() => floatsFromJson("Owner", "pos", { 0: 1 }, 1)).toThrow(
      /pos must be an array of 1 numbers, got \{"0":1\}/,
    );
    expect(() => floatsFromJson("Owner", "pos", undefined, 1)).toThrow(/got undefined/);
    expect(() => floatsFromJson("Owner", "pos", [1, "x", 3], 3)).toThrow(TypeError);
    expect(() => floatsFromJson("Owner", "pos", [1, "x", 3], 3)).toThrow(/pos\[1\] holds "x"/);
  });

  it("refuse an output array of another length", () => {
    expect(() => floatsFromJson("Owner", "m", [1, 2], 2, new Float32Array(3))).toThrow(RangeError);
    expect(() => floatsFromJson("Owner", "m", [1, 2], 2, new Float32Array(3))).toThrow(
      "Owner: cannot read state field m (2 numbers) into an array of 3",
    );
  });
});
