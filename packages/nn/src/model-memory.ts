import type { Kernels } from "@arena/tensor";

/**
 * The arrays one model owns (parameters, gradients, workspaces), taken from its backend's `alloc`
 * when it has one (the WebAssembly backend: views into its memory, so kernels run without copies)
 * and given back together by {@link ModelMemory.dispose}. Without `alloc` they are ordinary arrays.
 */
export class ModelMemory {
  private readonly live = new Set<Float32Array>();
  private released = false;

  constructor(
    private readonly kernels: Kernels,
    private readonly owner: string,
  ) {}

  /** True once {@link ModelMemory.dispose} ran. */
  get disposed(): boolean {
    return this.released;
  }

  /** A zero-filled array of n floats, owned until `release` or `dispose`. */
  alloc(n: number): Float32Array {
    this.check("alloc");
    const k = this.kernels;
    if (k.alloc === undefined || k.free === undefined) return new Float32Array(n);
    const arr = k.alloc(n);
    this.live.add(arr);
    return arr;
  }

  /** A new array of n floats replacing `old` (freed); with `keep`, old's first entries are copied over. */
  resize(old: Float32Array, n: number, keep = false): Float32Array {
    const arr = this.alloc(n);
    if (keep) arr.set(old.subarray(0, Math.min(old.length, n)));
    this.release(old);
    return arr;
  }

  /** Gives `arr` back to the backend; arrays this memory did not allocate are ignored. */
  release(arr: Float32Array): void {
    if (this.live.delete(arr)) this.kernels.free?.(arr);
  }

  /** Frees every array (idempotent); afterwards `alloc` throws. */
  dispose(): void {
    if (this.released) return;
    this.released = true;
    const free = this.kernels.free;
    if (free !== undefined) for (const arr of this.live) free.call(this.kernels, arr);
    this.live.clear();
  }

  /** Throws naming the model and the call when the memory was disposed. */
  check(fn: string): void {
    if (this.released) throw new Error(`${this.owner}.${fn}: the model was disposed; create a new one`);
  }
}
