import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clipGradNorm, clipGradValue, gradNorm } from "../src/index.ts";

/** Reference: the norm in float64 by the textbook formula. */
function norm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot / (norm(a) * norm(b));
}

const grads = fc.float32Array({
  noNaN: true,
  noDefaultInfinity: true,
  min: -1e6,
  max: 1e6,
  minLength: 1,
  maxLength: 64,
});
const limit = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
// One float32 rounding per entry moves the norm by at most a relative 2^-24; allow twice that.
const ROUNDING = 2 ** -23;

describe("clipGradNorm (Pascanu et al. 2013)", () => {
  it("[3, 4] with maxNorm 1 becomes [0.6, 0.8] and returns 5", () => {
    const g = new Float32Array([3, 4]);
    expect(clipGradNorm(g, 1)).toBe(5);
    expect(g).toEqual(new Float32Array([0.6, 0.8]));
  });

  it("returns the pre-clip norm, and the clipped norm is at most maxNorm", () => {
    fc.assert(
      fc.property(grads, limit, (g, c) => {
        const before = norm(g);
        const returned = clipGradNorm(g, c);
        expect(returned).toBe(before);
        expect(norm(g)).toBeLessThanOrEqual(c * (1 + ROUNDING));
        if (before > c) expect(norm(g)).toBeGreaterThanOrEqual(c * (1 - ROUNDING));
      }),
    );
  });

  it("keeps the direction: signs unchanged, cosine with the original 1", () => {
    fc.assert(
      fc.property(grads, limit, (g, c) => {
        const original = g.slice();
        clipGradNorm(g, c);
        for (let i = 0; i < g.length; i++) {
          expect(Math.sign(g[i]) === Math.sign(original[i]) || g[i] === 0).toBe(true);
        }
        if (norm(original) > 0 && norm(g) > 0) expect(cosine(original, g)).toBeGreaterThan(1 - 1e-6);
      }),
    );
  });

  it("leaves a gradient within the limit bit-for-bit unchanged", () => {
    fc.assert(
      fc.property(grads, (g) => {
        const original = g.slice();
        const n = norm(g);
        fc.pre(n > 0);
        clipGradNorm(g, n * 1.5);
        expect(g).toEqual(original);
        clipGradNorm(g, n); // ‖g‖ = c exactly is not above the limit either
        expect(g).toEqual(original);
      }),
    );
  });

  it("leaves non-finite gradients untouched and reports the non-finite norm", () => {
    const g = new Float32Array([1, Number.NaN, 3]);
    expect(clipGradNorm(g, 1)).toBeNaN();
    expect(Array.from(g)).toEqual([1, Number.NaN, 3]);
    const h = new Float32Array([1, Number.POSITIVE_INFINITY]);
    expect(clipGradNorm(h, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(Array.from(h)).toEqual([1, Number.POSITIVE_INFINITY]);
  });

  it("computes the norm in float64: no overflow or underflow at float32 extremes", () => {
    const big = Math.fround(3e38); // a float32 near its maximum: its square overflows float32, not float64
    expect(gradNorm(new Float32Array([big, big])) / (big * Math.SQRT2)).toBeCloseTo(1, 14);
    const tiny = Math.fround(1e-40); // a float32 subnormal: its square underflows float32, not float64
    expect(
      gradNorm(new Float32Array([3 * tiny, 4 * tiny])) /
        Math.hypot(Math.fround(3 * tiny), Math.fround(4 * tiny)),
    ).toBeCloseTo(1, 14);
    expect(gradNorm(new Float32Array(0))).toBe(0);
  });

  it("rejects a maxNorm that is not > 0", () => {
    expect(() => clipGradNorm(new Float32Array(1), 0)).toThrow(
      "clipGradNorm: maxNorm must be a number > 0, got 0",
    );
    expect(() => clipGradNorm(new Float32Array(1), Number.NaN)).toThrow(/got NaN/);
  });
});

describe("clipGradValue", () => {
  it("clamps each entry to [−c, c], leaves the others alone, and returns the pre-clip norm", () => {
    fc.assert(
      fc.property(grads, limit, (g, c) => {
        const original = g.slice();
        expect(clipGradValue(g, c)).toBe(norm(original));
        const cf = Math.fround(c);
        for (let i = 0; i < g.length; i++) {
          const o = original[i];
          if (o > c) expect(g[i]).toBe(cf);
          else if (o < -c) expect(g[i]).toBe(-cf);
          else expect(g[i]).toBe(o);
        }
      }),
    );
  });

  it("rejects a clipValue that is not > 0", () => {
    expect(() => clipGradValue(new Float32Array(1), -1)).toThrow(
      "clipGradValue: clipValue must be a number > 0, got -1",
    );
  });
});
