/**
 * Issue 22: gemm and gemmBatched on two threads (a helper thread sharing the WebAssembly memory) give
 * the same bits as on one, for every shape, transpose, alpha, beta and layout, on arrays outside the
 * memory (copied in) and inside it; small products never start the helper, and a backend starts it
 * once. The two-thread backends here split every product (threadMinMacs 0) so small shapes, edge
 * tiles and splits of one column or row are covered too.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createWasmKernels, type Kernels, type WasmKernels } from "../src/index.ts";
import { helperJobs, helperThreadsStarted } from "../src/wasm/helper-thread.ts";
import { dimArb, pseudoRandom, residentKernels } from "./reference.ts";

const one = createWasmKernels({ threads: 1, memoryMiB: 32 });
const two = createWasmKernels({ threads: 2, memoryMiB: 32, threadMinMacs: 0, threadBackoffJobs: 0 });
const pairs: [string, Kernels, Kernels][] = [
  ["ordinary arrays", one, two],
  ["arrays in the memory", residentKernels(one, 1 << 21), residentKernels(two, 1 << 21)],
];

/** The float32 bit patterns of `a` (so -0 and NaN payloads count). */
function bits(a: Float32Array): number[] {
  return Array.from(new Uint32Array(a.slice().buffer));
}

const kArb = fc.oneof(dimArb, fc.integer({ min: 250, max: 600 }));
const sizeArb = fc.oneof(dimArb, fc.integer({ min: 30, max: 150 }));
const scalarsArb: fc.Arbitrary<Scalars> = fc.record({
  alpha: fc.constantFrom(1, 0.3, -2, 0),
  beta: fc.constantFrom(0, 1, -0.5),
  transA: fc.boolean(),
  transB: fc.boolean(),
  pad: fc.nat(3),
  seed: fc.nat(10_000),
});

interface Scalars {
  alpha: number;
  beta: number;
  transA: boolean;
  transB: boolean;
  pad: number;
  seed: number;
}

/** C = alpha·op(A)·op(B) + beta·C0 on `k` (leading dimensions padded by `pad`, C0 holding NaN in the gaps). */
function gemmOn(kernels: Kernels, m: number, n: number, k: number, s: Scalars) {
  const [ar, ac, br, bc] = [s.transA ? k : m, s.transA ? m : k, s.transB ? n : k, s.transB ? k : n];
  const [lda, ldb, ldc] = [ac + s.pad, bc + s.pad, n + s.pad];
  const a = pseudoRandom(ar * lda + 1, s.seed + 1);
  const b = pseudoRandom(br * ldb + 2, s.seed + 2);
  const c = pseudoRandom(m * ldc + 3, s.seed + 3);
  kernels.gemm(s.transA, s.transB, m, n, k, s.alpha, a, 1, lda, b, 2, ldb, s.beta, c, 3, ldc);
  return c;
}

