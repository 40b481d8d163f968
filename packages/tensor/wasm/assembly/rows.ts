// Row-wise kernels over row-major matrices: bias rows, column sums, softmax (with fdlibm's exp, V8's Math.exp, so
// its bits are the TypeScript kernel's).
import { binary } from "./elementwise";
import { exp1 } from "./fdlibm-exp";

/** The largest of the n float32 values at `row`, as float64; −Infinity for none (NaN never wins). */
export function rowMax(row: usize, n: i32): f64 {
  let max: f64 = -Infinity;
  for (let j = 0; j < n; j++) {
    const v = <f64>load<f32>(row + ((<usize>j) << 2));
    if (v > max) max = v;
  }
  return max;
}

/** C[i, j] += bias[j] for the m rows of C (m×n). */
export function addRowBias(m: i32, n: i32, bias: usize, c: usize, ldc: i32): void {
  for (let i = 0; i < m; i++)
    binary(0, n, c + ((<usize>i * <usize>ldc) << 2), bias, c + ((<usize>i * <usize>ldc) << 2));
}

/**
 * out[j] = alpha·Σ_i A[i, j] + beta·out[j], summing rows in order into float64 accumulators at `acc`
 * (n float64s of scratch), two lanes at a time: the same operations as the TypeScript kernel.
 */
export function colSums(
  m: i32,
  n: i32,
  alpha: f64,
  a: usize,
  lda: i32,
  beta: f64,
  out: usize,
  acc: usize,
): void {
  memory.fill(acc, 0, (<usize>n) << 3);
  for (let i = 0; i < m; i++) {
    const row = a + ((<usize>i * <usize>lda) << 2);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const pa = acc + ((<usize>j) << 3);
      v128.store(
        pa,
        f64x2.add(v128.load(pa), f64x2.promote_low_f32x4(v128.load64_zero(row + ((<usize>j) << 2)))),
      );
    }
    for (; j < n; j++) {
      const pa = acc + ((<usize>j) << 3);
      store<f64>(pa, load<f64>(pa) + <f64>load<f32>(row + ((<usize>j) << 2)));
    }
  }
  for (let j = 0; j < n; j++) {
    const s = alpha * load<f64>(acc + ((<usize>j) << 3));
    const po = out + ((<usize>j) << 2);
    store<f32>(po, <f32>(beta === 0 ? s : s + beta * <f64>load<f32>(po)));
  }
}

/** Row-wise softmax, max-subtracted, exp and sum in float64 (as the TypeScript kernel). May alias. */
export function softmaxRows(m: i32, n: i32, x: usize, ldx: i32, out: usize, ldo: i32): void {
  for (let i = 0; i < m; i++) {
    const xr = x + ((<usize>i * <usize>ldx) << 2);
    const or = out + ((<usize>i * <usize>ldo) << 2);
    const mx = rowMax(xr, n);
    let s: f64 = 0;
    for (let j = 0; j < n; j++) {
      const e = exp1(<f64>load<f32>(xr + ((<usize>j) << 2)) - mx);
      store<f32>(or + ((<usize>j) << 2), <f32>e);
      s += e;
    }
    const inv = 1 / s;
    for (let j = 0; j < n; j++) {
      const p = or + ((<usize>j) << 2);
      store<f32>(p, <f32>(<f64>load<f32>(p) * inv));
    }
  }
}
