/**
 * Elementwise kernels against float64 arithmetic. add, sub, mul, copy, fill and clamp must be
 * bit-identical to Math.fround of the float64 result: the exact result of one +, − or × on two float32
 * values, rounded once to float32, is what every IEEE backend produces (rounding first to float64 is
 * innocuous because float64 carries more than 2·24 + 2 bits). scale and axpy take a float64 alpha, so a
 * backend may round alpha or the product to float32 first: they are allowed 2 float32 roundings
 * relative to the magnitudes involved (2u·(|y| + |alpha·x|), u = 2^-24), plus float32's subnormal step.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backends, TINY32, U32, valuesArb } from "./reference.ts";

const f = Math.fround;

/** |got − want| within two float32 roundings of the magnitude `mag`. */
function close(got: number, want: number, mag: number): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(2 * U32 * mag + 2 * TINY32);
}

/** n, two input offsets and an output offset, with inputs of length off + n + 2 (the tail must stay put). */
const binaryArb = fc
  .record({ n: fc.nat(70), aOff: fc.nat(5), bOff: fc.nat(5), oOff: fc.nat(5) })
  .chain((s) =>
    fc.record({ s: fc.constant(s), av: valuesArb(s.aOff + s.n + 2), bv: valuesArb(s.bOff + s.n + 2) }),
  );

for (const k of backends) {
  describe(`elementwise kernels (${k.name} backend)`, () => {
    const binary = [
      ["add", k.add, (x: number, y: number) => f(x + y)],
      ["sub", k.sub, (x: number, y: number) => f(x - y)],
      ["mul", k.mul, (x: number, y: number) => f(x * y)],
    ] as const;
    for (const [name, kernel, ref] of binary) {
      it(`${name} computes out[i] = a[i] op b[i] exactly, in place too, and writes only n elements`, () => {
        fc.assert(
          fc.property(binaryArb, ({ s, av, bv }) => {
            const out = new Float32Array(s.oOff + s.n + 2).fill(-9);
            kernel.call(k, s.n, av, s.aOff, bv, s.bOff, out, s.oOff);
            for (let i = 0; i < s.n; i++) expect(out[s.oOff + i]).toBe(ref(av[s.aOff + i], bv[s.bOff + i]));
            expect(out[s.oOff + s.n]).toBe(-9);
            if (s.oOff > 0) expect(out[s.oOff - 1]).toBe(-9);
            // out === a at the same offset
            const inPlace = av.slice();
            kernel.call(k, s.n, inPlace, s.aOff, bv, s.bOff, inPlace, s.aOff);
            for (let i = 0; i < s.n; i++)
              expect(inPlace[s.aOff + i]).toBe(ref(av[s.aOff + i], bv[s.bOff + i]));
          }),
        );
      });
    }

    it("scale, axpy and fill match their definitions and touch only n elements", () => {
      fc.assert(
        fc.property(binaryArb, fc.double({ min: -3, max: 3, noNaN: true }), ({ s, av, bv }, alpha) => {
          const x = av.slice();
          k.scale(s.n, alpha, x, s.aOff);
          for (let i = 0; i < x.length; i++) {
            const inRange = i >= s.aOff && i < s.aOff + s.n;
            if (inRange) close(x[i], av[i] * alpha, Math.abs(av[i] * alpha));
            else expect(x[i]).toBe(av[i]);
          }
          const y = bv.slice();
          k.axpy(s.n, alpha, av, s.aOff, y, s.bOff);
          for (let i = 0; i < y.length; i++) {
            const inRange = i >= s.bOff && i < s.bOff + s.n;
            const ax = alpha * av[i - s.bOff + s.aOff];
            if (inRange) close(y[i], bv[i] + ax, Math.abs(bv[i]) + Math.abs(ax));
            else expect(y[i]).toBe(bv[i]);
          }
          const z = bv.slice();
          k.fill(s.n, alpha, z, s.bOff);
          for (let i = 0; i < z.length; i++) {
            expect(z[i]).toBe(i >= s.bOff && i < s.bOff + s.n ? f(alpha) : bv[i]);
          }
        }),
      );
    });

    it("copy copies exactly n elements between offsets", () => {
      fc.assert(
        fc.property(binaryArb, ({ s, av, bv }) => {
          const dst = bv.slice();
          k.copy(s.n, av, s.aOff, dst, s.bOff);
          for (let i = 0; i < dst.length; i++) {
            expect(dst[i]).toBe(i >= s.bOff && i < s.bOff + s.n ? av[i - s.bOff + s.aOff] : bv[i]);
          }
        }),
      );
    });

    it("clamp limits to [lo, hi], keeps NaN, and accepts lo = hi", () => {
      fc.assert(
        fc.property(
          binaryArb,
          fc.double({ min: -3, max: 3, noNaN: true }),
          fc.double({ min: 0, max: 3, noNaN: true }),
          ({ s, av }, lo, width) => {
            const hi = lo + width;
            const out = new Float32Array(s.oOff + s.n);
            k.clamp(s.n, lo, hi, av, s.aOff, out, s.oOff);
            for (let i = 0; i < s.n; i++) {
              const v = av[s.aOff + i];
              expect(out[s.oOff + i]).toBe(f(Math.min(Math.max(v, lo), hi)));
            }
          },
        ),
      );
      const out = new Float32Array(3);
      k.clamp(3, 1, 1, Float32Array.of(Number.NaN, -5, 5), 0, out, 0);
      expect(Number.isNaN(out[0])).toBe(true);
      expect(Array.from(out.subarray(1))).toEqual([1, 1]);
    });

    it("map applies the callback to each of the n elements, in order", () => {
      fc.assert(
        fc.property(binaryArb, ({ s, av }) => {
          const seen: number[] = [];
          const out = new Float32Array(s.oOff + s.n);
          k.map(
            s.n,
            (v) => {
              seen.push(v);
              return v * v + 1;
            },
            av,
            s.aOff,
            out,
            s.oOff,
          );
          expect(seen).toEqual(Array.from(av.subarray(s.aOff, s.aOff + s.n)));
          for (let i = 0; i < s.n; i++) expect(out[s.oOff + i]).toBe(f(av[s.aOff + i] * av[s.aOff + i] + 1));
        }),
      );
    });
  });
}
