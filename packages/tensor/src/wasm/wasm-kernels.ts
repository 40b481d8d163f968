import type { Kernels } from "../kernels.ts";
import { tsKernels } from "../ts-kernels.ts";
import { DEFAULT_THREAD_MIN_MACS, GemmSplit } from "./gemm-split.ts";
import { DEFAULT_THREAD_BACKOFF_JOBS, HelperThread } from "./helper-thread.ts";
import {
  defaultThreads,
  type ThreadCount,
  threadsAvailable,
  validateThreads,
  workerThreadsModule,
} from "./thread-count.ts";
import { wasmActivation } from "./wasm-activation.ts";
import { wasmCells } from "./wasm-cells.ts";
import { wasmCrossEntropyParts } from "./wasm-cross-entropy-parts.ts";
import { wasmElementwise } from "./wasm-elementwise.ts";
import { WasmGemm } from "./wasm-gemm.ts";
import { WasmMemory } from "./wasm-memory.ts";
import { compiledSharedModule, instantiateKernels } from "./wasm-module.ts";
import { WasmOperands } from "./wasm-operands.ts";
import { DEFAULT_THREAD_MIN_UPDATE, wasmOptimizerKernels } from "./wasm-optimizer.ts";
import { wasmRows } from "./wasm-rows.ts";
import { wasmSoftmaxCrossEntropy } from "./wasm-softmax-cross-entropy.ts";

export { wasmKernelsAvailable } from "./wasm-module.ts";

/** Options of {@link createWasmKernels}. */
export interface WasmKernelsOptions {
  /**
   * Size of the WebAssembly memory in MiB, reserved up front and never grown (so views handed out by
   * `alloc` never go stale). It holds the packing scratch, the `alloc`ed arrays (up to three
   * quarters), and in its top quarter the per-call copies of arrays that live outside it. An integer in
   * [2, 4095]; default 64 ({@link DEFAULT_WASM_MEMORY_MIB}).
   */
  memoryMiB?: number;
  /**
   * Threads for gemm, gemmBatched and adamUpdate: 1, or 2 (the caller plus one helper thread sharing the memory,
   * started once, on the first product large enough to split; results are bit-identical to one
   * thread's). Default: `ARENA_THREADS`, else 2 when the process has two or more cores. Where threads
   * are unavailable (no SharedArrayBuffer or worker_threads, e.g. a browser page) it is 1 whatever was
   * asked; the backend's `threads` says what it got.
   */
  threads?: ThreadCount;
  /**
   * Smallest m·n·k (over a whole batch for gemmBatched) split over two threads; smaller products stay
   * on the caller's thread, where the hand-over would cost more than it saves. Default 2^21
   * ({@link DEFAULT_THREAD_MIN_MACS}); tests set it low to split small shapes. `adamUpdate` splits
   * vectors of at least min(threadMinMacs, 2^14) parameters.
   */
  threadMinMacs?: number;
  /**
   * Most jobs (products or updates) run on the caller alone after the helper thread held one up,
   * having lost its core in the middle of its part, as happens when the machine runs more threads
   * than it has cores: 4 after a first late part, twice as many after each late part that follows,
   * none again once a job is on time. So a stray preemption costs a few jobs, and a busy machine one
   * such wait per this many jobs rather than one per job. Results do not depend on it. Default 256
   * ({@link DEFAULT_THREAD_BACKOFF_JOBS}); 0 never backs off (tests use it to split every product).
   */
  threadBackoffJobs?: number;
}

