/**
 * The WebAssembly backend's memory story: arrays from `alloc` are views into its memory and kernels
 * run on them in place; the memory is reserved up front and never grows, so no view goes stale, and
 * running out of it is a clear error (alloc) or a correct fallback (per-call copies).
 */
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
    // 2 MiB minus the packing scratch leaves room for about 300k floats of per-call copies: a
    // 400×400 gemm (480k floats of operands) cannot be copied and must fall back to TypeScript.
    const n = 400;
    const a = pseudoRandom(n * n, 3);
    const c = new Float32Array(n * n);
    const ref = new Float32Array(n * n);
    w.gemm(false, false, n, n, n, 1, a, 0, n, a, 0, n, 0, c, 0, n);
    tsKernels.gemm(false, false, n, n, n, 1, a, 0, n, a, 0, n, 0, ref, 0, n);
    expect(c).toEqual(ref); // the fallback is the TypeScript gemm itself
    // A smaller one fits in the scratch and runs in WebAssembly.
    const m = 150;
    const small = new Float32Array(m * m);
    w.gemm(false, false, m, m, m, 1, a, 0, m, a, 0, m, 0, small, 0, m);
    tsKernels.gemm(false, false, m, m, m, 1, a, 0, m, a, 0, m, 0, ref, 0, m);
    for (let i = 0; i < m * m; i++) expect(Math.abs(small[i] - ref[i])).toBeLessThan(1e-3);
    expect(w.memory.buffer).toBe(buffer);
    expect(kept.length).toBe(100);
    expect(kept.every((v) => v === 3)).toBe(true);
  });

  it("alloc past the reservation throws a RangeError naming the sizes; earlier views survive", () => {
    const w = createWasmKernels({ memoryMiB: 2 });
    const kept = w.alloc(1000).fill(7);
    const free = w.bytesFree();
    expect(() => w.alloc(free / 4 + 1)).toThrow(/do not fit: \d+ of the 2 MiB reserved are free/);
    const last = w.alloc(free / 4); // exactly fits
    expect(last.length).toBe(free / 4);
    expect(w.bytesFree()).toBe(0);
    expect(kept.every((v) => v === 7)).toBe(true);
    // With no room left for per-call copies, gemm on outside arrays still works (TypeScript fallback).
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
    expect(Array.from(c)).toEqual([1, 2, 3, 4]);
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

  it("ARENA_KERNELS selects the backend when the package loads, and rejects unknown names", async () => {
    try {
      for (const name of ["wasm", "ts"]) {
        vi.stubEnv("ARENA_KERNELS", name);
        vi.resetModules();
        const fresh = await import("../src/backend.ts");
        expect(fresh.getKernels().name).toBe(name);
      }
      vi.stubEnv("ARENA_KERNELS", "cuda");
      vi.resetModules();
      await expect(import("../src/backend.ts")).rejects.toThrow(/ARENA_KERNELS: unknown kernels "cuda"/);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
