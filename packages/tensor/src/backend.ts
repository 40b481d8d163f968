import type { Kernels } from "./kernels.ts";
import { tsKernels } from "./ts-kernels.ts";
import { createWasmKernels, type WasmKernels, wasmKernelsAvailable } from "./wasm/wasm-kernels.ts";

/** Names accepted by {@link useKernels} and the `ARENA_KERNELS` environment variable. */
export type KernelsName = "ts" | "wasm";

/**
 * The backend used when `ARENA_KERNELS` is not set: the WebAssembly SIMD one where the engine can
 * compile it (every test of the repository passes on it), else the TypeScript one.
 * `ARENA_KERNELS=ts` or `useKernels("ts")` selects the TypeScript reference.
 */
export const DEFAULT_KERNELS: KernelsName = "wasm";

let shared: WasmKernels | null = null;

/**
 * The process-wide WebAssembly backend, created on first use with `ARENA_WASM_MEMORY_MIB` MiB of
 * memory (default 64). Throws when this engine lacks WebAssembly SIMD.
 */
export function wasmKernels(): WasmKernels {
  if (shared === null) {
    const mib = env("ARENA_WASM_MEMORY_MIB");
    shared = createWasmKernels(mib === undefined ? {} : { memoryMiB: Number(mib) });
  }
  return shared;
}

function env(name: string): string | undefined {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const v = p?.env?.[name];
  return v === undefined || v === "" ? undefined : v;
}

function byName(name: string, source: string): Kernels {
  if (name === "ts") return tsKernels;
  if (name === "wasm") {
    if (!wasmKernelsAvailable())
      throw new Error(`${source}: "wasm" requested, but this engine cannot compile WebAssembly SIMD`);
    return wasmKernels();
  }
  throw new RangeError(`${source}: unknown kernels "${name}", expected "ts" or "wasm"`);
}

function initialKernels(): Kernels {
  const forced = env("ARENA_KERNELS");
  if (forced !== undefined) return byName(forced, "ARENA_KERNELS");
  return DEFAULT_KERNELS === "wasm" && !wasmKernelsAvailable()
    ? tsKernels
    : byName(DEFAULT_KERNELS, "default");
}

let active: Kernels = initialKernels();

/** The backend every Matrix function of this package delegates to (see {@link DEFAULT_KERNELS}). */
export function getKernels(): Kernels {
  return active;
}

/**
 * Replaces the active backend (e.g. with a WebAssembly one) and returns the previous one, so a caller
 * can restore it. Throws, naming the kernel, when `k` lacks one of the interface's kernels
 * (`alloc`/`free` are optional).
 *
 * @example
 * ```ts
 * import { getKernels, setKernels, tsKernels } from "@arena/tensor";
 * const previous = setKernels({ ...tsKernels, name: "ts-copy" });
 * console.log(getKernels().name); // "ts-copy"
 * setKernels(previous);
 * ```
 */
export function setKernels(k: Kernels): Kernels {
  if (typeof k?.name !== "string")
    throw new TypeError(`setKernels: backend must have a string name, got ${k?.name}`);
  for (const key of Object.keys(tsKernels) as (keyof Kernels)[]) {
    const optional = key === "alloc" || key === "free"; // memory management is optional
    if (key !== "name" && typeof k[key] !== "function" && !(optional && k[key] === undefined)) {
      throw new TypeError(`setKernels: backend "${k.name}" has no ${key} kernel (got ${typeof k[key]})`);
    }
  }
  const prev = active;
  active = k;
  return prev;
}

/**
 * Selects a built-in backend by name, `"ts"` or `"wasm"` (the shared {@link wasmKernels} instance),
 * and returns the previous one. Models capture the backend when they are constructed, so call it first.
 *
 * @example
 * ```ts
 * import { getKernels, setKernels, useKernels } from "@arena/tensor";
 * const previous = useKernels("wasm");
 * console.log(getKernels().name); // "wasm"
 * setKernels(previous);
 * ```
 */
export function useKernels(name: KernelsName): Kernels {
  return setKernels(byName(name, "useKernels"));
}
