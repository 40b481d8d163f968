import { ACTIVATION_KINDS, checkActivationKind } from "../activation.ts";
import { checkDim, checkMatrix, checkVector } from "../checks.ts";
import { checkGemmBatched, gemmEachItem } from "../gemm-batched.ts";
import type { Kernels } from "../kernels.ts";
import { addRowBias as tsAddRowBias, colSums as tsColSums, softmaxRows as tsSoftmaxRows } from "../rows.ts";
import { tsKernels } from "../ts-kernels.ts";
import { KERNELS_WASM_BASE64 } from "./kernels-wasm-bytes.ts";

/** Exports of the compiled module (see wasm/assembly/kernels.ts); pointers are byte addresses. */
interface WasmExports {
  SCRATCH_BYTES: WebAssembly.Global;
  gemm(
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    beta: number,
    c: number,
    ldc: number,
    scratch: number,
  ): void;
  gemmBatched(
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: number,
    lda: number,
    strideA: number,
    b: number,
    ldb: number,
    strideB: number,
    beta: number,
    c: number,
    ldc: number,
    strideC: number,
    count: number,
    scratch: number,
  ): void;
  binary(op: number, n: number, a: number, b: number, out: number): void;
  axpyScale(n: number, alpha: number, x: number, y: number): void;
  addRowBias(m: number, n: number, bias: number, c: number, ldc: number): void;
  colSums(
    m: number,
    n: number,
    alpha: number,
    a: number,
    lda: number,
    beta: number,
    out: number,
    acc: number,
  ): void;
  softmaxRows(m: number, n: number, x: number, ldx: number, out: number, ldo: number): void;
  activation(kind: number, n: number, x: number, out: number): void;
  activationGrad(kind: number, n: number, y: number, dy: number, dx: number): void;
}

/** Options of {@link createWasmKernels}. */
export interface WasmKernelsOptions {
  /**
   * Size of the WebAssembly memory in MiB, reserved up front and never grown (so views handed out by
   * `alloc` never go stale). It holds the packing scratch, the `alloc`ed arrays (up to three
   * quarters), and in its top quarter the per-call copies of arrays that live outside it. Default 64.
   */
  memoryMiB?: number;
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
  free(arr: Float32Array): void;
  /** True when `arr` is a view into this backend's memory (its kernels then skip the copies). */
  owns(arr: Float32Array): boolean;
  /** Bytes free for `alloc`: below the per-call region (the top quarter), untouched or freed. */
  bytesFree(): number;
  /** Bytes held by live `alloc`ed blocks (rounded up to 16 bytes each). */
  bytesInUse(): number;
}

const PAGE = 65536;
/** AssemblyScript places the module's static data (libm's exp table) at bytes [1024, ~3200): keep page 0. */
const STATIC_END = PAGE;

const OPTION_KEYS = new Set(["memoryMiB"]);

/**
 * Floats per chunk when activations on arrays outside the memory are staged through the per-call
 * region (64 KiB per operand: small against the top quarter of even a 2 MiB memory).
 */
const ACT_CHUNK = 16384;

