/**
 * The WebAssembly backend's memory story: arrays from `alloc` are views into its memory and kernels
 * run on them in place; free returns blocks to a first-fit free list; the memory is reserved up front
 * and never grows, so no view goes stale, and running out of it is a correct fallback (ordinary
 * arrays from alloc, TypeScript kernels for per-call copies), never an error.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  createWasmKernels,
  getKernels,
  setKernels,
  tsKernels,
  useKernels,
  wasmKernels,
} from "../src/index.ts";
import { pseudoRandom } from "./reference.ts";

describe("WebAssembly backend memory", () => {
  it("alloc returns zeroed, 16-byte-aligned, disjoint views into its memory", () => {
    const w = createWasmKernels({ memoryMiB: 4 });
    const a = w.alloc(5);
    const b = w.alloc(7);
    expect(w.owns(a) && w.owns(b)).toBe(true);
    expect(a.buffer).toBe(w.memory.buffer);
    expect(a.byteOffset % 16).toBe(0);
    expect(b.byteOffset % 16).toBe(0);
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + a.byteLength);
    expect(Array.from(a)).toEqual([0, 0, 0, 0, 0]);
    expect(w.owns(new Float32Array(5))).toBe(false);
    expect(createWasmKernels({ memoryMiB: 4 }).owns(a)).toBe(false); // another instance's memory
  });

  it("zero-copy gemm writes straight into an alloc'ed C and matches the TypeScript gemm", () => {
    const w = createWasmKernels({ memoryMiB: 4 });
    const [m, n, k] = [37, 29, 45];
    const a = w.alloc(m * k);
    const b = w.alloc(n * k);
    const c = w.alloc(m * n);
    a.set(pseudoRandom(m * k, 1));
    b.set(pseudoRandom(n * k, 2));
    const ref = new Float32Array(m * n);
    tsKernels.gemm(false, true, m, n, k, 1.5, a, 0, k, b, 0, k, 0, ref, 0, n);
    w.gemm(false, true, m, n, k, 1.5, a, 0, k, b, 0, k, 0, c, 0, n);
    for (let i = 0; i < m * n; i++) expect(Math.abs(c[i] - ref[i])).toBeLessThan(1e-5);
  });

  it("never grows: views stay valid after calls whose copies fill the memory", () => {
    const w = createWasmKernels({ memoryMiB: 2 });
    const buffer = w.memory.buffer;
    const kept = w.alloc(100).fill(3);
    // The per-call region is the top quarter, 512 KiB = 131k floats: a 400×400 gemm (480k floats
    // of operands) cannot be copied and must fall back to TypeScript.
    const n = 400;
    const a = pseudoRandom(n * n, 3);
    const c = new Float32Array(n * n);
    const ref = new Float32Array(n * n);
    w.gemm(false, false, n, n, n, 1, a, 0, n, a, 0, n, 0, c, 0, n);
    tsKernels.gemm(false, false, n, n, n, 1, a, 0, n, a, 0, n, 0, ref, 0, n);
    expect(c).toEqual(ref); // the fallback is the TypeScript gemm itself
    // A smaller one (67.5k floats) fits in the per-call region and runs in WebAssembly.
    const m = 150;
    const small = new Float32Array(m * m);
    w.gemm(false, false, m, m, m, 1, a, 0, m, a, 0, m, 0, small, 0, m);
    tsKernels.gemm(false, false, m, m, m, 1, a, 0, m, a, 0, m, 0, ref, 0, m);
    for (let i = 0; i < m * m; i++) expect(Math.abs(small[i] - ref[i])).toBeLessThan(1e-3);
    expect(w.memory.buffer).toBe(buffer);
    expect(kept.length).toBe(100);
    expect(kept.every((v) => v === 3)).toBe(true);
  });

  it("alloc past the reservation falls back to an ordinary array; earlier views survive", () => {
    const w = createWasmKernels({ memoryMiB: 2 });
    const kept = w.alloc(1000).fill(7);
    const free = w.bytesFree();
    const outside = w.alloc(free / 4 + 1).fill(2); // does not fit: a plain Float32Array, zeroed
    expect(w.owns(outside)).toBe(false);
    expect(outside.length).toBe(free / 4 + 1);
    expect(w.bytesFree()).toBe(free);
    w.free(outside); // a no-op for arrays outside the memory
    const last = w.alloc(free / 4); // exactly fits
    expect(w.owns(last)).toBe(true);
    expect(last.length).toBe(free / 4);
    expect(w.bytesFree()).toBe(0);
    expect(kept.every((v) => v === 7)).toBe(true);
    // Kernels on a mix of the memory's and fallback arrays are still right (copy path or TypeScript).
    const c = w.alloc(4);
    expect(w.owns(c)).toBe(false);
    w.gemm(false, false, 2, 2, 2, 1, Float32Array.of(1, 2, 3, 4), 0, 2, last, 0, 2, 0, c, 0, 2);
    expect(Array.from(c)).toEqual([0, 0, 0, 0]);
    last.set([1, 0, 0, 1]);
    w.gemm(false, false, 2, 2, 2, 1, Float32Array.of(1, 2, 3, 4), 0, 2, last, 0, 2, 0, c, 0, 2);
    expect(Array.from(c)).toEqual([1, 2, 3, 4]);
    // Once a block is freed, the same size fits in the memory again.
    w.free(last);
    expect(w.owns(w.alloc(free / 4))).toBe(true);
  });

  it("free reuses blocks first-fit, coalesces neighbours and gives the top back to per-call copies", () => {
    const w = createWasmKernels({ memoryMiB: 2 });
    const empty = w.bytesFree();
    const a = w.alloc(100);
    const b = w.alloc(100);
    const c = w.alloc(100);
    w.free(a);
    const small = w.alloc(50); // fits in a's hole, at its start
    expect(small.byteOffset).toBe(a.byteOffset);
    w.free(small);
    w.free(b); // a's and b's holes coalesce into one of 800 bytes
    const big = w.alloc(200);
    expect(big.byteOffset).toBe(a.byteOffset);
    expect(c.byteOffset).toBe(a.byteOffset + 800);
    w.free(big);
    w.free(c); // everything free again: the heap top is back where it started
    expect(w.bytesFree()).toBe(empty);
    expect(w.bytesInUse()).toBe(0);
    expect(w.alloc(10).byteOffset).toBe(a.byteOffset);
  });

  it("free rejects double frees and subarrays, naming the offending view", () => {
    const w = createWasmKernels({ memoryMiB: 2 });
    const a = w.alloc(64);
    expect(() => w.free(a.subarray(4))).toThrow(/not a live block of alloc/);
    w.free(a);
    expect(() => w.free(a)).toThrow(/view at byte \d+ \(64 floats\) is not a live block/);
    expect(() => tsKernels.free?.(new Float32Array(3))).not.toThrow();
    expect(tsKernels.alloc?.(3)).toEqual(new Float32Array(3));
  });

  it("views stay valid through many random alloc/free cycles: live blocks never overlap nor change", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20000 }), fc.nat()), {
          minLength: 1,
          maxLength: 200,
        }),
        (ops) => {
          const w = createWasmKernels({ memoryMiB: 2 });
          const buffer = w.memory.buffer;
          const empty = w.bytesFree();
          const live: { arr: Float32Array; tag: number }[] = [];
          let tag = 0;
          for (const [isAlloc, n, pick] of ops) {
            if (isAlloc || live.length === 0) {
              const arr = w.alloc(n);
              if (!arr.every((v) => v === 0)) return false;
              tag++;
              arr.fill(tag);
              live.push({ arr, tag });
            } else {
              const [gone] = live.splice(pick % live.length, 1);
              w.free(gone.arr);
            }
            // A small gemm on outside arrays uses the per-call region above the heap each time.
            const c = new Float32Array(4);
            w.gemm(
              false,
              false,
              2,
              2,
              2,
              1,
              Float32Array.of(1, 2, 3, 4),
              0,
              2,
              Float32Array.of(1, 0, 0, 1),
              0,
              2,
              0,
              c,
              0,
              2,
            );
            if (c[3] !== 4) return false;
          }
          if (w.memory.buffer !== buffer) return false;
          const inside = live
            .filter((l) => w.owns(l.arr))
            .sort((x, y) => x.arr.byteOffset - y.arr.byteOffset);
          for (let i = 1; i < inside.length; i++) {
            const prev = inside[i - 1].arr;
            if (prev.byteOffset + prev.byteLength > inside[i].arr.byteOffset) return false;
          }
          for (const { arr, tag: t } of live) if (!arr.every((v) => v === t)) return false;
          for (const { arr } of live) w.free(arr);
          return w.bytesFree() === empty && w.bytesInUse() === 0;
        },
      ),
      { numRuns: 60 },
    );
  });

  it("gemm on outside arrays gives the same bits however full alloc has made the memory", () => {
    const [m, n, k] = [120, 90, 200]; // 104k floats of copies: fits the 2 MiB memory's per-call quarter
    const a = pseudoRandom(m * k, 6);
    const b = pseudoRandom(k * n, 7);
    const fresh = createWasmKernels({ memoryMiB: 2 });
    const full = createWasmKernels({ memoryMiB: 2 });
    while (full.owns(full.alloc(4096)));
    expect(full.bytesFree()).toBeLessThan(4096 * 4);
    const c1 = new Float32Array(m * n);
    const c2 = new Float32Array(m * n);
    fresh.gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, c1, 0, n);
    full.gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, c2, 0, n);
    expect(c2).toEqual(c1);
    const ts = new Float32Array(m * n);
    tsKernels.gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, ts, 0, n);
    expect(c1).not.toEqual(ts); // it ran in WebAssembly (float32 lanes), not the TypeScript fallback
  });

  it("rejects bad options and sizes with errors naming them", () => {
    expect(() => createWasmKernels({ memoryMiB: 1 })).toThrow(
      /memoryMiB must be an integer in \[2, 4095\], got 1/,
    );
    expect(() => createWasmKernels({ memoryMB: 4 } as never)).toThrow(/unknown option "memoryMB"/);
    expect(() => createWasmKernels({ memoryMiB: 2 }).alloc(-1)).toThrow(/n must be an integer >= 0, got -1/);
  });

  it("gives bit-identical results for the same inputs whether operands are alloc'ed or copied", () => {
    const w = createWasmKernels({ memoryMiB: 8 });
    const [m, n, k] = [70, 45, 300];
    const a = pseudoRandom(k * m, 4);
    const b = pseudoRandom(k * n, 5);
    const copied = new Float32Array(m * n);
    w.gemm(true, false, m, n, k, 0.7, a, 0, m, b, 0, n, 0, copied, 0, n);
    const ra = w.alloc(k * m);
    const rb = w.alloc(k * n);
    const rc = w.alloc(m * n);
    ra.set(a);
    rb.set(b);
    w.gemm(true, false, m, n, k, 0.7, ra, 0, m, rb, 0, n, 0, rc, 0, n);
    expect(rc).toEqual(copied);
  });
});

describe("backend selection", () => {
  it("useKernels switches between the built-in backends and returns the previous one", () => {
    const before = getKernels();
    const prev = useKernels("wasm");
    expect(prev).toBe(before);
    expect(getKernels()).toBe(wasmKernels());
    useKernels("ts");
    expect(getKernels()).toBe(tsKernels);
    setKernels(before);
    expect(() => useKernels("gpu" as never)).toThrow(/unknown kernels "gpu", expected "ts" or "wasm"/);
  });

  it("ARENA_KERNELS selects the backend when it is first chosen, and rejects unknown names then, not on import", async () => {
    try {
      for (const name of ["wasm", "ts"]) {
        vi.stubEnv("ARENA_KERNELS", name);
        vi.resetModules();
        const fresh = await import("../src/backend.ts");
        expect(fresh.getKernels().name).toBe(name);
      }
      vi.stubEnv("ARENA_KERNELS", "cuda");
      vi.resetModules();
      const fresh = await import("../src/backend.ts"); // importing does not read ARENA_KERNELS
      expect(() => fresh.getKernels()).toThrow(/ARENA_KERNELS: unknown kernels "cuda"/);
      expect(() => fresh.useKernels("ts")).toThrow(/ARENA_KERNELS: unknown kernels "cuda"/);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
