/**
 * sum, dot, norm2 and allFinite against float64 references. The kernels accumulate in float64 (the
 * interface requires it), so they may differ from a sequential float64 sum only by float64 rounding:
 * |got − ref| ≤ 2·γ_n(u64)·Σ|terms|, u64 = 2^-53 (Higham §4.2, for both summation orders).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backends, gamma, U64, valuesArb } from "./reference.ts";

const vecArb = fc.record({ n: fc.oneof(fc.nat(9), fc.nat(300)), off: fc.nat(5) }).chain(({ n, off }) =>
  fc.record({
    n: fc.constant(n),
    off: fc.constant(off),
    x: valuesArb(off + n + 2),
    y: valuesArb(off + n + 2),
  }),
);

for (const k of backends) {
  describe(`reductions (${k.name} backend)`, () => {
    it("sum, dot and norm2 match float64 sums over exactly n elements from the offset", () => {
      fc.assert(
        fc.property(vecArb, ({ n, off, x, y }) => {
          let s = 0;
          let sAbs = 0;
          let d = 0;
          let dAbs = 0;
          let q = 0;
          for (let i = off; i < off + n; i++) {
            s += x[i];
            sAbs += Math.abs(x[i]);
            d += x[i] * y[i];
            dAbs += Math.abs(x[i] * y[i]);
            q += x[i] * x[i];
          }
          const tol = 2 * gamma(n + 1, U64);
          expect(Math.abs(k.sum(n, x, off) - s)).toBeLessThanOrEqual(tol * sAbs);
          expect(Math.abs(k.dot(n, x, off, y, off) - d)).toBeLessThanOrEqual(tol * dAbs);
          expect(Math.abs(k.norm2(n, x, off) - Math.sqrt(q))).toBeLessThanOrEqual(tol * Math.sqrt(q) + 0);
        }),
        { numRuns: 300 },
      );
    });

    it("returns exact float64 results where float32 accumulation would lose them", () => {
      // 2^24 + 1 is not a float32, so a float32 accumulator would give 2^24.
      const x = new Float32Array(5).fill(1);
      x[0] = 2 ** 24;
      expect(k.sum(5, x, 0)).toBe(2 ** 24 + 4);
      expect(k.norm2(2, Float32Array.of(3, 4), 0)).toBe(5);
      // Squares near 1e38 overflow float32 but not float64.
      const big = Float32Array.of(1.5e38, 2e38);
      const hyp = Math.hypot(big[0], big[1]);
      expect(Math.abs(k.norm2(2, big, 0) - hyp)).toBeLessThanOrEqual(4 * U64 * hyp);
      expect(k.dot(3, Float32Array.of(1, 2, 3), 0, Float32Array.of(4, 5, 6), 0)).toBe(32);
      expect(k.sum(0, new Float32Array(0), 0)).toBe(0);
    });

    it("allFinite is false exactly when a NaN or ±Infinity lies within the n elements", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 10_000 }),
          fc.nat(3),
          fc.option(fc.nat(10_000)),
          fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
          (n, off, badAt, bad) => {
            const x = new Float32Array(off + n + 2).fill(-1.5);
            x[0] = Number.NaN; // outside the range when off > 0
            x[off + n + 1] = Number.NaN; // always outside
            if (off === 0) x[0] = -1.5;
            const pos = badAt === null ? -1 : off + (n === 0 ? 0 : badAt % n);
            if (badAt !== null && n > 0) x[pos] = bad;
            expect(k.allFinite(n, x, off)).toBe(badAt === null || n === 0);
          },
        ),
        { numRuns: 200 },
      );
      expect(k.allFinite(3, Float32Array.of(-0, 3.4e38, -3.4e38), 0)).toBe(true);
    });
  });
}