/** Decodes the embedded module bytes (Buffer in Node, atob elsewhere). */
function wasmBytes(): Uint8Array<ArrayBuffer> {
  const g = globalThis as { Buffer?: { from(s: string, enc: string): Uint8Array } };
  if (g.Buffer) return new Uint8Array(g.Buffer.from(KERNELS_WASM_BASE64, "base64"));
  const bin = atob(KERNELS_WASM_BASE64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let compiled: WebAssembly.Module | null = null;

/**
 * True when this engine has WebAssembly with 128-bit SIMD and may compile the module synchronously
 * (Node, workers; a browser's main thread refuses synchronous compiles of this size).
 */
export function wasmKernelsAvailable(): boolean {
  try {
    compiledModule();
    return true;
  } catch {
    return false;
  }
}

function compiledModule(): WebAssembly.Module {
  if (compiled === null) compiled = new WebAssembly.Module(wasmBytes());
  return compiled;
}

/**
 * Creates a WebAssembly SIMD backend with its own memory. It implements gemm and gemmBatched (all
 * transposes, alpha, beta: packed panels and a 4×8 f32x4 register-blocked micro-kernel), add/sub/mul,
 * scale, axpy,
 * addRowBias, colSums, softmaxRows and the activations (tanh, sigmoid, relu, linear, forward and
 * gradient; f32x4 lanes) in WebAssembly; the other kernels are the TypeScript ones,
 * which work on any Float32Array, including views into this memory.
 *
 * Memory: arrays from `alloc` are views into the backend's memory, and kernels on them run in place
 * (zero-copy, found by `arr.buffer === memory.buffer`); `free` gives them back to a first-fit free
 * list, and past the reservation `alloc` hands out ordinary arrays. gemm copies operands from
 * anywhere else into a per-call region, the memory's top quarter (and C back), so it is always
 * correct; when they do not fit there, it runs the TypeScript gemm. Memory-bound kernels (elementwise, rows) gain
 * nothing from a copy, so on arrays outside the memory they run the TypeScript kernel, whose results
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
  const mib = options.memoryMiB ?? 64;
  if (!Number.isInteger(mib) || mib < 2 || mib > 4095) {
    throw new RangeError(`createWasmKernels: memoryMiB must be an integer in [2, 4095], got ${mib}`);
  }
  const pages = mib * 16;
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const instance = new WebAssembly.Instance(compiledModule(), {
    env: {
      memory,
      abort: () => {
        throw new Error("wasm kernels: abort");
      },
    },
  });
  const w = instance.exports as unknown as WasmExports;
  const buffer = memory.buffer;
  const heapF32 = new Float32Array(buffer);
  const end = buffer.byteLength;
  const packScratch = STATIC_END;
  let heapTop = packScratch + (w.SCRATCH_BYTES.value as number); // end of the highest live block
  let callTop = end; // per-call copies are taken downwards from here and released after the call
  // The top quarter is kept for per-call copies whatever `alloc` did: whether gemm copies or falls
  // back to TypeScript (which rounds differently) then depends on the operands' sizes only, never on
  // how many arrays happen to be allocated, so a run's results do not depend on what ran before it.
  const copyFloor = end - ((end / 4) & ~15);

  const owns = (arr: Float32Array): boolean => arr.buffer === buffer;
  const heap = new FreeList();
  /** Live blocks: byte offset -> size in bytes. */
  const live = new Map<number, number>();
  let inUse = 0;
  const ptr = (arr: Float32Array, off: number): number => arr.byteOffset + off * 4;
  const align16 = (x: number): number => (x + 15) & ~15;

  /** Reserves `bytes` of per-call scratch; -1 when it does not fit. */
  const take = (bytes: number): number => {
    const p = (callTop - bytes) & ~15;
    if (p < copyFloor) return -1;
    callTop = p;
    return p;
  };

  /**
   * Pointer to the matrix (arr, off, ld) rows×cols, plus `extra` elements after it (the further items
   * of a batch): in place when `arr` lives in the memory, otherwise a copy of its span in per-call
   * scratch (-1 when that does not fit).
   */
  const operand = (
    arr: Float32Array,
    off: number,
    rows: number,
    cols: number,
    ld: number,
    extra = 0,
  ): number => {
    if (owns(arr)) return ptr(arr, off);
    const span = (rows - 1) * ld + cols + extra;
    const p = take(span * 4);
    if (p < 0) return -1;
    heapF32.set(arr.subarray(off, off + span), p / 4);
    return p;
  };

  const gemm: Kernels["gemm"] = (
    transA,
    transB,
    m,
    n,
    k,
    alpha,
    a,
    aOff,
    lda,
    b,
    bOff,
    ldb,
    beta,
    c,
    cOff,
    ldc,
  ) => {
    checkDim("gemm", "m", m);
    checkDim("gemm", "n", n);
    checkDim("gemm", "k", k);
    const [ar, ac] = transA ? [k, m] : [m, k];
    const [br, bc] = transB ? [n, k] : [k, n];
    checkMatrix("gemm", "A", a, aOff, ar, ac, lda);
    checkMatrix("gemm", "B", b, bOff, br, bc, ldb);
    checkMatrix("gemm", "C", c, cOff, m, n, ldc);
    if (m === 0 || n === 0) return;
    const reads = k > 0 && alpha !== 0;
    const mark = callTop;
    try {
      const pa = reads ? operand(a, aOff, ar, ac, lda) : 0;
      const pb = reads && pa >= 0 ? operand(b, bOff, br, bc, ldb) : 0;
      const pc = pa >= 0 && pb >= 0 ? operand(c, cOff, m, n, ldc) : -1;
      if (pc < 0) {
        // Too large for the per-call scratch: the TypeScript gemm is slower but just as correct.
        tsKernels.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        return;
      }
      w.gemm(+transA, +transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, packScratch);
      if (!owns(c)) {
        const base = pc / 4;
        if (ldc === n) c.set(heapF32.subarray(base, base + m * n), cOff);
        else
          for (let i = 0; i < m; i++)
            c.set(heapF32.subarray(base + i * ldc, base + i * ldc + n), cOff + i * ldc);
      }
    } finally {
      callTop = mark;
    }
  };

  const gemmBatched: Kernels["gemmBatched"] = (
    transA,
    transB,
    m,
    n,
    k,
    alpha,
    a,
    aOff,
    lda,
    strideA,
    b,
    bOff,
    ldb,
    strideB,
    beta,
    c,
    cOff,
    ldc,
    strideC,
    count,
  ) => {
    checkGemmBatched(
      transA,
      transB,
      m,
      n,
      k,
      a,
      aOff,
      lda,
      strideA,
      b,
      bOff,
      ldb,
      strideB,
      c,
      cOff,
      ldc,
      strideC,
      count,
    );
    if (m === 0 || n === 0 || count === 0) return;
    const [ar, ac] = transA ? [k, m] : [m, k];
    const [br, bc] = transB ? [n, k] : [k, n];
    const reads = k > 0 && alpha !== 0;
    const more = count - 1;
    const mark = callTop;
    try {
      const pa = reads ? operand(a, aOff, ar, ac, lda, more * strideA) : 0;
      const pb = reads && pa >= 0 ? operand(b, bOff, br, bc, ldb, more * strideB) : 0;
      const pc = pa >= 0 && pb >= 0 ? operand(c, cOff, m, n, ldc, more * strideC) : -1;
      if (pc < 0) {
        // Too large for the per-call scratch: one gemm per item, each with the whole region again.
        callTop = mark;
        gemmEachItem(
          gemm,
          transA,
          transB,
          m,
          n,
          k,
          alpha,
          a,
          aOff,
          lda,
          strideA,
          b,
          bOff,
          ldb,
          strideB,
          beta,
          c,
          cOff,
          ldc,
          strideC,
          count,
        );
        return;
      }
      w.gemmBatched(
        +transA,
        +transB,
        m,
        n,
        k,
        alpha,
        pa,
        lda,
        strideA,
        pb,
        ldb,
        strideB,
        beta,
        pc,
        ldc,
        strideC,
        count,
        packScratch,
      );
      if (!owns(c)) {
        // The whole span, gaps included: the gaps hold what was copied in, unchanged.
        const base = pc / 4;
        c.set(heapF32.subarray(base, base + (m - 1) * ldc + n + more * strideC), cOff);
      }
    } finally {
      callTop = mark;
    }
  };

  const binaryKernel = (op: number, name: "add" | "sub" | "mul"): Kernels["add"] => {
    const fallback = tsKernels[name];
    return (n, a, aOff, b, bOff, out, outOff) => {
      if (!(owns(a) && owns(b) && owns(out))) return fallback(n, a, aOff, b, bOff, out, outOff);
      checkDim(name, "n", n);
      checkVector(name, "a", a, aOff, n);
      checkVector(name, "b", b, bOff, n);
      checkVector(name, "out", out, outOff, n);
      w.binary(op, n, ptr(a, aOff), ptr(b, bOff), ptr(out, outOff));
    };
  };

  const kernels: WasmKernels = {
    ...tsKernels,
    name: "wasm",
    memory,
    gemm,
    gemmBatched,
    add: binaryKernel(0, "add"),
    sub: binaryKernel(1, "sub"),
    mul: binaryKernel(2, "mul"),
    scale(n, alpha, x, xOff) {
      if (!owns(x)) return tsKernels.scale(n, alpha, x, xOff);
      checkDim("scale", "n", n);
      checkVector("scale", "x", x, xOff, n);
      w.axpyScale(n, alpha, 0, ptr(x, xOff));
    },
    axpy(n, alpha, x, xOff, y, yOff) {
      if (!(owns(x) && owns(y))) return tsKernels.axpy(n, alpha, x, xOff, y, yOff);
      checkDim("axpy", "n", n);
      checkVector("axpy", "x", x, xOff, n);
      checkVector("axpy", "y", y, yOff, n);
      w.axpyScale(n, alpha, ptr(x, xOff), ptr(y, yOff));
    },
    addRowBias(m, n, bias, biasOff, c, cOff, ldc) {
      if (!(owns(bias) && owns(c))) return tsAddRowBias(m, n, bias, biasOff, c, cOff, ldc);
      checkDim("addRowBias", "m", m);
      checkDim("addRowBias", "n", n);
      checkVector("addRowBias", "bias", bias, biasOff, n);
      checkMatrix("addRowBias", "C", c, cOff, m, n, ldc);
      w.addRowBias(m, n, ptr(bias, biasOff), ptr(c, cOff), ldc);
    },
    colSums(m, n, alpha, a, aOff, lda, beta, out, outOff) {
      if (!(owns(a) && owns(out))) return tsColSums(m, n, alpha, a, aOff, lda, beta, out, outOff);
      checkDim("colSums", "m", m);
      checkDim("colSums", "n", n);
      checkMatrix("colSums", "A", a, aOff, m, n, lda);
      checkVector("colSums", "out", out, outOff, n);
      const mark = callTop;
      try {
        const acc = take(n * 8);
        if (acc < 0) return tsColSums(m, n, alpha, a, aOff, lda, beta, out, outOff);
        w.colSums(m, n, alpha, ptr(a, aOff), lda, beta, ptr(out, outOff), acc);
      } finally {
        callTop = mark;
      }
    },
    softmaxRows(m, n, x, xOff, ldx, out, outOff, ldo) {
      if (!(owns(x) && owns(out))) return tsSoftmaxRows(m, n, x, xOff, ldx, out, outOff, ldo);
      checkDim("softmaxRows", "m", m);
      checkDim("softmaxRows", "n", n);
      checkMatrix("softmaxRows", "X", x, xOff, m, n, ldx);
      checkMatrix("softmaxRows", "OUT", out, outOff, m, n, ldo);
      w.softmaxRows(m, n, ptr(x, xOff), ldx, ptr(out, outOff), ldo);
    },
    activation(kind, n, x, xOff, out, outOff) {
      checkActivationKind("activation", kind);
      checkDim("activation", "n", n);
      checkVector("activation", "x", x, xOff, n);
      checkVector("activation", "out", out, outOff, n);
      const code = ACTIVATION_KINDS.indexOf(kind);
      if (owns(x) && owns(out)) {
        w.activation(code, n, ptr(x, xOff), ptr(out, outOff));
        return;
      }
      const mark = callTop;
      try {
        const px = take(Math.min(n, ACT_CHUNK) * 4);
        for (let i = 0; i < n; i += ACT_CHUNK) {
          const len = Math.min(ACT_CHUNK, n - i);
          heapF32.set(x.subarray(xOff + i, xOff + i + len), px / 4);
          w.activation(code, len, px, px);
          out.set(heapF32.subarray(px / 4, px / 4 + len), outOff + i);
        }
      } finally {
        callTop = mark;
      }
    },
    activationGrad(kind, n, y, yOff, dy, dyOff, dx, dxOff) {
      checkActivationKind("activationGrad", kind);
      checkDim("activationGrad", "n", n);
      checkVector("activationGrad", "y", y, yOff, n);
      checkVector("activationGrad", "dy", dy, dyOff, n);
      checkVector("activationGrad", "dx", dx, dxOff, n);
      const code = ACTIVATION_KINDS.indexOf(kind);
      if (owns(y) && owns(dy) && owns(dx)) {
        w.activationGrad(code, n, ptr(y, yOff), ptr(dy, dyOff), ptr(dx, dxOff));
        return;
      }
      const mark = callTop;
      try {
        const chunk = Math.min(n, ACT_CHUNK);
        const py = take(chunk * 4);
        const pg = take(chunk * 4);
        for (let i = 0; i < n; i += ACT_CHUNK) {
          const len = Math.min(ACT_CHUNK, n - i);
          heapF32.set(y.subarray(yOff + i, yOff + i + len), py / 4);
          heapF32.set(dy.subarray(dyOff + i, dyOff + i + len), pg / 4);
          w.activationGrad(code, len, py, pg, pg);
          dx.set(heapF32.subarray(pg / 4, pg / 4 + len), dxOff + i);
        }
      } finally {
        callTop = mark;
      }
    },
    alloc(n) {
      if (!Number.isInteger(n) || n < 0)
        throw new RangeError(`wasm alloc: n must be an integer >= 0, got ${n}`);
      const bytes = Math.max(16, align16(n * 4));
      let p = heap.take(bytes);
      if (p < 0) {
        if (heapTop + bytes > copyFloor) return new Float32Array(n); // reservation exhausted: copy path
        p = heapTop;
        heapTop += bytes;
      }
      live.set(p, bytes);
      inUse += bytes;
      return new Float32Array(buffer, p, n).fill(0); // freed blocks and per-call copies leave bytes behind
    },
    free(arr) {
      if (!owns(arr)) return;
      const p = arr.byteOffset;
      const bytes = live.get(p);
      if (bytes === undefined || arr.byteLength > bytes) {
        throw new RangeError(
          `wasm free: the view at byte ${p} (${arr.length} floats) is not a live block of alloc (freed twice, or a subarray)`,
        );
      }
      live.delete(p);
      inUse -= bytes;
      heapTop = heap.give(p, bytes, heapTop);
    },
    owns,
    bytesFree: () => copyFloor - heapTop + heap.holeBytes(),
    bytesInUse: () => inUse,
  };
  return kernels;
}

/**
 * Free blocks below the heap top, sorted by address, as parallel arrays of byte offsets and sizes.
 * First fit, split on allocation, coalesced with both neighbours on free; a block that reaches the
 * heap top is returned to it (so the per-call region at the top grows back).
 */
class FreeList {
  private starts: number[] = [];
  private sizes: number[] = [];

  /** Takes `bytes` from the first block large enough; its offset, or -1 when none is. */
  take(bytes: number): number {
    const { starts, sizes } = this;
    for (let i = 0; i < starts.length; i++) {
      if (sizes[i] < bytes) continue;
      const p = starts[i];
      if (sizes[i] === bytes) {
        starts.splice(i, 1);
        sizes.splice(i, 1);
      } else {
        starts[i] += bytes;
        sizes[i] -= bytes;
      }
      return p;
    }
    return -1;
  }

  /** Frees [p, p + bytes), merging neighbours; returns the new heap top. */
  give(p: number, bytes: number, heapTop: number): number {
    const { starts, sizes } = this;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    let start = p;
    let size = bytes;
    if (lo > 0 && starts[lo - 1] + sizes[lo - 1] === start) {
      lo--;
      start = starts[lo];
      size += sizes[lo];
      starts.splice(lo, 1);
      sizes.splice(lo, 1);
    }
    if (lo < starts.length && start + size === starts[lo]) {
      size += sizes[lo];
      starts.splice(lo, 1);
      sizes.splice(lo, 1);
    }
    if (start + size === heapTop) return start;
    starts.splice(lo, 0, start);
    sizes.splice(lo, 0, size);
    return heapTop;
  }

  holeBytes(): number {
    let total = 0;
    for (const s of this.sizes) total += s;
    return total;
  }
}
