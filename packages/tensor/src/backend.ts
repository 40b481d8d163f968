import type { Kernels } from "./kernels.ts";
import { tsKernels } from "./ts-kernels.ts";
import { type ThreadCount, validateThreads } from "./wasm/thread-count.ts";
import {
  createWasmKernels,
  DEFAULT_WASM_MEMORY_MIB,
  validateMemoryMiB,
  type WasmKernels,
  type WasmKernelsOptions,
  wasmKernelsAvailable,
} from "./wasm/wasm-kernels.ts";

/** Names accepted by {@link useKernels} and the `ARENA_KERNELS` environment variable. */
export type KernelsName = "ts" | "wasm";

/**
 * The backend used when `ARENA_KERNELS` is not set: the WebAssembly SIMD one where the engine can
 * compile it (every test of the repository passes on it), else the TypeScript one.
 * `ARENA_KERNELS=ts` or `useKernels("ts")` selects the TypeScript reference.
 */
export const DEFAULT_KERNELS: KernelsName = "wasm";

// Nothing below runs at import: the WebAssembly module is compiled and its memory reserved the
// first time a backend is chosen (getKernels, useKernels("wasm"), wasmKernels(), or a kernel of the
// deferred stand-in `unchosen`), so importing the package costs no WebAssembly memory.

let shared: WasmKernels | null = null;
/** Size set by {@link configureWasmKernels} for the shared instance, before it exists. */
let sharedMiB: number | undefined;
/** Thread count set by {@link configureWasmKernels} for the shared instance, before it exists. */
let sharedThreads: ThreadCount | undefined;

/**
 * The process-wide WebAssembly backend, created on first use with the size set by
 * {@link configureWasmKernels}, else `ARENA_WASM_MEMORY_MIB` MiB, else 64 MiB of memory. Throws when
 * this engine lacks WebAssembly SIMD, and a RangeError naming the variable when
 * `ARENA_WASM_MEMORY_MIB` is not an integer in [2, 4095].
 */
export function wasmKernels(): WasmKernels {
  if (shared === null) shared = createWasmKernels({ memoryMiB: sharedMemoryMiB(), threads: sharedThreads });
  return shared;
}

function sharedMemoryMiB(): number {
  if (sharedMiB !== undefined) return sharedMiB;
  const raw = env("ARENA_WASM_MEMORY_MIB");
  if (raw === undefined) return DEFAULT_WASM_MEMORY_MIB;
  const mib = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  validateMemoryMiB(mib, `"${raw}"`, "ARENA_WASM_MEMORY_MIB");
  return mib;
}

/**
 * Sets the memory size of the shared WebAssembly backend ({@link wasmKernels}, the default one)
 * before it is created; it overrides `ARENA_WASM_MEMORY_MIB`. The memory is reserved on first use
 * (the first kernel call, `getKernels()` or `wasmKernels()`), not on import, so call this first.
 * `memoryMiB` must be an integer in [2, 4095] (a RangeError names the bad value). Once the shared
 * backend exists its memory cannot change: asking for another size then throws an Error saying so
 * (asking for the size it has is a no-op); `createWasmKernels({ memoryMiB })` makes a backend with
 * a memory of its own at any time. `threads` (1 or 2; overrides `ARENA_THREADS`) is set the same way:
 * before first use, and fixed after it.
 *
 * @example
 * ```ts
 * import { configureWasmKernels, wasmKernels } from "@arena/tensor";
 * configureWasmKernels({ memoryMiB: 16 }); // before the first kernel runs
 * console.log(wasmKernels().memory.buffer.byteLength / 2 ** 20); // 16
 * ```
 */
export function configureWasmKernels(options: Pick<WasmKernelsOptions, "memoryMiB" | "threads">): void {
  if (typeof options !== "object" || options === null)
    throw new TypeError(`configureWasmKernels: options must be an object, got ${options}`);
  for (const key of Object.keys(options)) {
    if (key !== "memoryMiB" && key !== "threads")
      throw new TypeError(`configureWasmKernels: unknown option "${key}"`);
  }
  const { memoryMiB: mib, threads } = options;
  if (mib !== undefined) validateMemoryMiB(mib, String(mib), "configureWasmKernels: memoryMiB");
  if (threads !== undefined) validateThreads(threads, String(threads), "configureWasmKernels: threads");
  if (shared !== null) {
    rejectChange(shared.memory.buffer.byteLength / 2 ** 20, mib, "MiB of memory", "reserved", "memoryMiB");
    rejectChange(shared.threads, threads, "threads", "chosen", "threads");
    return;
  }
  if (mib !== undefined) sharedMiB = mib;
  if (threads !== undefined) sharedThreads = threads;
}

