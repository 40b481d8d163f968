/**
 * gemm against a float64 reference over random shapes, transpose flags, alpha/beta and strided views.
 *
 * Tolerance: |C − C_ref| ≤ γ_{k+2}(u32) · (|alpha|·|op(A)|·|op(B)| + |beta|·|C0|) + (k+2)·max(1, |alpha|)·2^-150,
 * elementwise.
 * This is the classical bound for a k-term float32 dot product (Higham, "Accuracy and Stability of
 * Numerical Algorithms", 2nd ed., §3.5: |fl(AB) − AB| ≤ γ_k |A||B|), plus two roundings for alpha and
 * the beta·C update; the last term covers results in float32's subnormal range, where each of the k
 * products and sums of a float32 accumulation can lose up to 2^-150 absolutely, and BLAS applies
 * alpha to the accumulated sum (so it scales that loss too). It is the contract any
 * backend must meet, including one that accumulates in float32. The TS backend accumulates in float64
 * and is far inside it. The bound is relative to |A||B|, not to |C|, because C can cancel to ~0.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GEMM_BLOCKING } from "../src/index.ts";
import {
  backends,
  dimArb,
  embed,
  extract,
  gamma,
  type Layout,
  layoutArb,
  pseudoRandom,
  refGemm,
  TINY32,
  U32,
  untouchedOutside,
  valuesArb,
} from "./reference.ts";

const C_PAD = 12345.5; // sentinel around C: must survive every call

interface GemmCase {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  alpha: number;
  beta: number;
  la: Layout;
  lb: Layout;
  lc: Layout;
  av: Float32Array;
  bv: Float32Array;
  cv: Float32Array;
}

const caseArb: fc.Arbitrary<GemmCase> = fc
  .record({
    transA: fc.boolean(),
    transB: fc.boolean(),
    m: dimArb,
    n: dimArb,
    k: dimArb,
    alpha: fc.oneof(fc.constantFrom(1, -1, 0.5, 0), fc.double({ min: -3, max: 3, noNaN: true })),
    beta: fc.oneof(fc.constantFrom(0, 1, -0.5), fc.double({ min: -2, max: 2, noNaN: true })),
  })
  .chain((s) => {
    const [ar, ac] = s.transA ? [s.k, s.m] : [s.m, s.k];
    const [br, bc] = s.transB ? [s.n, s.k] : [s.k, s.n];
    return fc.record({
      ...Object.fromEntries(Object.entries(s).map(([key, v]) => [key, fc.constant(v)])),
      la: layoutArb(ar, ac),
      lb: layoutArb(br, bc),
      lc: layoutArb(s.m, s.n),
      av: valuesArb(ar * ac),
      bv: valuesArb(br * bc),
      cv: valuesArb(s.m * s.n),
    }) as fc.Arbitrary<GemmCase>;
  });

/** Runs one case on `kernels` and checks it against the reference; returns the largest error/bound ratio. */
function check(kernels: (typeof backends)[number], t: GemmCase, cInit?: number): number {
  const a = embed(t.la, t.av, Number.NaN);
  const b = embed(t.lb, t.bv, Number.NaN);
  const c = embed(t.lc, t.cv, C_PAD);
  if (cInit !== undefined)
    for (let i = 0; i < t.m; i++) c.fill(cInit, t.lc.offset + i * t.lc.ld, t.lc.offset + i * t.lc.ld + t.n);
  const before = c.slice();
  const ref = refGemm(t.transA, t.transB, t.m, t.n, t.k, t.alpha, a, t.la, b, t.lb, t.beta, c, t.lc);
  kernels.gemm(
    t.transA,
    t.transB,
    t.m,
    t.n,
    t.k,
    t.alpha,
    a,
    t.la.offset,
    t.la.ld,
    b,
    t.lb.offset,
    t.lb.ld,
    t.beta,
    c,
    t.lc.offset,
    t.lc.ld,
  );
  expect(untouchedOutside(t.lc, before, c)).toBe(true);
  const got = extract(t.lc, c);
  const tol = gamma(t.k + 2, U32);
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const bound = tol * ref.scale[i] + (t.k + 2) * Math.max(1, Math.abs(t.alpha)) * TINY32;
    const err = Math.abs(got[i] - ref.value[i]);
    if (!(err <= bound)) {
      throw new Error(
        `C[${Math.floor(i / t.n)}, ${i % t.n}] = ${got[i]}, reference ${ref.value[i]}, error ${err} > bound ${bound}`,
      );
    }
    worst = Math.max(worst, bound > 0 ? err / bound : 0);
  }
  return worst;
}

