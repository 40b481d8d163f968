/**
 * crossEntropyParts: every backend returns the bits of the JavaScript loop with `Math.exp` (the
 * WebAssembly kernel evaluates fdlibm's exp, which is what V8's Math.exp is), on random logits of
 * every spread, ties, tiny differences, arguments near fdlibm's branch points and thresholds, NaN and
 * ±∞, with one-hot, soft and odd targets shared by `repeat` rows.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWasmKernels } from "../src/index.ts";
import { backends, embed, layoutArb } from "./reference.ts";

/** The definition: max by `>` from −∞, then Σ Math.exp(x − max) and Σ y·x in order. */
function reference(
  m: number,
  n: number,
  x: Float32Array,
  off: number,
  ld: number,
  y: Float32Array,
  yOff: number,
  ldy: number,
  repeat: number,
): Float64Array {
  const out = new Float64Array(3 * m);
  for (let i = 0; i < m; i++) {
    const xr = off + i * ld;
    const yr = yOff + Math.floor(i / repeat) * ldy;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j++) if (x[xr + j] > max) max = x[xr + j];
    let s = 0;
    let yx = 0;
    for (let j = 0; j < n; j++) {
      s += Math.exp(x[xr + j] - max);
      yx += y[yr + j] * x[xr + j];
    }
    out.set([max, s, yx], 3 * i);
  }
  return out;
}

/** Same bits (NaN matching NaN). */
function expectSameBits(got: Float64Array, want: Float64Array): void {
  for (let i = 0; i < want.length; i++) {
    if (Number.isNaN(want[i])) expect(got[i], `entry ${i}`).toBeNaN();
    else expect(Object.is(got[i], want[i]), `entry ${i}: ${got[i]} vs ${want[i]}`).toBe(true);
  }
}

/** Logits at every scale: softmax-sized, spread past fdlibm's 704 and 745 limits, and near-ties. */
const logitArb = fc.oneof(
  { weight: 6, arbitrary: fc.float({ min: -8, max: 8, noNaN: true }) },
  { weight: 2, arbitrary: fc.float({ min: -2000, max: 2000, noNaN: true }) },
  { weight: 1, arbitrary: fc.float({ min: Math.fround(0.999), max: Math.fround(1.001), noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, -1, 0.34657359, 0.3465736, 1.0397207, 704, 745.2) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
);

/** Targets: mostly one-hot rows, else soft or arbitrary weights. */
const targetArb = fc.oneof(fc.constantFrom(0, 0, 0, 1), fc.float({ min: -2, max: 2, noNaN: true }));

const caseArb = fc
  .record({
    m: fc.integer({ min: 1, max: 9 }),
    n: fc.integer({ min: 1, max: 12 }),
    repeat: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ m, n, repeat }) => {
    const targets = Math.ceil(m / repeat);
    return fc.record({
      m: fc.constant(m),
      n: fc.constant(n),
      repeat: fc.constant(repeat),
      l: layoutArb(m, n),
      ly: layoutArb(targets, n),
      v: fc.array(logitArb, { minLength: m * n, maxLength: m * n }),
      t: fc.array(targetArb, { minLength: targets * n, maxLength: targets * n }),
      outOff: fc.nat(3),
    });
  });

for (const k of backends) {
  describe(`crossEntropyParts (${k.name} backend)`, () => {
    it("returns the bits of the Math.exp loop and writes only its 3·m entries", () => {
      fc.assert(
        fc.property(caseArb, ({ m, n, repeat, l, ly, v, t, outOff }) => {
          const x = embed(l, v, Number.NaN);
          const y = embed(ly, t, Number.NaN);
          const out = new Float64Array(outOff + 3 * m + 2).fill(-7);
          k.crossEntropyParts(m, n, x, l.offset, l.ld, y, ly.offset, ly.ld, repeat, out, outOff);
          const want = reference(m, n, x, l.offset, l.ld, y, ly.offset, ly.ld, repeat);
          expectSameBits(out.subarray(outOff, outOff + 3 * m), want);
          expect(out.subarray(0, outOff).every((e) => e === -7)).toBe(true);
          expect(out.subarray(outOff + 3 * m).every((e) => e === -7)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it("rejects an output too short for 3·m entries, targets too short, and a repeat below 1", () => {
      const x = new Float32Array(6);
      const y = new Float32Array(2);
      expect(() => k.crossEntropyParts(3, 2, x, 0, 2, y, 0, 2, 3, new Float64Array(8), 0)).toThrow(
        /out needs 9 elements/,
      );
      expect(() => k.crossEntropyParts(3, 2, x, 0, 2, y, 0, 2, 2, new Float64Array(9), 0)).toThrow(
        /Y is 2x2/,
      );
      expect(() => k.crossEntropyParts(3, 2, x, 0, 2, y, 0, 2, 0, new Float64Array(9), 0)).toThrow(
        /repeat must be an integer >= 1, got 0/,
      );
    });
  });
}

describe("crossEntropyParts in WebAssembly on a million arguments", () => {
  it("matches Math.exp for differences of float32 logits at scales 1e-7 to 720", () => {
    const wasm = createWasmKernels({ memoryMiB: 16 });
    const m = 1 << 14;
    const n = 64;
    const x = wasm.alloc(m * n);
    expect(wasm.owns(x)).toBe(true); // the WebAssembly kernel runs, not the TypeScript fallback
    // A deterministic spread: logits from a float32 sequence covering several scales per row.
    for (let i = 0; i < m * n; i++) x[i] = Math.sin(i * 12.9898) * [1e-7, 0.01, 1, 30, 720][i % 5];
    const repeat = 7;
    const y = new Float32Array(Math.ceil(m / repeat) * n);
    for (let r = 0; r < y.length / n; r++) y[r * n + (r % n)] = 1;
    const out = new Float64Array(3 * m);
    wasm.crossEntropyParts(m, n, x, 0, n, y, 0, n, repeat, out, 0);
    expectSameBits(out, reference(m, n, x, 0, n, y, 0, n, repeat));
  });
});
