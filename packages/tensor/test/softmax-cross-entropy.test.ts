/**
 * softmaxCrossEntropy and softmaxRows: every backend returns the bits of the JavaScript loops with
 * `Math.exp` and `Math.log` (the WebAssembly kernels evaluate fdlibm's exp and log, which is what V8's
 * are), for the loss and the gradient, on logits of every spread, near-ties, NaN and ±∞, with
 * one-hot, soft and odd targets, in place or not (a NaN is a NaN: its payload may differ).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWasmKernels } from "../src/index.ts";
import { backends, embed, layoutArb } from "./reference.ts";

/** The definition, as nn's loss wrote it before it became a kernel. */
function reference(
  m: number,
  n: number,
  z: Float32Array,
  y: Float32Array,
  dz: Float32Array | null,
  scale: number,
) {
  let total = 0;
  for (let r = 0; r < m; r++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j++) if (z[r * n + j] > max) max = z[r * n + j];
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.exp(z[r * n + j] - max);
    const lse = max + Math.log(s);
    let sumY = 0;
    let yz = 0;
    for (let j = 0; j < n; j++) {
      sumY += y[r * n + j];
      yz += y[r * n + j] * z[r * n + j];
    }
    total += sumY * lse - yz;
    if (dz)
      for (let j = 0; j < n; j++)
        dz[r * n + j] = scale * (Math.exp(z[r * n + j] - lse) * sumY - y[r * n + j]);
  }
  return total;
}

/** The float32 bit patterns of `a`, every NaN as one (NaN payloads are not part of the contract). */
const bits32 = (a: Float32Array) =>
  Array.from(new Uint32Array(a.slice().buffer), (b, i) => (Number.isNaN(a[i]) ? 0x7fc00000 : b));

const logitArb = fc.oneof(
  { weight: 6, arbitrary: fc.float({ min: -8, max: 8, noNaN: true }) },
  { weight: 2, arbitrary: fc.float({ min: -2000, max: 2000, noNaN: true }) },
  { weight: 1, arbitrary: fc.float({ min: Math.fround(0.999), max: Math.fround(1.001), noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, -1, 1e-9, -30, 704, 745.2) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
);
const targetArb = fc.oneof(fc.constantFrom(0, 0, 0, 1), fc.float({ min: -2, max: 2, noNaN: true }));

const caseArb = fc
  .record({ m: fc.integer({ min: 1, max: 9 }), n: fc.integer({ min: 1, max: 12 }) })
  .chain(({ m, n }) =>
    fc.record({
      m: fc.constant(m),
      n: fc.constant(n),
      l: layoutArb(m, n),
      ly: layoutArb(m, n),
      ld: layoutArb(m, n),
      v: fc.array(logitArb, { minLength: m * n, maxLength: m * n }),
      t: fc.array(targetArb, { minLength: m * n, maxLength: m * n }),
      scale: fc.constantFrom(1, 1 / 32, -0.5),
      withGrad: fc.boolean(),
      inPlace: fc.boolean(),
    }),
  );

/** Row-major copy of the m×n entries of layout `l` in `arr`. */
function dense(l: { offset: number; ld: number }, arr: Float32Array, m: number, n: number): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = arr[l.offset + i * l.ld + j];
  return out;
}

for (const k of backends) {
  describe(`softmaxCrossEntropy (${k.name} backend)`, () => {
    it("returns the loss and writes the gradient with the bits of the Math.exp/Math.log loop", () => {
      fc.assert(
        fc.property(caseArb, ({ m, n, l, ly, ld, v, t, scale, withGrad, inPlace }) => {
          const z = embed(l, v, Number.NaN);
          const y = embed(ly, t, Number.NaN);
          const zRows = dense(l, z, m, n);
          const wantDz = withGrad ? new Float32Array(m * n) : null;
          const want = reference(m, n, zRows, dense(ly, y, m, n), wantDz, scale);
          const [dz, dl] = !withGrad ? [null, l] : inPlace ? [z, l] : [embed(ld, [], -7), ld];
          const got = k.softmaxCrossEntropy(
            m,
            n,
            z,
            l.offset,
            l.ld,
            y,
            ly.offset,
            ly.ld,
            dz,
            dl.offset,
            dl.ld,
            scale,
          );
          expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)), `${got} vs ${want}`).toBe(
            true,
          );
          if (dz && wantDz) expect(bits32(dense(dl, dz, m, n))).toEqual(bits32(wantDz));
        }),
        { numRuns: 300 },
      );
    });

    it("softmaxRows gives the bits of the Math.exp loop", () => {
      fc.assert(
        fc.property(caseArb, ({ m, n, l, ld, v }) => {
          const x = embed(l, v, Number.NaN);
          const out = embed(ld, [], -7);
          k.softmaxRows(m, n, x, l.offset, l.ld, out, ld.offset, ld.ld);
          const rows = dense(l, x, m, n);
          const want = new Float32Array(m * n);
          for (let i = 0; i < m; i++) {
            let max = Number.NEGATIVE_INFINITY;
            for (let j = 0; j < n; j++) if (rows[i * n + j] > max) max = rows[i * n + j];
            let s = 0;
            for (let j = 0; j < n; j++) {
              const e = Math.exp(rows[i * n + j] - max);
              want[i * n + j] = e;
              s += e;
            }
            for (let j = 0; j < n; j++) want[i * n + j] *= 1 / s;
          }
          expect(bits32(dense(ld, out, m, n))).toEqual(bits32(want));
        }),
        { numRuns: 200 },
      );
    });

    it("rejects targets or a gradient too short, naming them", () => {
      const z = new Float32Array(6);
      expect(() => k.softmaxCrossEntropy(3, 2, z, 0, 2, new Float32Array(5), 0, 2, null, 0, 2, 1)).toThrow(
        /Y is 3x2/,
      );
      expect(() => k.softmaxCrossEntropy(3, 2, z, 0, 2, z, 0, 2, new Float32Array(4), 0, 2, 1)).toThrow(
        /DZ is 3x2/,
      );
    });
  });
}

describe("softmaxCrossEntropy in WebAssembly on a million logits", () => {
  it("matches the Math.exp/Math.log loop for rows of every spread (log of sums in [1, 64])", () => {
    const wasm = createWasmKernels({ memoryMiB: 32 });
    const m = 1 << 14;
    const n = 64;
    const z = wasm.alloc(m * n);
    const dz = wasm.alloc(m * n);
    expect(wasm.owns(z)).toBe(true); // the WebAssembly kernel runs, not the TypeScript fallback
    // Rows at several scales: sums of exp from just above 1 (one dominant logit) to 64 (all equal).
    for (let i = 0; i < m * n; i++) z[i] = Math.sin(i * 12.9898) * [0, 1e-7, 0.01, 1, 30, 720][(i >> 6) % 6];
    const y = new Float32Array(m * n);
    for (let r = 0; r < m; r++) y[r * n + (r % n)] = r % 3 === 0 ? 0.5 : 1;
    const want = new Float32Array(m * n);
    const total = reference(m, n, z, y, want, 1 / m);
    expect(wasm.softmaxCrossEntropy(m, n, z, 0, n, y, 0, n, dz, 0, n, 1 / m)).toBe(total);
    expect(bits32(dz)).toEqual(bits32(want));
  });
});
