/**
 * Row-wise kernels (addRowBias, colSums, softmaxRows, argmaxRows) and transpose against float64
 * references, on strided views whose padding is NaN (reading it would show) and must stay untouched.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backends,
  dimArb,
  embed,
  extract,
  gamma,
  layoutArb,
  TINY32,
  U32,
  untouchedOutside,
  valuesArb,
} from "./reference.ts";

const matrixArb = fc.record({ m: dimArb, n: dimArb }).chain(({ m, n }) =>
  fc.record({
    m: fc.constant(m),
    n: fc.constant(n),
    l: layoutArb(m, n),
    lo: layoutArb(m, n),
    v: valuesArb(m * n),
  }),
);

for (const k of backends) {
  describe(`row-wise kernels (${k.name} backend)`, () => {
    it("addRowBias adds bias[j] to every row, exactly, and nothing outside the view", () => {
      fc.assert(
        fc.property(matrixArb, fc.nat(3), ({ m, n, l, v }, bOff) =>
          fc.assert(
            fc.property(valuesArb(bOff + n), (bias) => {
              const c = embed(l, v, Number.NaN);
              const before = c.slice();
              k.addRowBias(m, n, bias, bOff, c, l.offset, l.ld);
              expect(untouchedOutside(l, before, c)).toBe(true);
              const got = extract(l, c);
              for (let i = 0; i < m; i++) {
                for (let j = 0; j < n; j++)
                  expect(got[i * n + j]).toBe(Math.fround(v[i * n + j] + bias[bOff + j]));
              }
            }),
            { numRuns: 3 },
          ),
        ),
        { numRuns: 80 },
      );
    });

    it("colSums gives alpha·Σ_i A[i, j] + beta·out[j] within γ_{m+2}(u32) of the float64 sum", () => {
      fc.assert(
        fc.property(
          matrixArb,
          fc.constantFrom(1, -0.5, 2),
          fc.constantFrom(0, 1, 0.25),
          ({ m, n, l, v }, alpha, beta) => {
            const a = embed(l, v, Number.NaN);
            const out = Float32Array.from({ length: n + 2 }, (_, j) => (beta === 0 ? Number.NaN : j - 1.5));
            const out0 = out.slice();
            k.colSums(m, n, alpha, a, l.offset, l.ld, beta, out, 1);
            expect(out[0]).toBe(out0[0]);
            expect(out[n + 1]).toBe(out0[n + 1]);
            for (let j = 0; j < n; j++) {
              let s = 0;
              let abs = 0;
              for (let i = 0; i < m; i++) {
                s += v[i * n + j];
                abs += Math.abs(v[i * n + j]);
              }
              const o0 = beta === 0 ? 0 : out0[j + 1];
              const want = alpha * s + beta * o0;
              const bound =
                gamma(m + 2, U32) * (Math.abs(alpha) * abs + Math.abs(beta * o0)) + (m + 2) * TINY32;
              expect(Math.abs(out[j + 1] - want)).toBeLessThanOrEqual(bound);
            }
          },
        ),
        { numRuns: 150 },
      );
    });

    it("softmaxRows matches exp(x − max)/Σ to 8 float32 ulps, rows sum to 1, and works in place", () => {
      fc.assert(
        fc.property(matrixArb, fc.constantFrom(1, 10, 1000), ({ m, n, l, lo, v }, spread) => {
          // spread 1000 makes logits up to ±4000: exp would overflow without the max subtraction.
          const x = embed(
            l,
            v.map((t) => t * spread),
            Number.NaN,
          );
          const xv = extract(l, x);
          const out = embed(lo, new Float32Array(m * n), 5);
          const before = out.slice();
          k.softmaxRows(m, n, x, l.offset, l.ld, out, lo.offset, lo.ld);
          expect(untouchedOutside(lo, before, out)).toBe(true);
          const got = extract(lo, out);
          for (let i = 0; i < m; i++) {
            let max = Number.NEGATIVE_INFINITY;
            for (let j = 0; j < n; j++) max = Math.max(max, xv[i * n + j]);
            let s = 0;
            for (let j = 0; j < n; j++) s += Math.exp(xv[i * n + j] - max);
            let rowSum = 0;
            for (let j = 0; j < n; j++) {
              const want = Math.exp(xv[i * n + j] - max) / s;
              // A few roundings (exp, the float32 store, the division) each of at most one ulp; in the
              // subnormal range the store of exp and the store of the quotient each lose up to 2^-150.
              expect(Math.abs(got[i * n + j] - want)).toBeLessThanOrEqual(8 * U32 * want + 2 * TINY32);
              rowSum += got[i * n + j];
            }
            expect(Math.abs(rowSum - 1)).toBeLessThanOrEqual(gamma(n + 8, U32));
          }
          // In place: OUT = X at the same offset and leading dimension gives the same numbers.
          k.softmaxRows(m, n, x, l.offset, l.ld, x, l.offset, l.ld);
          expect(extract(l, x)).toEqual(got);
        }),
        { numRuns: 150 },
      );
    });

    it("softmaxRows gives NaN for a row holding NaN and leaves other rows finite", () => {
      const x = Float32Array.of(1, Number.NaN, 2, 0, 0, 0);
      const out = new Float32Array(6);
      k.softmaxRows(2, 3, x, 0, 3, out, 0, 3);
      expect(Array.from(out.subarray(0, 3)).every(Number.isNaN)).toBe(true);
      for (const p of out.subarray(3)) expect(p).toBeCloseTo(1 / 3, 6);
    });

    it("argmaxRows returns the first index of each row's maximum, or of its first NaN", () => {
      fc.assert(
        fc.property(
          fc.record({ m: dimArb, n: dimArb }).chain(({ m, n }) =>
            fc.record({
              m: fc.constant(m),
              n: fc.constant(n),
              l: layoutArb(m, n),
              // few distinct values, so ties are common
              v: fc.array(fc.constantFrom(-1, 0, 1, 2, 2.5), { minLength: m * n, maxLength: m * n }),
              nanAt: fc.option(fc.nat(m * n - 1)),
            }),
          ),
          ({ m, n, l, v, nanAt }) => {
            const vals = Float32Array.from(v);
            if (nanAt !== null) vals[nanAt] = Number.NaN;
            const x = embed(l, vals, 99);
            const out = new Int32Array(m + 1).fill(-7);
            k.argmaxRows(m, n, x, l.offset, l.ld, out, 1);
            expect(out[0]).toBe(-7);
            for (let i = 0; i < m; i++) {
              const row = Array.from(vals.subarray(i * n, i * n + n));
              const firstNaN = row.findIndex(Number.isNaN);
              const want = firstNaN >= 0 ? firstNaN : row.indexOf(Math.max(...row));
              expect(out[i + 1]).toBe(want);
            }
          },
        ),
        { numRuns: 200 },
      );
    });

    it("transpose writes OUT[j, i] = A[i, j] exactly, across tile boundaries and strided views", () => {
      const big = fc
        .record({
          m: fc.oneof(dimArb, fc.integer({ min: 30, max: 70 })),
          n: fc.oneof(dimArb, fc.integer({ min: 30, max: 70 })),
        })
        .chain(({ m, n }) =>
          fc.record({
            m: fc.constant(m),
            n: fc.constant(n),
            l: layoutArb(m, n),
            lo: layoutArb(n, m),
            v: valuesArb(m * n),
          }),
        );
      fc.assert(
        fc.property(big, ({ m, n, l, lo, v }) => {
          const a = embed(l, v, Number.NaN);
          const out = embed(lo, new Float32Array(m * n), 3);
          const before = out.slice();
          k.transpose(m, n, a, l.offset, l.ld, out, lo.offset, lo.ld);
          expect(untouchedOutside(lo, before, out)).toBe(true);
          const got = extract(lo, out);
          let wrong = 0;
          for (let i = 0; i < m; i++)
            for (let j = 0; j < n; j++) if (!Object.is(got[j * m + i], v[i * n + j])) wrong++;
          expect(wrong).toBe(0);
        }),
        { numRuns: 150 },
      );
    });
  });
}