describe("wasm gemm on two threads", () => {
  beforeAll(async () => {
    await two.startThreads();
  });

  it("the backends have the thread counts asked for, the two-thread one on a shared memory", () => {
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(one.memory.buffer).toBeInstanceOf(ArrayBuffer);
    expect(two.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  for (const [label, k1, k2] of pairs) {
    it(`gemm: bit-identical to one thread for random shapes and layouts (${label})`, () => {
      const jobs = helperJobs();
      fc.assert(
        fc.property(sizeArb, sizeArb, kArb, scalarsArb, (m, n, k, s) => {
          expect(bits(gemmOn(k2, m, n, k, s))).toEqual(bits(gemmOn(k1, m, n, k, s)));
        }),
        { numRuns: 120 },
      );
      expect(helperJobs()).toBeGreaterThan(jobs + 50); // most shapes were really split
    });

    it(`gemmBatched: bit-identical to one thread, split by items (${label})`, () => {
      fc.assert(
        fc.property(dimArb, dimArb, kArb, fc.integer({ min: 1, max: 5 }), scalarsArb, (m, n, k, count, s) => {
          const [ar, ac, br, bc] = [s.transA ? k : m, s.transA ? m : k, s.transB ? n : k, s.transB ? k : n];
          const [lda, ldb, ldc] = [ac + s.pad, bc + s.pad, n + s.pad];
          const [sa, sb, sc] = [ar * lda + 1, br * ldb, m * ldc + 2]; // gaps between items
          const run = (kernels: Kernels) => {
            const a = pseudoRandom(sa * count, s.seed + 1);
            const b = pseudoRandom(sb * count, s.seed + 2);
            const c = pseudoRandom(sc * count, s.seed + 3);
            const { transA, transB, alpha, beta } = s;
            kernels.gemmBatched(
              transA,
              transB,
              m,
              n,
              k,
              alpha,
              a,
              0,
              lda,
              sa,
              b,
              0,
              ldb,
              sb,
              beta,
              c,
              0,
              ldc,
              sc,
              count,
            );
            return c;
          };
          expect(bits(run(k2))).toEqual(bits(run(k1)));
        }),
        { numRuns: 80 },
      );
    });
  }

  it("gemm: bit-identical on large square and thin shapes with the default threshold", async () => {
    const dflt = createWasmKernels({ threads: 2, memoryMiB: 32, threadBackoffJobs: 0 });
    await dflt.startThreads();
    const jobs = helperJobs();
    const s = { alpha: 1, beta: 0, transA: false, transB: true, pad: 0, seed: 7 };
    for (const [m, n, k] of [
      [256, 256, 256],
      [300, 129, 520],
      [1, 1024, 2048],
      [1024, 40, 128],
      [33, 700, 257],
    ]) {
      expect(bits(gemmOn(dflt, m, n, k, s))).toEqual(bits(gemmOn(one, m, n, k, s)));
    }
    expect(helperJobs()).toBe(jobs + 4); // every shape but the single row (m·n·k < 2^21) was split
  });
});

describe("the helper thread's life", () => {
  it("starts once per backend, on the first product above the threshold, never for small ones", () => {
    const before = helperThreadsStarted();
    const backend: WasmKernels = createWasmKernels({ threads: 2, memoryMiB: 8 });
    const a = backend.alloc(160 * 160).fill(0.5);
    const c = backend.alloc(160 * 160);
    backend.gemm(false, false, 16, 16, 16, 1, a, 0, 16, a, 0, 16, 0, c, 0, 16);
    expect(helperThreadsStarted()).toBe(before); // 16³ multiply-adds: not worth a thread
    for (let i = 0; i < 5; i++)
      backend.gemm(false, false, 160, 160, 160, 1, a, 0, 160, a, 0, 160, 0, c, 0, 160);
    expect(helperThreadsStarted()).toBe(before + 1);
    expect(c[0]).toBe(40);
  });

  it("one thread when asked, or when SharedArrayBuffer is missing (a browser page without isolation)", () => {
    const before = helperThreadsStarted();
    const single = createWasmKernels({ threads: 1, memoryMiB: 8, threadMinMacs: 0 });
    const a = single.alloc(64 * 64).fill(1);
    single.gemm(false, false, 64, 64, 64, 1, a, 0, 64, a, 0, 64, 0, a, 0, 64);
    expect(helperThreadsStarted()).toBe(before);
    const real = globalThis.SharedArrayBuffer;
    try {
      (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer = undefined;
      const fallback = createWasmKernels({ threads: 2, memoryMiB: 8 });
      expect(fallback.threads).toBe(1);
      expect(fallback.memory.buffer).toBeInstanceOf(ArrayBuffer);
    } finally {
      globalThis.SharedArrayBuffer = real;
    }
  });

  it("rejects bad thread options, naming them", () => {
    expect(() => createWasmKernels({ threads: 3 as never })).toThrow(
      new RangeError("createWasmKernels: threads must be 1 or 2, got 3"),
    );
    expect(() => createWasmKernels({ threadMinMacs: -1 })).toThrow(
      new RangeError("createWasmKernels: threadMinMacs must be >= 0, got -1"),
    );
    expect(() => createWasmKernels({ threadBackoffJobs: 1.5 })).toThrow(
      new RangeError("createWasmKernels: threadBackoffJobs must be an integer >= 0, got 1.5"),
    );
  });
});