for (const kernels of backends) {
  describe(`gemm (${kernels.name} backend)`, () => {
    it("matches the float64 reference for random shapes, flags, alpha, beta and strided views", () => {
      fc.assert(
        fc.property(caseArb, (t) => {
          check(kernels, t);
        }),
        { numRuns: 300 },
      );
    });

    it("overwrites C when beta = 0, even where C holds NaN or Infinity", () => {
      fc.assert(
        fc.property(caseArb, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY), (t, poison) => {
          check(kernels, { ...t, beta: 0 }, poison);
        }),
        { numRuns: 60 },
      );
    });

    it("does not read A or B when alpha = 0 or k = 0: C becomes beta·C", () => {
      const a = new Float32Array(12).fill(Number.NaN);
      const b = new Float32Array(12).fill(Number.NaN);
      const c = Float32Array.of(1, 2, 3, 4, 5, 6);
      kernels.gemm(false, false, 2, 3, 4, 0, a, 0, 4, b, 0, 3, 2, c, 0, 3);
      expect(Array.from(c)).toEqual([2, 4, 6, 8, 10, 12]);
      kernels.gemm(true, true, 2, 3, 0, 1, a, 0, 2, b, 0, 1, -1, c, 0, 3);
      expect(Array.from(c)).toEqual([-2, -4, -6, -8, -10, -12]);
    });

    it("propagates NaN and Infinity from A and B as IEEE arithmetic does", () => {
      const a = Float32Array.of(1, Number.NaN, 2, 3); // 2x2
      const b = Float32Array.of(Number.POSITIVE_INFINITY, 0, 1, 1); // 2x2
      const c = new Float32Array(4);
      kernels.gemm(false, false, 2, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2);
      expect(Number.isNaN(c[0])).toBe(true); // 1·Inf + NaN·1
      expect(Number.isNaN(c[1])).toBe(true); // 1·0 + NaN·1
      expect(c[2]).toBe(Number.POSITIVE_INFINITY); // 2·Inf + 3·1
      expect(c[3]).toBe(3);
    });

    it("crosses every cache-block boundary correctly (k > kc, m > mc, n > nc) for all transpose flags", () => {
      const { kc, mc, nc } = GEMM_BLOCKING;
      const shapes: [number, number, number][] = [
        [mc + 1, nc + 1, kc + 1],
        [2 * mc + 3, 37, 2 * kc + 5],
        [7, 2 * nc + 6, kc + 3],
      ];
      let seed = 1;
      for (const [m, n, k] of shapes) {
        for (const transA of [false, true]) {
          for (const transB of [false, true]) {
            const [ar, ac] = transA ? [k, m] : [m, k];
            const [br, bc] = transB ? [n, k] : [k, n];
            check(kernels, {
              transA,
              transB,
              m,
              n,
              k,
              alpha: 0.75,
              beta: -1.25,
              la: { rows: ar, cols: ac, offset: 3, ld: ac + 2 },
              lb: { rows: br, cols: bc, offset: 1, ld: bc + 1 },
              lc: { rows: m, cols: n, offset: 2, ld: n + 3 },
              av: pseudoRandom(ar * ac, seed++),
              bv: pseudoRandom(br * bc, seed++),
              cv: pseudoRandom(m * n, seed++),
            });
          }
        }
      }
    });

    it("gives bit-identical results whatever ran before (packing scratch does not leak between calls)", () => {
      const run = () => {
        const a = pseudoRandom(9 * 13, 7);
        const b = pseudoRandom(13 * 11, 8);
        const c = new Float32Array(9 * 11);
        kernels.gemm(false, true, 9, 11, 13, 1, a, 0, 13, b, 0, 13, 0, c, 0, 11);
        return c;
      };
      const first = run();
      const big = pseudoRandom(300 * 300, 9);
      kernels.gemm(
        true,
        false,
        300,
        300,
        300,
        1,
        big,
        0,
        300,
        big,
        0,
        300,
        0,
        new Float32Array(300 * 300),
        0,
        300,
      );
      expect(run()).toEqual(first);
    });
  });
}