/** The WebAssembly backend: the {@link Kernels} interface plus its memory and allocator. */
export interface WasmKernels extends Kernels {
  /** The module's memory; its `buffer` never changes (the memory does not grow). */
  readonly memory: WebAssembly.Memory;
  /**
   * A zero-filled Float32Array of n elements inside the WebAssembly memory, 16-byte aligned. Kernels
   * called on such arrays run without copying. Blocks come from a first-fit free list with coalescing
   * over the reservation; give them back with {@link WasmKernels.free}. When the reservation has no
   * block large enough, it returns an ordinary `Float32Array` instead (kernels then take the copy
   * path: slower, never wrong), so correctness never depends on the memory size; `owns` tells which.
   */
  alloc(n: number): Float32Array;
  /**
   * Returns an array from `alloc` to the free list (its view must not be used afterwards). A no-op for
   * arrays outside this memory (e.g. `alloc`'s fallback arrays); throws a RangeError for a view into
   * this memory that is not a live block (freed twice, or a subarray).
   */
  free(arr: Float32Array | Float64Array): void;
  /**
   * As `alloc`, n float64 values (an optimizer's moments, which `adamUpdate` then reads in place),
   * given back with `free`; past the reservation an ordinary `Float64Array`.
   */
  allocFloat64(n: number): Float64Array;
  /** True when `arr` is a view into this backend's memory (its kernels then skip the copies). */
  owns(arr: ArrayBufferView): boolean;
  /** Bytes free for `alloc`: below the per-call region (the top quarter), untouched or freed. */
  bytesFree(): number;
  /** Bytes held by live `alloc`ed blocks (rounded up to 16 bytes each). */
  bytesInUse(): number;
  /** Threads gemm, gemmBatched and adamUpdate use: 2 when a helper thread shares the (then shared) memory. */
  readonly threads: ThreadCount;
  /**
   * Starts the helper thread now rather than on the first large product, and resolves once it takes
   * work (at once on one thread). Until then large products run on the caller's thread alone, which
   * gives the same bits, so nothing needs to wait for it; benchmarks and tests do.
   */
  startThreads(): Promise<void>;
}

const OPTION_KEYS = new Set(["memoryMiB", "threads", "threadMinMacs", "threadBackoffJobs"]);

/** Memory of a WebAssembly backend when no size is given, in MiB. */
export const DEFAULT_WASM_MEMORY_MIB = 64;

/**
 * Throws a RangeError, `${label} must be an integer in [2, 4095], got ${shown}`, unless `mib` is a
 * valid memory size (2 MiB holds page 0 and the packing scratch; 4095 MiB is under WebAssembly's 4 GiB).
 */
export function validateMemoryMiB(mib: number, shown: string, label: string): void {
  if (!Number.isInteger(mib) || mib < 2 || mib > 4095) {
    throw new RangeError(`${label} must be an integer in [2, 4095], got ${shown}`);
  }
}

/**
 * Creates a WebAssembly SIMD backend with its own memory. It implements gemm and gemmBatched (all
 * transposes, alpha, beta: packed panels and a 4×8 f32x4 register-blocked micro-kernel), add/sub/mul,
 * scale, axpy, addRowBias, colSums, softmaxRows, crossEntropyParts and the activations (tanh, sigmoid,
 * relu, linear, forward and gradient; f32x4 lanes), adamUpdate (f64x2 lanes) and allFinite in
 * WebAssembly; the other kernels are the TypeScript ones, which
 * work on any Float32Array, including views into this memory.
 *
 * Memory: arrays from `alloc` are views into the backend's memory, and kernels on them run in place
 * (zero-copy, found by `arr.buffer === memory.buffer`); `free` gives them back to a first-fit free
 * list, and past the reservation `alloc` hands out ordinary arrays. gemm copies operands from
 * anywhere else into a per-call region, the memory's top quarter (and C back), so it is always
 * correct; when they do not fit there, it runs the TypeScript gemm. Memory-bound kernels (elementwise,
 * rows) gain nothing from a copy, so on arrays outside the memory they run the TypeScript kernel, whose results
 * are bit-identical to the WebAssembly ones (softmaxRows: within an ulp of float64 exp). The
 * activations are the exception: evaluated in float32 lanes they differ from the TypeScript ones by a
 * few ulps, so on arrays outside the memory they are staged through the per-call region in chunks
 * and still run in WebAssembly: a model's results never depend on whether `alloc` had room.
 *
 * @example
 * ```ts
 * import { createWasmKernels } from "@arena/tensor";
 * const wasm = createWasmKernels({ memoryMiB: 8 });
 * const a = wasm.alloc(6).fill(1); // 2x3 of ones, in WebAssembly memory
 * const c = wasm.alloc(4);
 * wasm.gemm(false, true, 2, 2, 3, 1, a, 0, 3, a, 0, 3, 0, c, 0, 2); // C = A·Aᵀ, no copies
 * console.log(Array.from(c)); // [3, 3, 3, 3]
 * ```
 */