/** Throws when the existing shared backend has `has` where `wants` is asked (undefined: not asked). */
function rejectChange(
  has: number,
  wants: number | undefined,
  unit: string,
  when: string,
  option: string,
): void {
  if (wants === undefined || wants === has) return;
  throw new Error(
    `configureWasmKernels: the shared WebAssembly backend already exists with ${has} ${unit} ` +
      `(${when} when it was first used), so it cannot get ${wants} ${unit.split(" ")[0]}; call ` +
      `configureWasmKernels before any kernel runs, or create a backend of its own with ` +
      `createWasmKernels({ ${option}: ${wants} })`,
  );
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

/** `ARENA_KERNELS`, checked (a RangeError naming it when it is neither "ts" nor "wasm"). */
function forcedName(): KernelsName | undefined {
  const forced = env("ARENA_KERNELS");
  if (forced === undefined || forced === "ts" || forced === "wasm") return forced;
  throw new RangeError(`ARENA_KERNELS: unknown kernels "${forced}", expected "ts" or "wasm"`);
}

let defaultChoice: Kernels | null = null;

/** The backend used when none was set: `ARENA_KERNELS`, else {@link DEFAULT_KERNELS} where it works. */
function defaultKernels(): Kernels {
  if (defaultChoice === null) {
    const forced = forcedName();
    if (forced !== undefined) defaultChoice = byName(forced, "ARENA_KERNELS");
    else if (DEFAULT_KERNELS === "wasm" && !wasmKernelsAvailable()) defaultChoice = tsKernels;
    else defaultChoice = byName(DEFAULT_KERNELS, "default");
  }
  return defaultChoice;
}

/**
 * Stands for "the default backend, not chosen yet": what {@link setKernels} returns when no backend
 * had been chosen, so `setKernels(previous)` puts that state back without creating the default (a
 * caller who picks `"ts"` first never pays for WebAssembly memory). Called directly, its first kernel
 * call chooses the default and replaces the stand-in's properties by the backend's own, so later
 * calls go straight to the real kernels.
 */
const unchosen: Kernels = deferredDefault();

function deferredDefault(): Kernels {
  const standIn: Record<string, unknown> = {};
  const resolve = (): Record<string, unknown> => {
    const real = defaultKernels() as unknown as Record<string, unknown>;
    for (const key of Object.keys(standIn)) if (!(key in real)) delete standIn[key];
    for (const key of Object.keys(real)) {
      Object.defineProperty(standIn, key, {
        value: real[key],
        writable: false,
        enumerable: true,
        configurable: true,
      });
    }
    return standIn;
  };
  for (const key of Object.keys(tsKernels)) {
    if (key === "name") {
      Object.defineProperty(standIn, key, {
        get: () => resolve().name,
        enumerable: true,
        configurable: true,
      });
    } else {
      standIn[key] = (...args: unknown[]) => (resolve()[key] as (...a: unknown[]) => unknown)(...args);
    }
  }
  return standIn as unknown as Kernels;
}

/** The active backend; null until one is chosen (on the first getKernels/setKernels/useKernels). */
let active: Kernels | null = null;

/**
 * The backend every Matrix function of this package delegates to (see {@link DEFAULT_KERNELS}). The
 * first call chooses it, so that is when `ARENA_KERNELS` is read (an unknown name throws a RangeError
 * here, not on import) and when the WebAssembly memory is reserved; later calls return it as is.
 */
export function getKernels(): Kernels {
  return active ?? (active = defaultKernels());
}

/**
 * Replaces the active backend (e.g. with a WebAssembly one) and returns the previous one, so a caller
 * can restore it. Throws, naming the kernel, when `k` lacks one of the interface's kernels
 * (`alloc`/`free` are optional). When nothing had been chosen yet it returns a stand-in for the
 * default backend instead of creating it; passing that back restores the unchosen state.
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
  if (k !== unchosen) {
    if (typeof k?.name !== "string")
      throw new TypeError(`setKernels: backend must have a string name, got ${k?.name}`);
    for (const key of Object.keys(tsKernels) as (keyof Kernels)[]) {
      const optional = key === "alloc" || key === "free"; // memory management is optional
      if (key !== "name" && typeof k[key] !== "function" && !(optional && k[key] === undefined)) {
        throw new TypeError(`setKernels: backend "${k.name}" has no ${key} kernel (got ${typeof k[key]})`);
      }
    }
  }
  if (active === null) forcedName(); // a bad ARENA_KERNELS fails on the first choice, whoever makes it
  const prev = active ?? unchosen;
  active = k === unchosen ? defaultChoice : k;
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
  if (active === null) forcedName(); // before creating anything
  return setKernels(byName(name, "useKernels"));
}
