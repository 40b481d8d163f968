/**
 * gemmBatched against a loop of the same backend's gemm: every item must come out bit-identical to a
 * lone gemm call (that is the contract that lets nn batch a population's layers without changing a
 * result), the gaps between items of C must stay untouched, and bad strides must be refused by name.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWasmKernels } from "../src/index.ts";
import { backends, dimArb, pseudoRandom } from "./reference.ts";

const PAD = 777.25; // sentinel in C's gaps and tail

interface BatchCase {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  count: number;
  alpha: number;
  beta: number;
  /** How the items of each operand are laid out (A and B may also be one matrix shared by all items). */
  modeA: Mode;
  modeB: Mode;
  modeC: Mode;
  /** Extra elements between items (0 = packed against each other). */
  gapA: number;
  gapB: number;
  gapC: number;
  padA: number;
  padB: number;
  padC: number;
  offA: number;
  offB: number;
  offC: number;
  seed: number;
}

type Mode = "stacked" | "side-by-side" | "shared";

const smallDim = fc.oneof(fc.constantFrom(1, 2, 3, 4, 8), fc.integer({ min: 1, max: 12 }));

const caseArb: fc.Arbitrary<BatchCase> = fc.record({
  transA: fc.boolean(),
  transB: fc.boolean(),
  m: fc.oneof(smallDim, dimArb),
  n: smallDim,
  k: fc.oneof(smallDim, dimArb),
  count: fc.integer({ min: 0, max: 6 }),
  alpha: fc.constantFrom(1, -0.5, 0, 2.25),
  beta: fc.constantFrom(0, 1, -0.5),
  modeA: fc.constantFrom<Mode>("stacked", "side-by-side", "shared"),
  modeB: fc.constantFrom<Mode>("stacked", "side-by-side", "shared"),
  modeC: fc.constantFrom<Mode>("stacked", "side-by-side"),
  gapA: fc.nat(5),
  gapB: fc.nat(5),
  gapC: fc.nat(5),
  padA: fc.nat(3),
  padB: fc.nat(3),
  padC: fc.nat(3),
  offA: fc.nat(4),
  offB: fc.nat(4),
  offC: fc.nat(4),
  seed: fc.nat(1000),
});

/**
 * Leading dimension and stride of `count` rows×cols items: one after another ("stacked", each item
 * with `pad` spare columns), next to each other within every row ("side-by-side", as a population's
 * layer outputs are), or one matrix for all ("shared", stride 0).
 */
function geometry(rows: number, cols: number, count: number, mode: Mode, pad: number, gap: number) {
  if (mode === "side-by-side") {
    const stride = cols + gap;
    return { ld: Math.max(1, count) * stride + pad, stride };
  }
  const ld = cols + pad;
  return { ld, stride: mode === "shared" ? 0 : (rows - 1) * ld + cols + gap };
}

