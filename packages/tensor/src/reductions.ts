import { checkDim, checkVector } from "./checks.ts";

// Reductions over n contiguous float32 elements. They accumulate in float64 (a JS number) with four
// independent partial sums: that breaks the loop-carried add dependency (about 3x faster than one
// accumulator) and, as pairwise-style summation, does not make the float64 error worse.

/** Σ x[i], accumulated in float64. */
export function sum(n: number, x: Float32Array, xOff: number): number {
  checkDim("sum", "n", n);
  checkVector("sum", "x", x, xOff, n);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = xOff + n;
  let i = xOff;
  for (; i + 4 <= end; i += 4) {
    s0 += x[i];
    s1 += x[i + 1];
    s2 += x[i + 2];
    s3 += x[i + 3];
  }
  for (; i < end; i++) s0 += x[i];
  return s0 + s1 + (s2 + s3);
}

/** Σ a[i]·b[i], accumulated in float64 (each product of two float32 values is exact in float64). */
export function dot(n: number, a: Float32Array, aOff: number, b: Float32Array, bOff: number): number {
  checkDim("dot", "n", n);
  checkVector("dot", "a", a, aOff, n);
  checkVector("dot", "b", b, bOff, n);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[aOff + i] * b[bOff + i];
    s1 += a[aOff + i + 1] * b[bOff + i + 1];
    s2 += a[aOff + i + 2] * b[bOff + i + 2];
    s3 += a[aOff + i + 3] * b[bOff + i + 3];
  }
  for (; i < n; i++) s0 += a[aOff + i] * b[bOff + i];
  return s0 + s1 + (s2 + s3);
}

/**
 * sqrt(Σ x[i]²), accumulated in float64. No scaling is needed: the square of the largest float32
 * (about 1.2e77) and any sum of up to 2^53 of them stay far below the float64 maximum.
 */
export function norm2(n: number, x: Float32Array, xOff: number): number {
  checkDim("norm2", "n", n);
  checkVector("norm2", "x", x, xOff, n);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = xOff + n;
  let i = xOff;
  for (; i + 4 <= end; i += 4) {
    const v0 = x[i];
    const v1 = x[i + 1];
    const v2 = x[i + 2];
    const v3 = x[i + 3];
    s0 += v0 * v0;
    s1 += v1 * v1;
    s2 += v2 * v2;
    s3 += v3 * v3;
  }
  for (; i < end; i++) s0 += x[i] * x[i];
  return Math.sqrt(s0 + s1 + (s2 + s3));
}

/** True when every x[i] is finite (no NaN, no ±Infinity). */
export function allFinite(n: number, x: Float32Array, xOff: number): boolean {
  checkDim("allFinite", "n", n);
  checkVector("allFinite", "x", x, xOff, n);
  // v·0 is 0 for finite v and NaN for NaN or ±Infinity, so the running sum turns NaN exactly when a
  // non-finite value was seen: branch-free inside a chunk; the chunk check returns early.
  const end = xOff + n;
  for (let start = xOff; start < end; start += 4096) {
    const stop = Math.min(start + 4096, end);
    let s = 0;
    for (let i = start; i < stop; i++) s += x[i] * 0;
    if (s !== 0) return false;
  }
  return true;
}
