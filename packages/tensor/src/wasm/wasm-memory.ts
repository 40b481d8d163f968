import { FreeList } from "./free-list.ts";

const PAGE = 65536;
/** AssemblyScript places the module's static data (libm's exp table) at bytes [1024, ~3200): keep page 0. */
const STATIC_END = PAGE;

/**
 * The layout of a backend's WebAssembly memory and its allocator. Bottom up: page 0 (the module's
 * static data), gemm's packing scratch, the `alloc`ed blocks (up to the heap top, holes on a free
 * list), free space, and the top quarter, kept for per-call copies (see `WasmOperands`).
 *
 * The memory never grows, so `buffer` and every view handed out stay valid; an array lives here
 * exactly when its buffer is this one, which is how kernels find their zero-copy path.
 */
export class WasmMemory {
  readonly buffer: ArrayBuffer;
  /** The whole memory as floats: copies in and out go through it. */
  readonly f32: Float32Array;
  /** Byte address of gemm's packing scratch (the module's SCRATCH_BYTES). */
  readonly packScratch = STATIC_END;
  /** End of the memory in bytes: the per-call copies are taken downwards from here. */
  readonly end: number;
  /**
   * Lowest byte of the per-call region (the top quarter), which `alloc` never takes: whether gemm
   * copies or falls back to TypeScript (which rounds differently) then depends on the operands'
   * sizes only, never on how many arrays happen to be allocated, so a run's results do not depend on
   * what ran before it.
   */
  readonly copyFloor: number;
  private heapTop: number; // end of the highest live block
  private readonly holes = new FreeList();
  /** Live blocks: byte offset -> size in bytes. */
  private readonly live = new Map<number, number>();
  private inUse = 0;

  constructor(
    readonly memory: WebAssembly.Memory,
    packScratchBytes: number,
  ) {
    this.buffer = memory.buffer;
    this.f32 = new Float32Array(this.buffer);
    this.end = this.buffer.byteLength;
    this.copyFloor = this.end - ((this.end / 4) & ~15);
    this.heapTop = this.packScratch + packScratchBytes;
  }

  /** True when `arr` is a view into this memory (kernels then run on it in place). */
  owns(arr: ArrayBufferView): boolean {
    return arr.buffer === this.buffer;
  }

  /** See `WasmKernels.alloc`: first fit from the holes, else from the heap top, else an ordinary array. */
  alloc(n: number): Float32Array {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`wasm alloc: n must be an integer >= 0, got ${n}`);
    const bytes = Math.max(16, (n * 4 + 15) & ~15);
    let p = this.holes.take(bytes);
    if (p < 0) {
      if (this.heapTop + bytes > this.copyFloor) return new Float32Array(n); // reservation exhausted: copy path
      p = this.heapTop;
      this.heapTop += bytes;
    }
    this.live.set(p, bytes);
    this.inUse += bytes;
    return new Float32Array(this.buffer, p, n).fill(0); // freed blocks and per-call copies leave bytes behind
  }

  /** See `WasmKernels.allocFloat64`: a block of 2n floats seen as n doubles (8-byte aligned, as all blocks). */
  allocFloat64(n: number): Float64Array {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`wasm allocFloat64: n must be an integer >= 0, got ${n}`);
    const f = this.alloc(2 * n);
    return new Float64Array(f.buffer, f.byteOffset, n);
  }

  /** See `WasmKernels.free`. */
  free(arr: Float32Array | Float64Array): void {
    if (!this.owns(arr)) return;
    const p = arr.byteOffset;
    const bytes = this.live.get(p);
    if (bytes === undefined || arr.byteLength > bytes) {
      throw new RangeError(
        `wasm free: the view at byte ${p} (${arr.length} floats) is not a live block of alloc (freed twice, or a subarray)`,
      );
    }
    this.live.delete(p);
    this.inUse -= bytes;
    this.heapTop = this.holes.give(p, bytes, this.heapTop);
  }

  /** Bytes free for `alloc`: below the per-call region, untouched or freed. */
  bytesFree(): number {
    return this.copyFloor - this.heapTop + this.holes.holeBytes();
  }

  /** Bytes held by live `alloc`ed blocks. */
  bytesInUse(): number {
    return this.inUse;
  }
}
