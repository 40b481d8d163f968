/**
 * Issue 16: importing the package reserves no WebAssembly memory and compiles no module; the first
 * kernel call (or getKernels / useKernels("wasm") / wasmKernels()) does, with the size set by
 * configureWasmKernels or ARENA_WASM_MEMORY_MIB. Measured in fresh processes (test/lazy-wasm-probe.ts),
 * since this test's own process has long created its backends.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { configureWasmKernels, createWasmKernels, tsKernels, wasmKernels } from "../src/index.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const MiB = 2 ** 20;

interface Snapshot {
  memories: number[];
  modules: number;
  externalMiB: number;
}
interface Probe {
  afterImport: Snapshot;
  afterKernel: Snapshot;
  error: string | null;
  result: number[][];
  kernels: string | null;
  lateConfigure: string | null;
}

/** Runs the probe in a fresh Node process with tsx (resolved from this package), under `env`. */
function probe(args: string[], env: Record<string, string> = {}): Probe {
  const base = { ...process.env };
  delete base.ARENA_KERNELS;
  delete base.ARENA_WASM_MEMORY_MIB;
  // One thread unless a test says otherwise: a shared memory (two threads) is not counted in
  // process.memoryUsage().external, which these tests read to see the reservation.
  base.ARENA_THREADS = "1";
  const out = execFileSync(process.execPath, ["--import", "tsx", "test/lazy-wasm-probe.ts", ...args], {
    cwd: packageDir,
    env: { ...base, ...env },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").at(-1) as string) as Probe;
}

/** Importing reserved nothing: no memory, no module, and external memory well below 64 MiB. */
function expectNothingReserved(p: Probe): void {
  expect(p.afterImport.memories).toEqual([]);
  expect(p.afterImport.modules).toBe(0);
  expect(p.afterImport.externalMiB).toBeLessThan(4);
}

describe("WebAssembly memory is reserved on first use, not on import", () => {
  it("by default: nothing on import, one 64 MiB memory once a kernel runs", () => {
    const p = probe([]);
    expectNothingReserved(p);
    expect(p.error).toBeNull();
    expect(p.kernels).toBe("wasm");
    expect(p.result).toEqual([
      [7, 10],
      [15, 22],
    ]);
    expect(p.afterKernel.memories).toEqual([64 * MiB]);
    expect(p.afterKernel.modules).toBe(1);
    expect(p.afterKernel.externalMiB).toBeGreaterThan(60);
    expect(p.lateConfigure).toMatch(
      /configureWasmKernels: the shared WebAssembly backend already exists with 64 MiB of memory .*cannot get 3 MiB/,
    );
  });

  it("configureWasmKernels({ memoryMiB }) after the import sets the size reserved on first use", () => {
    const p = probe(["12"]);
    expectNothingReserved(p);
    expect(p.error).toBeNull();
    expect(p.afterKernel.memories).toEqual([12 * MiB]);
    expect(p.afterKernel.externalMiB).toBeGreaterThan(11);
    expect(p.afterKernel.externalMiB).toBeLessThan(20);
  });

  it("ARENA_WASM_MEMORY_MIB sets it too, and a bad value fails on first use, naming it", () => {
    const p = probe([], { ARENA_WASM_MEMORY_MIB: "8" });
    expectNothingReserved(p);
    expect(p.afterKernel.memories).toEqual([8 * MiB]);
    const bad = probe([], { ARENA_WASM_MEMORY_MIB: "lots" });
    expectNothingReserved(bad);
    expect(bad.error).toBe('RangeError: ARENA_WASM_MEMORY_MIB must be an integer in [2, 4095], got "lots"');
    expect(bad.afterKernel.memories).toEqual([]);
  });

  it("ARENA_THREADS=2: one shared memory of the default size on first use, and a bad value names it", () => {
    const p = probe([], { ARENA_THREADS: "2" });
    expectNothingReserved(p);
    expect(p.error).toBeNull();
    expect(p.result).toEqual([
      [7, 10],
      [15, 22],
    ]);
    expect(p.afterKernel.memories).toEqual([64 * MiB]);
    const bad = probe([], { ARENA_THREADS: "4" });
    expect(bad.error).toBe('RangeError: ARENA_THREADS must be 1 or 2, got "4"');
  });

  it("ARENA_KERNELS=ts never creates WebAssembly memory; an unknown name fails on first use, not on import", () => {
    const ts = probe([], { ARENA_KERNELS: "ts" });
    expectNothingReserved(ts);
    expect(ts.kernels).toBe("ts");
    expect(ts.afterKernel.memories).toEqual([]);
    expect(ts.afterKernel.modules).toBe(0);
    const bad = probe([], { ARENA_KERNELS: "cuda" });
    expectNothingReserved(bad);
    expect(bad.error).toBe('RangeError: ARENA_KERNELS: unknown kernels "cuda", expected "ts" or "wasm"');
    expect(bad.afterKernel.memories).toEqual([]);
  });
});

describe("configureWasmKernels", () => {
  it("rejects bad sizes and options, naming them", () => {
    for (const bad of [1, 4096, 2.5, Number.NaN]) {
      expect(() => configureWasmKernels({ memoryMiB: bad })).toThrow(
        new RangeError(`configureWasmKernels: memoryMiB must be an integer in [2, 4095], got ${bad}`),
      );
    }
    expect(() => configureWasmKernels({ memoryMB: 8 } as never)).toThrow(/unknown option "memoryMB"/);
    expect(() => configureWasmKernels(null as never)).toThrow(/options must be an object, got null/);
  });

  it("once the shared backend exists, accepts its own size and rejects any other", () => {
    const has = wasmKernels().memory.buffer.byteLength / MiB;
    expect(() => configureWasmKernels({ memoryMiB: has })).not.toThrow();
    expect(() => configureWasmKernels({ memoryMiB: has + 1 })).toThrow(
      `configureWasmKernels: the shared WebAssembly backend already exists with ${has} MiB of memory`,
    );
    expect(createWasmKernels({ memoryMiB: has + 1 }).memory.buffer.byteLength).toBe((has + 1) * MiB);
  });
});

describe("choosing the backend lazily", () => {
  it("setKernels before anything was chosen returns a stand-in that restores the unchosen default", async () => {
    vi.stubEnv("ARENA_KERNELS", ""); // unset: the default is "wasm"
    vi.resetModules();
    try {
      const fresh = await import("../src/index.ts");
      const previous = fresh.useKernels("ts"); // nothing chosen yet: no WebAssembly backend is created
      expect(previous).not.toBe(tsKernels);
      expect(fresh.getKernels()).toBe(fresh.tsKernels);
      fresh.setKernels(previous); // back to "not chosen": the default is chosen on first use
      expect(fresh.getKernels()).toBe(fresh.wasmKernels());
      // Used directly, the stand-in chooses the default on its first call, then is the default's kernels.
      const x = Float32Array.of(3, 4);
      expect(previous.norm2(2, x, 0)).toBe(5);
      expect(previous.name).toBe("wasm");
      expect(previous.gemm).toBe(fresh.wasmKernels().gemm);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
