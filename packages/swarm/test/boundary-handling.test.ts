import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clampBoundary, reflectBoundary, reinitBoundary } from "../src/index.ts";

const f32 = (min: number, max: number) =>
  fc.float({ min: Math.fround(min), max: Math.fround(max), noNaN: true });

// A box per dimension (some unbounded on one side), a position anywhere, a velocity.
const particle = fc
  .array(
    fc.record({
      lo: f32(-100, 100),
      width: f32(0.5, 50),
      side: fc.constantFrom("both", "lowerOnly", "upperOnly"),
      x: f32(-1000, 1000),
      v: f32(-100, 100),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((dims) => ({
    lower: Float64Array.from(dims, (d) => (d.side === "upperOnly" ? Number.NEGATIVE_INFINITY : d.lo)),
    upper: Float64Array.from(dims, (d) =>
      d.side === "lowerOnly" ? Number.POSITIVE_INFINITY : Math.fround(d.lo + d.width),
    ),
    initLower: Float64Array.from(dims, (d) => d.lo),
    initUpper: Float64Array.from(dims, (d) => Math.fround(d.lo + d.width)),
    x: Float32Array.from(dims, (d) => d.x),
    v: Float32Array.from(dims, (d) => d.v),
  }));

describe("boundary handling", () => {
  it("clamp puts the particle on the violated bound and reverses half its velocity there", () => {
    fc.assert(
      fc.property(particle, ({ lower, upper, x, v }) => {
        const x2 = x.slice();
        const v2 = v.slice();
        clampBoundary(x2, v2, lower, upper);
        x.forEach((xd, d) => {
          if (xd < lower[d]) expect([x2[d], v2[d]]).toEqual([lower[d], Math.fround(-0.5 * v[d])]);
          else if (xd > upper[d]) expect([x2[d], v2[d]]).toEqual([upper[d], Math.fround(-0.5 * v[d])]);
          else expect([x2[d], v2[d]]).toEqual([xd, v[d]]);
        });
      }),
    );
  });

  it("reflect mirrors the overshoot back inside and reverses the velocity", () => {
    fc.assert(
      fc.property(particle, ({ lower, upper, x, v }) => {
        const x2 = x.slice();
        const v2 = v.slice();
        reflectBoundary(x2, v2, lower, upper);
        x.forEach((xd, d) => {
          expect(x2[d]).toBeGreaterThanOrEqual(lower[d]);
          expect(x2[d]).toBeLessThanOrEqual(upper[d]);
          const out = xd < lower[d] || xd > upper[d];
          expect(v2[d]).toBe(out ? -v[d] : v[d]);
          if (!out) expect(x2[d]).toBe(xd);
          // A single reflection (overshoot smaller than the box) is the mirror image.
          const w = upper[d] - lower[d];
          const tol = 1e-4 * (1 + Math.abs(xd));
          if (xd < lower[d] && lower[d] - xd <= w)
            expect(Math.abs(x2[d] - (2 * lower[d] - xd))).toBeLessThanOrEqual(tol);
          if (xd > upper[d] && xd - upper[d] <= w)
            expect(Math.abs(x2[d] - (2 * upper[d] - xd))).toBeLessThanOrEqual(tol);
        });
      }),
    );
    // A far overshoot folds: box [0, 1], x = 2.25 → 1 − 1.25 → mirrored again at 0 → 0.25.
    const x = Float32Array.of(2.25, -3.5);
    reflectBoundary(x, new Float32Array(2), Float64Array.of(0, 0), Float64Array.of(1, 1));
    expect(Array.from(x)).toEqual([0.25, 0.5]);
  });

  it("reinit redraws violated coordinates in the initialisation range and stops them", () => {
    fc.assert(
      fc.property(particle, fc.integer(), ({ lower, upper, initLower, initUpper, x, v }, seed) => {
        const x2 = x.slice();
        const v2 = v.slice();
        reinitBoundary(x2, v2, lower, upper, initLower, initUpper, new Rng(seed));
        x.forEach((xd, d) => {
          if (xd < lower[d] || xd > upper[d]) {
            expect(x2[d]).toBeGreaterThanOrEqual(Math.fround(initLower[d]));
            expect(x2[d]).toBeLessThanOrEqual(initUpper[d]);
            expect(v2[d]).toBe(0);
          } else expect([x2[d], v2[d]]).toEqual([xd, v[d]]);
        });
      }),
    );
  });
});
