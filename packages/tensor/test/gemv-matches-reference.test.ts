/**
 * gemv against a float64 reference. Tolerance as for gemm (see gemm-matches-reference.test.ts):
 * γ_{k+2}(u32) relative to |alpha|·|op(A)|·|x| + |beta|·|y0|, with k the length of the dot products.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backends,
  dimArb,
  embed,
  extract,
  gamma,
  type Layout,
  layoutArb,
  TINY32,
  U32,
  untouchedOutside,
  valuesArb,
} from "./reference.ts";

const caseArb = fc
  .record({
    transA: fc.boolean(),
    m: dimArb,
    n: dimArb,
    alpha: fc.oneof(fc.constantFrom(1, -1, 0), fc.double({ min: -3, max: 3, noNaN: true })),
    beta: fc.oneof(fc.constantFrom(0, 1, 0.5), fc.double({ min: -2, max: 2, noNaN: true })),
    xOff: fc.nat(4),
    yOff: fc.nat(4),
  })
  .chain((s) =>
    fc.record({
      s: fc.constant(s),
      la: layoutArb(s.m, s.n),
      av: valuesArb(s.m * s.n),
      xv: valuesArb(s.transA ? s.m : s.n),
      yv: valuesArb(s.transA ? s.n : s.m),
    }),
  );

/** A vector as a 1-row layout at `off`, padded with `pad`. */
const vec = (n: number, off: number): Layout => ({ rows: 1, cols: n, offset: off, ld: Math.max(1, n) });

for (const kernels of backends) {
  describe(`gemv (${kernels.name} backend)`, () => {
    it("matches the float64 reference for random shapes, both orientations, alpha and beta", () => {
      fc.assert(
        fc.property(caseArb, ({ s, la, av, xv, yv }) => {
          const inLen = s.transA ? s.m : s.n;
          const outLen = s.transA ? s.n : s.m;
          const a = embed(la, av, Number.NaN);
          const lx = vec(inLen, s.xOff);
          const ly = vec(outLen, s.yOff);
          const x = embed(lx, xv, Number.NaN);
          const y = embed(ly, yv, 777);
          const before = y.slice();
          kernels.gemv(s.transA, s.m, s.n, s.alpha, a, la.offset, la.ld, x, s.xOff, s.beta, y, s.yOff);
          expect(untouchedOutside(ly, before, y)).toBe(true);
          const got = extract(ly, y);
          for (let i = 0; i < outLen; i++) {
            let sum = 0;
            let abs = 0;
            for (let p = 0; p < inLen; p++) {
              const av2 = s.transA ? av[p * s.n + i] : av[i * s.n + p];
              sum += av2 * xv[p];
              abs += Math.abs(av2 * xv[p]);
            }
            const y0 = s.beta === 0 ? 0 : yv[i];
            const want = s.alpha * sum + s.beta * y0;
            const bound =
              gamma(inLen + 2, U32) * (Math.abs(s.alpha) * abs + Math.abs(s.beta * y0)) +
              (inLen + 2) * TINY32;
            expect(Math.abs(got[i] - want)).toBeLessThanOrEqual(bound);
          }
        }),
        { numRuns: 300 },
      );
    });

    it("overwrites y when beta = 0, even where y holds NaN", () => {
      const a = Float32Array.of(1, 2, 3, 4); // 2x2
      const y = Float32Array.of(Number.NaN, Number.NaN);
      kernels.gemv(true, 2, 2, 1, a, 0, 2, Float32Array.of(1, 1), 0, 0, y, 0);
      expect(Array.from(y)).toEqual([4, 6]);
      kernels.gemv(false, 2, 2, 2, a, 0, 2, Float32Array.of(1, -1), 0, 1, y, 0);
      expect(Array.from(y)).toEqual([2, 4]);
    });
  });
}
