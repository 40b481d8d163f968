import type { WasmMemory } from "./wasm-memory.ts";

/** Byte address of element `off` of an array that lives in the memory. */
export function ptr(arr: Float32Array, off: number): number {
  return arr.byteOffset + off * 4;
}

/**
 * The per-call region of a backend's memory, a stack growing down from its end to `copyFloor`:
 * operands that live outside the memory are copied in for one call, and results copied back out.
 * A kernel wrapper saves `top`, takes what it needs, and restores `top` in a `finally`, so nothing
 * outlives the call and nothing is allocated.
 */
export class WasmOperands {
  /** Lowest byte taken by the calls in progress (the memory's end when none is). */
  top: number;

  constructor(private readonly mem: WasmMemory) {
    this.top = mem.end;
  }

  /** Reserves `bytes` (16-byte aligned) of per-call scratch; -1 when it does not fit. */
  take(bytes: number): number {
    const p = (this.top - bytes) & ~15;
    if (p < this.mem.copyFloor) return -1;
    this.top = p;
    return p;
  }

  /**
   * Pointer to the matrix (arr, off, ld) rows×cols, plus `extra` elements after it (the further items
   * of a batch): in place when `arr` lives in the memory, otherwise a copy of its span in per-call
   * scratch (-1 when that does not fit).
   */
  operand(arr: Float32Array, off: number, rows: number, cols: number, ld: number, extra = 0): number {
    if (this.mem.owns(arr)) return ptr(arr, off);
    const span = (rows - 1) * ld + cols + extra;
    const p = this.take(span * 4);
    if (p < 0) return -1;
    this.mem.f32.set(arr.subarray(off, off + span), p / 4);
    return p;
  }

  /** Copies the rows×cols matrix at `p` (leading dimension ld) back to (c, cOff, ld). */
  copyMatrixOut(p: number, rows: number, cols: number, ld: number, c: Float32Array, cOff: number): void {
    const base = p / 4;
    const heap = this.mem.f32;
    if (ld === cols) c.set(heap.subarray(base, base + rows * cols), cOff);
    else
      for (let i = 0; i < rows; i++) c.set(heap.subarray(base + i * ld, base + i * ld + cols), cOff + i * ld);
  }

  /** Copies `len` floats at `p` back to `dst` from `dstOff`. */
  copyOut(p: number, len: number, dst: Float32Array, dstOff: number): void {
    dst.set(this.mem.f32.subarray(p / 4, p / 4 + len), dstOff);
  }

  /** Copies `len` floats of `src` from `srcOff` to `p`. */
  copyIn(src: Float32Array, srcOff: number, len: number, p: number): void {
    this.mem.f32.set(src.subarray(srcOff, srcOff + len), p / 4);
  }
}
