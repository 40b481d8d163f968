import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { float32AtLeast, float32AtMost } from "../src/index.ts";

/** The float32 next to `f` (a float32) towards +Infinity or -Infinity, computed from its bits. */
function neighbour(f: number, up: boolean): number {
  const buf = new Float32Array([f]);
  const bits = new Int32Array(buf.buffer);
  if (f === 0) return up ? 2 ** -149 : -(2 ** -149);
  bits[0] += f > 0 === up ? 1 : -1;
  return buf[0];
}

describe("float32AtMost / float32AtLeast", () => {
  it("give the float32 on the asked side of any finite double, and the nearest one there", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const lo = float32AtMost(x);
        const hi = float32AtLeast(x);
        expect(Math.fround(lo)).toBe(lo);
        expect(Math.fround(hi)).toBe(hi);
        expect(lo).toBeLessThanOrEqual(x);
        expect(hi).toBeGreaterThanOrEqual(x);
        // Nothing float32 lies strictly between the result and x.
        if (lo < x) expect(neighbour(lo, true)).toBeGreaterThan(x);
        if (hi > x) expect(neighbour(hi, false)).toBeLessThan(x);
      }),
      { numRuns: 2000 },
    );
  });

  it("leave float32 values, ±Infinity and NaN as they are", () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (f) => {
        expect(float32AtMost(f)).toBe(f);
        expect(float32AtLeast(f)).toBe(f);
      }),
    );
    expect(float32AtMost(Number.NaN)).toBeNaN();
    expect(float32AtLeast(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("round the usual suspects", () => {
    expect(float32AtMost(0.1)).toBe(0.09999999403953552);
    expect(float32AtLeast(0.1)).toBe(0.10000000149011612);
    expect(float32AtMost(-0.1)).toBe(-0.10000000149011612);
    expect(float32AtMost(1e-50)).toBe(0);
    expect(float32AtMost(-1e-50)).toBe(-(2 ** -149));
    expect(float32AtMost(1e39)).toBe(3.4028234663852886e38);
    expect(float32AtLeast(1e39)).toBe(Number.POSITIVE_INFINITY);
  });
});
