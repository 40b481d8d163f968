/**
 * Naive float64 references for the kernel tests, plus helpers that embed a matrix in a larger padded
 * array (offset, leading dimension > cols) so tests can check that kernels stay inside their views.
 */
import fc from "fast-check";
import {
  createWasmKernels,
  getKernels,
  type Kernels,
  tsKernels,
  type WasmKernels,
  wasmKernels,
} from "../src/index.ts";

/**
 * A view of a WebAssembly backend whose kernels only ever see arrays inside its memory: each call
 * copies its Float32Array arguments into a pool allocated there (the same array twice maps to the same
 * copy, so aliasing is kept), runs the kernel zero-copy, and copies everything back. The property tests
 * thus exercise both paths of the WebAssembly backend: `wasm` on ordinary arrays (copies into scratch,
 * or the TypeScript fallback for memory-bound kernels) and `wasm-resident` on arrays in its memory.
 */
export function residentKernels(wasm: WasmKernels, poolFloats: number): Kernels {
  const pool = wasm.alloc(poolFloats);
  const wrapped: Record<string, unknown> = { name: `${wasm.name}-resident` };
  for (const [key, fn] of Object.entries(wasm)) {
    if (key === "name" || typeof fn !== "function") continue;
    wrapped[key] = (...args: unknown[]) => {
      const copies = new Map<Float32Array, Float32Array>();
      let used = 0;
      const mapped = args.map((arg) => {
        if (!(arg instanceof Float32Array) || wasm.owns(arg)) return arg;
        let copy = copies.get(arg);
        if (copy === undefined) {
          if (used + arg.length > pool.length)
            throw new Error(`resident pool too small for ${arg.length} floats`);
          copy = pool.subarray(used, used + arg.length);
          copy.set(arg);
          used += arg.length + 3; // odd spacing: copies start at unaligned addresses
          copies.set(arg, copy);
        }
        return copy;
      });
      try {
        return (fn as (...a: unknown[]) => unknown)(...mapped);
      } finally {
        for (const [orig, copy] of copies) orig.set(copy);
      }
    };
  }
  return wrapped as unknown as Kernels;
}

/**
 * Every backend the property tests run against: the TS one, the WebAssembly one on ordinary arrays and
 * on arrays in its memory, and the active one if it is none of these.
 */
export const backends: Kernels[] = [
  tsKernels,
  wasmKernels(),
  residentKernels(createWasmKernels({ memoryMiB: 32 }), 1 << 21),
];
if (!backends.includes(getKernels())) backends.push(getKernels());

/** Unit roundoff of float32 (half an ulp of 1). */
export const U32 = 2 ** -24;
/** Unit roundoff of float64. */
export const U64 = 2 ** -53;
/** Half the spacing of float32 subnormals: the absolute error of rounding a tiny result to float32. */
export const TINY32 = 2 ** -150;

/** Higham's γ_n = n·u / (1 − n·u), the relative error bound of an n-term float sum or dot product. */
export function gamma(n: number, u: number): number {
  return (n * u) / (1 - n * u);
}

/** A strided matrix layout inside a larger array: element (i, j) at data[offset + i·ld + j]. */
export interface Layout {
  rows: number;
  cols: number;
  offset: number;
  ld: number;
}

/** Length of the array holding `l`, plus `tail` spare elements after its last row. */
export function arrayLength(l: Layout, tail = 3): number {
  return l.offset + Math.max(0, l.rows - 1) * l.ld + l.cols + tail;
}

/** Element index of (i, j). */
export function at(l: Layout, i: number, j: number): number {
  return l.offset + i * l.ld + j;
}

/** True when index idx of the backing array lies inside the matrix described by `l`. */
export function inside(l: Layout, idx: number): boolean {
  const rel = idx - l.offset;
  if (rel < 0) return false;
  const i = Math.floor(rel / l.ld);
  const j = rel - i * l.ld;
  return i < l.rows && j < l.cols;
}

/**
 * An array for layout `l`: the matrix entries are `values` (row-major, rows·cols of them) and every
 * other element is `pad` (NaN makes any read outside the view poison the result).
 */
export function embed(l: Layout, values: ArrayLike<number>, pad: number): Float32Array {
  const arr = new Float32Array(arrayLength(l)).fill(pad);
  for (let i = 0; i < l.rows; i++) for (let j = 0; j < l.cols; j++) arr[at(l, i, j)] = values[i * l.cols + j];
  return arr;
}

/** The rows·cols entries of layout `l` in `arr`, as float64, row-major. */
export function extract(l: Layout, arr: ArrayLike<number>): Float64Array {
  const out = new Float64Array(l.rows * l.cols);
  for (let i = 0; i < l.rows; i++) for (let j = 0; j < l.cols; j++) out[i * l.cols + j] = arr[at(l, i, j)];
  return out;
}

/** True when `after` equals `before` outside layout `l`: the kernel wrote nothing outside its view. */
export function untouchedOutside(l: Layout, before: Float32Array, after: Float32Array): boolean {
  for (let idx = 0; idx < before.length; idx++) {
    if (!inside(l, idx) && !Object.is(before[idx], after[idx])) return false;
  }
  return true;
}

/**
 * Reference gemm in float64: returns `value` = alpha·op(A)·op(B) + beta·C (with beta = 0 ignoring C)
 * and `scale` = |alpha|·|op(A)|·|op(B)| + |beta|·|C|, the magnitude the error bound is relative to.
 */
export function refGemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  la: Layout,
  b: Float32Array,
  lb: Layout,
  beta: number,
  c: Float32Array,
  lc: Layout,
): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let abs = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[at(la, p, i)] : a[at(la, i, p)];
        const bv = transB ? b[at(lb, j, p)] : b[at(lb, p, j)];
        s += av * bv;
        abs += Math.abs(av * bv);
      }
      const c0 = beta === 0 ? 0 : c[at(lc, i, j)];
      value[i * n + j] = alpha * s + beta * c0;
      scale[i * n + j] = Math.abs(alpha) * abs + Math.abs(beta * c0);
    }
  }
  return { value, scale };
}

/** fast-check: matrix dimensions, biased towards 1, tile multiples and their neighbours. */
export const dimArb = fc.oneof(
  fc.constantFrom(1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17),
  fc.integer({ min: 1, max: 40 }),
);

/** fast-check: a layout for a rows×cols matrix with a random offset and leading-dimension padding. */
export function layoutArb(rows: number, cols: number): fc.Arbitrary<Layout> {
  return fc
    .record({ offset: fc.nat(5), extra: fc.oneof(fc.constant(0), fc.nat(4)) })
    .map(({ offset, extra }) => ({
      rows,
      cols,
      offset,
      ld: Math.max(1, cols) + extra,
    }));
}

/** fast-check: n finite float32 values in [-4, 4] (including 0, -0 and tiny ones). */
export function valuesArb(n: number): fc.Arbitrary<Float32Array> {
  return fc.float32Array({
    minLength: n,
    maxLength: n,
    min: -4,
    max: 4,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/** A deterministic pseudo-random fill in [-1, 1) (xorshift32), for shapes too large for fast-check arrays. */
export function pseudoRandom(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}