for (const kernels of backends) {
  describe(`gemmBatched (${kernels.name} backend)`, () => {
    it("computes every item bit-identically to a lone gemm and leaves C's gaps untouched", () => {
      fc.assert(
        fc.property(caseArb, (t) => {
          const [ar, ac] = t.transA ? [t.k, t.m] : [t.m, t.k];
          const [br, bc] = t.transB ? [t.n, t.k] : [t.k, t.n];
          const ga = geometry(ar, ac, t.count, t.modeA, t.padA, t.gapA);
          const gb = geometry(br, bc, t.count, t.modeB, t.padB, t.gapB);
          const gc = geometry(t.m, t.n, t.count, t.modeC, t.padC, t.gapC);
          const items = Math.max(1, t.count);
          const lenA = t.offA + (items - 1) * ga.stride + (ar - 1) * ga.ld + ac + 2;
          const lenB = t.offB + (items - 1) * gb.stride + (br - 1) * gb.ld + bc + 2;
          const lenC = t.offC + (items - 1) * gc.stride + (t.m - 1) * gc.ld + t.n + 2;
          const a = pseudoRandom(lenA, t.seed);
          const b = pseudoRandom(lenB, t.seed + 1);
          const c0 = pseudoRandom(lenC, t.seed + 2);
          // Everything of C outside the items is the sentinel.
          const inItem = new Uint8Array(lenC);
          for (let i = 0; i < t.count; i++)
            for (let r = 0; r < t.m; r++)
              inItem.fill(1, t.offC + i * gc.stride + r * gc.ld, t.offC + i * gc.stride + r * gc.ld + t.n);
          for (let p = 0; p < lenC; p++) if (!inItem[p]) c0[p] = PAD;
          const batched = c0.slice();
          kernels.gemmBatched(
            t.transA,
            t.transB,
            t.m,
            t.n,
            t.k,
            t.alpha,
            a,
            t.offA,
            ga.ld,
            ga.stride,
            b,
            t.offB,
            gb.ld,
            gb.stride,
            t.beta,
            batched,
            t.offC,
            gc.ld,
            gc.stride,
            t.count,
          );
          const looped = c0.slice();
          for (let i = 0; i < t.count; i++) {
            kernels.gemm(
              t.transA,
              t.transB,
              t.m,
              t.n,
              t.k,
              t.alpha,
              a,
              t.offA + i * ga.stride,
              ga.ld,
              b,
              t.offB + i * gb.stride,
              gb.ld,
              t.beta,
              looped,
              t.offC + i * gc.stride,
              gc.ld,
            );
          }
          expect(batched).toEqual(looped);
          for (let p = 0; p < lenC; p++) if (!inItem[p]) expect(batched[p]).toBe(PAD);
        }),
        { numRuns: 150, seed: 20261123 },
      );
    });

    it("matches its documented example", () => {
      const a = Float32Array.of(1, 2, 5, 6);
      const b = Float32Array.of(3, 4, 7, 8);
      const c = new Float32Array(2);
      kernels.gemmBatched(false, false, 1, 1, 2, 1, a, 0, 2, 2, b, 0, 1, 2, 0, c, 0, 1, 1, 2);
      expect(Array.from(c)).toEqual([11, 83]);
    });

    it("names a bad count, a negative stride, overlapping items of C, or an array too short for the last item", () => {
      const f = (n: number) => new Float32Array(n);
      expect(() =>
        kernels.gemmBatched(false, false, 2, 2, 2, 1, f(8), 0, 2, 4, f(8), 0, 2, 4, 0, f(8), 0, 2, 4, -1),
      ).toThrow("gemmBatched: count must be an integer >= 0, got -1");
      expect(() =>
        kernels.gemmBatched(false, false, 2, 2, 2, 1, f(8), 0, 2, -4, f(8), 0, 2, 4, 0, f(8), 0, 2, 4, 2),
      ).toThrow("gemmBatched: strideA must be an integer >= 0, got -4");
      expect(() =>
        kernels.gemmBatched(false, false, 2, 2, 2, 1, f(8), 0, 2, 4, f(8), 0, 2, 4, 0, f(8), 0, 2, 3, 2),
      ).toThrow(
        "gemmBatched: items of C overlap: strideC must be >= the 4 elements one 2x2 item spans, or >= 2 with all 2 items side by side within the leading dimension 2; got 3",
      );
      expect(() =>
        kernels.gemmBatched(false, false, 2, 2, 2, 1, f(8), 0, 2, 4, f(7), 0, 2, 4, 0, f(8), 0, 2, 4, 2),
      ).toThrow(
        "gemmBatched: B is 2x2 (offset 4, leading dimension 2) and needs 8 elements, but its array has 7",
      );
      // Side by side: two 2x2 items in the columns [0, 2) and [2, 4) of a 2x4 C.
      expect(() =>
        kernels.gemmBatched(false, false, 2, 2, 2, 1, f(8), 0, 2, 4, f(8), 0, 2, 4, 0, f(8), 0, 4, 2, 2),
      ).not.toThrow();
      // A shared operand (stride 0) is fine; so is an empty batch on empty arrays.
      expect(() =>
        kernels.gemmBatched(false, false, 2, 2, 2, 1, f(4), 0, 2, 0, f(8), 0, 2, 4, 0, f(8), 0, 2, 4, 2),
      ).not.toThrow();
      expect(() =>
        kernels.gemmBatched(false, false, 2, 2, 2, 1, f(0), 0, 2, 4, f(0), 0, 2, 4, 0, f(0), 0, 2, 4, 0),
      ).not.toThrow();
    });
  });
}

describe("gemmBatched on a small WebAssembly memory", () => {
  it("falls back to one gemm per item when the batch does not fit the per-call region, with the same bits", () => {
    // 2 MiB: the per-call region is its top quarter, 512 KiB. Three 128x128 items per operand need
    // 576 KiB together (so the batch falls back), 192 KiB per item (so each item still runs in WASM).
    const wasm = createWasmKernels({ memoryMiB: 2 });
    const n = 128;
    const items = 3;
    const a = pseudoRandom(items * n * n, 1);
    const b = pseudoRandom(items * n * n, 2);
    const batched = new Float32Array(items * n * n);
    wasm.gemmBatched(false, true, n, n, n, 1, a, 0, n, n * n, b, 0, n, n * n, 0, batched, 0, n, n * n, items);
    const looped = new Float32Array(items * n * n);
    for (let i = 0; i < items; i++)
      wasm.gemm(false, true, n, n, n, 1, a, i * n * n, n, b, i * n * n, n, 0, looped, i * n * n, n);
    // Counted rather than compared with toEqual: a failing diff of 49 152 floats takes minutes to print.
    const differing = (x: Float32Array, y: Float32Array) =>
      x.reduce((d, v, i) => d + (v === y[i] ? 0 : 1), 0);
    expect(differing(batched, looped)).toBe(0);
    // And the items are WebAssembly's own results: the TypeScript gemm rounds differently.
    const ts = new Float32Array(n * n);
    backends[0].gemm(false, true, n, n, n, 1, a, 0, n, b, 0, n, 0, ts, 0, n);
    expect(differing(batched.subarray(0, n * n), ts)).toBeGreaterThan(0);
  });
});