export function createWasmKernels(options: WasmKernelsOptions = {}): WasmKernels {
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) throw new TypeError(`createWasmKernels: unknown option "${key}"`);
  }
  const mib = options.memoryMiB ?? DEFAULT_WASM_MEMORY_MIB;
  validateMemoryMiB(mib, String(mib), "createWasmKernels: memoryMiB");
  if (options.threads !== undefined)
    validateThreads(options.threads, String(options.threads), "createWasmKernels: threads");
  const threads = threadsAvailable() ? (options.threads ?? defaultThreads()) : 1;
  const minMacs = options.threadMinMacs ?? DEFAULT_THREAD_MIN_MACS;
  if (!(minMacs >= 0)) throw new RangeError(`createWasmKernels: threadMinMacs must be >= 0, got ${minMacs}`);
  const backoff = options.threadBackoffJobs ?? DEFAULT_THREAD_BACKOFF_JOBS;
  if (!(Number.isInteger(backoff) && backoff >= 0))
    throw new RangeError(`createWasmKernels: threadBackoffJobs must be an integer >= 0, got ${backoff}`);
  const pages = mib * 16;
  const shared = threads === 2;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
  const w = instantiateKernels(memory, shared);
  const scratchBytes = w.SCRATCH_BYTES.value as number;
  // With a helper, two packing scratches side by side: each thread packs its own panels.
  const mem = new WasmMemory(memory, shared ? 2 * scratchBytes : scratchBytes);
  const ops = new WasmOperands(mem);
  const helper = lazyHelper(shared, memory, backoff);
  const split = new GemmSplit(w, helper, minMacs, mem.packScratch, mem.packScratch + scratchBytes);
  const gemm = new WasmGemm(split, mem, ops);
  return {
    ...tsKernels,
    name: "wasm",
    memory,
    threads,
    startThreads: async () => {
      await helper.helper()?.whenReady();
    },
    gemm: gemm.gemm,
    gemmBatched: gemm.gemmBatched,
    ...wasmElementwise(w, mem),
    ...wasmRows(w, mem, ops),
    ...wasmCrossEntropyParts(w, mem, ops),
    ...wasmSoftmaxCrossEntropy(w, mem, ops),
    ...wasmActivation(w, mem, ops),
    ...wasmCells(w, mem),
    ...wasmOptimizerKernels(w, mem, helper, Math.min(minMacs, DEFAULT_THREAD_MIN_UPDATE)),
    alloc: (n) => mem.alloc(n),
    free: (arr) => mem.free(arr),
    owns: (arr) => mem.owns(arr),
    bytesFree: () => mem.bytesFree(),
    bytesInUse: () => mem.bytesInUse(),
  };
}

/**
 * The helper of a shared memory, started on the first call (a backend on one thread has none). When
 * the thread cannot be started (e.g. a worker limit), the backend stays on one thread: same bits.
 */
function lazyHelper(
  shared: boolean,
  memory: WebAssembly.Memory,
  backoffJobs: number,
): { helper(): HelperThread | null } {
  let started: HelperThread | null = null;
  let usable = shared;
  return {
    helper() {
      if (!usable || started !== null) return started;
      usable = false; // one attempt only
      const workerThreads = workerThreadsModule();
      try {
        if (workerThreads !== undefined)
          started = HelperThread.start(workerThreads, compiledSharedModule(), memory, backoffJobs);
      } catch {
        started = null;
      }
      return started;
    },
  };
}
