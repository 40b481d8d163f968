import { getKernels } from "./backend.ts";
import type { Matrix } from "./matrix.ts";

// Matrix-level forms of the row-wise kernels: they check that the shapes agree (naming both) and
// delegate to the active backend. Outputs are out-parameters; nothing is allocated.

const dims = (m: Matrix) => `${m.rows}x${m.cols}`;

function sameShape(fn: string, x: Matrix, xName: string, out: Matrix, outName: string): void {
  if (x.rows !== out.rows || x.cols !== out.cols) {
    throw new RangeError(`${fn}: ${outName} is ${dims(out)} but ${xName} is ${dims(x)} (they must match)`);
  }
}

/**
 * C[i, j] += bias[j] for every row of C; returns C.
 *
 * @example
 * ```ts
 * import { addRowBias, fromArray, toRows } from "@arena/tensor";
 * const c = fromArray([[1, 2], [3, 4]]);
 * console.log(toRows(addRowBias(c, Float32Array.of(10, 20)))); // [[11, 22], [13, 24]]
 * ```
 */
export function addRowBias(c: Matrix, bias: Float32Array): Matrix {
  if (bias.length !== c.cols) {
    throw new RangeError(`addRowBias: bias has ${bias.length} entries but C is ${dims(c)} (needs ${c.cols})`);
  }
  getKernels().addRowBias(c.rows, c.cols, bias, 0, c.data, c.offset, c.stride);
  return c;
}

/**
 * out[j] = alpha · Σ_i A[i, j] + beta · out[j] (defaults alpha = 1, beta = 0); returns out.
 * With beta = 1 the sums accumulate, as bias gradients over several minibatch chunks do.
 */
export function colSums(a: Matrix, out: Float32Array, alpha = 1, beta = 0): Float32Array {
  if (out.length !== a.cols) {
    throw new RangeError(`colSums: out has ${out.length} entries but A is ${dims(a)} (needs ${a.cols})`);
  }
  getKernels().colSums(a.rows, a.cols, alpha, a.data, a.offset, a.stride, beta, out, 0);
  return out;
}

/**
 * Row-wise softmax of X into OUT (same shape; OUT may be X); returns OUT.
 *
 * @example
 * ```ts
 * import { fromArray, softmaxRows, toRows } from "@arena/tensor";
 * const x = fromArray([[0, Math.log(3)]]);
 * console.log(toRows(softmaxRows(x, x))); // ≈ [[0.25, 0.75]]
 * ```
 */
export function softmaxRows(x: Matrix, out: Matrix): Matrix {
  sameShape("softmaxRows", x, "X", out, "OUT");
  getKernels().softmaxRows(x.rows, x.cols, x.data, x.offset, x.stride, out.data, out.offset, out.stride);
  return out;
}

/** out[i] = column index of the largest entry of row i of X (first on ties); returns out. */
export function argmaxRows(x: Matrix, out: Int32Array): Int32Array {
  if (out.length !== x.rows) {
    throw new RangeError(`argmaxRows: out has ${out.length} entries but X is ${dims(x)} (needs ${x.rows})`);
  }
  getKernels().argmaxRows(x.rows, x.cols, x.data, x.offset, x.stride, out, 0);
  return out;
}

/** OUT = Aᵀ (OUT must be cols×rows of A and must not overlap it); returns OUT. */
export function transpose(a: Matrix, out: Matrix): Matrix {
  if (out.rows !== a.cols || out.cols !== a.rows) {
    throw new RangeError(
      `transpose: OUT is ${dims(out)} but A is ${dims(a)} (OUT must be ${a.cols}x${a.rows})`,
    );
  }
  getKernels().transpose(a.rows, a.cols, a.data, a.offset, a.stride, out.data, out.offset, out.stride);
  return out;
}

/** Options of {@link matvec}; unknown keys are rejected. */
export interface MatvecOptions {
  /** Use Aᵀ in place of A. */
  transA?: boolean;
  /** Scales the product (default 1). */
  alpha?: number;
  /** Scales the old y (default 0: y is overwritten). */
  beta?: number;
}

const MATVEC_KEYS = new Set(["transA", "alpha", "beta"]);

/**
 * y = alpha · op(A) · x + beta · y; returns y.
 *
 * @example
 * ```ts
 * import { fromArray, matvec } from "@arena/tensor";
 * const a = fromArray([[1, 2, 3], [4, 5, 6]]);
 * console.log(Array.from(matvec(a, Float32Array.of(1, 1), new Float32Array(3), { transA: true }))); // [5, 7, 9]
 * ```
 */
export function matvec(a: Matrix, x: Float32Array, y: Float32Array, opts: MatvecOptions = {}): Float32Array {
  for (const key of Object.keys(opts)) {
    if (!MATVEC_KEYS.has(key)) {
      throw new TypeError(`matvec: unknown option "${key}" (expected one of ${[...MATVEC_KEYS].join(", ")})`);
    }
  }
  const transA = opts.transA ?? false;
  const inLen = transA ? a.rows : a.cols;
  const outLen = transA ? a.cols : a.rows;
  const shape = transA ? `${dims(a)} (transposed: ${a.cols}x${a.rows})` : dims(a);
  if (x.length !== inLen)
    throw new RangeError(`gemv: A is ${shape} but x has ${x.length} entries (needs ${inLen})`);
  if (y.length !== outLen)
    throw new RangeError(`gemv: A is ${shape} but y has ${y.length} entries (needs ${outLen})`);
  getKernels().gemv(
    transA,
    a.rows,
    a.cols,
    opts.alpha ?? 1,
    a.data,
    a.offset,
    a.stride,
    x,
    0,
    opts.beta ?? 0,
    y,
    0,
  );
  return y;
}
