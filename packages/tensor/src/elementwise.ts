import { checkDim, checkVector } from "./checks.ts";

// Elementwise kernels over n contiguous float32 elements. Each is one tight loop with no closure per
// element (except `map`, whose whole point is the callback). Outputs may alias an input at the same
// offset: every loop reads element i before it writes element i.

/** out[i] = a[i] + b[i] for i < n. */
export function add(
  n: number,
  a: Float32Array,
  aOff: number,
  b: Float32Array,
  bOff: number,
  out: Float32Array,
  outOff: number,
): void {
  checkBinary("add", n, a, aOff, b, bOff, out, outOff);
  for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] + b[bOff + i];
}

/** out[i] = a[i] - b[i]. */
export function sub(
  n: number,
  a: Float32Array,
  aOff: number,
  b: Float32Array,
  bOff: number,
  out: Float32Array,
  outOff: number,
): void {
  checkBinary("sub", n, a, aOff, b, bOff, out, outOff);
  for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] - b[bOff + i];
}

/** out[i] = a[i] · b[i] (Hadamard product). */
export function mul(
  n: number,
  a: Float32Array,
  aOff: number,
  b: Float32Array,
  bOff: number,
  out: Float32Array,
  outOff: number,
): void {
  checkBinary("mul", n, a, aOff, b, bOff, out, outOff);
  for (let i = 0; i < n; i++) out[outOff + i] = a[aOff + i] * b[bOff + i];
}

/** x[i] *= alpha, in place. */
export function scale(n: number, alpha: number, x: Float32Array, xOff: number): void {
  checkDim("scale", "n", n);
  checkVector("scale", "x", x, xOff, n);
  for (let i = 0; i < n; i++) x[xOff + i] *= alpha;
}

/** y[i] += alpha · x[i] (BLAS axpy). */
export function axpy(
  n: number,
  alpha: number,
  x: Float32Array,
  xOff: number,
  y: Float32Array,
  yOff: number,
): void {
  checkDim("axpy", "n", n);
  checkVector("axpy", "x", x, xOff, n);
  checkVector("axpy", "y", y, yOff, n);
  for (let i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
}

/** x[i] = value. */
export function fill(n: number, value: number, x: Float32Array, xOff: number): void {
  checkDim("fill", "n", n);
  checkVector("fill", "x", x, xOff, n);
  x.fill(value, xOff, xOff + n);
}

/** dst[i] = src[i]. Overlapping ranges are not allowed. */
export function copy(n: number, src: Float32Array, srcOff: number, dst: Float32Array, dstOff: number): void {
  checkDim("copy", "n", n);
  checkVector("copy", "src", src, srcOff, n);
  checkVector("copy", "dst", dst, dstOff, n);
  // TypedArray.set is a memmove in the engine: far faster than a JS loop for all but tiny n.
  dst.set(src.subarray(srcOff, srcOff + n), dstOff);
}

/** out[i] = min(max(x[i], lo), hi); NaN stays NaN. */
export function clamp(
  n: number,
  lo: number,
  hi: number,
  x: Float32Array,
  xOff: number,
  out: Float32Array,
  outOff: number,
): void {
  checkDim("clamp", "n", n);
  if (!(lo <= hi)) throw new RangeError(`clamp: lo (${lo}) must be <= hi (${hi})`);
  checkVector("clamp", "x", x, xOff, n);
  checkVector("clamp", "out", out, outOff, n);
  for (let i = 0; i < n; i++) out[outOff + i] = Math.max(lo, Math.min(x[xOff + i], hi));
}

/** out[i] = f(x[i]). Generic and slower than a named kernel: the callback runs per element. */
export function map(
  n: number,
  f: (v: number) => number,
  x: Float32Array,
  xOff: number,
  out: Float32Array,
  outOff: number,
): void {
  checkDim("map", "n", n);
  if (typeof f !== "function") throw new TypeError(`map: f must be a function, got ${typeof f}`);
  checkVector("map", "x", x, xOff, n);
  checkVector("map", "out", out, outOff, n);
  for (let i = 0; i < n; i++) out[outOff + i] = f(x[xOff + i]);
}

function checkBinary(
  fn: string,
  n: number,
  a: Float32Array,
  aOff: number,
  b: Float32Array,
  bOff: number,
  out: Float32Array,
  outOff: number,
): void {
  checkDim(fn, "n", n);
  checkVector(fn, "a", a, aOff, n);
  checkVector(fn, "b", b, bOff, n);
  checkVector(fn, "out", out, outOff, n);
}
