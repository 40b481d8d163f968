import { getKernels } from "./backend.ts";
import { checkDim, checkMatrix } from "./checks.ts";

/**
 * A dense row-major float32 matrix, or a view into one: element (i, j) is
 * `data[offset + i * stride + j]`. Views share `data`; nothing is copied.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
  readonly offset: number;
  /** Leading dimension: distance between the starts of consecutive rows (>= cols). */
  readonly stride: number;
}

/**
 * A new rows×cols matrix of zeros, or a matrix over `data` when given (not copied; `data` must hold
 * at least rows·cols elements).
 */
export function matrix(rows: number, cols: number, data?: Float32Array): Matrix {
  checkDim("matrix", "rows", rows);
  checkDim("matrix", "cols", cols);
  const d = data ?? new Float32Array(rows * cols);
  checkMatrix("matrix", "data", d, 0, rows, cols, Math.max(1, cols));
  return { rows, cols, data: d, offset: 0, stride: Math.max(1, cols) };
}

/**
 * A matrix holding a copy of `values`: either an array of rows, or a flat row-major array with its
 * `rows` (and `cols`, which defaults to `values.length / rows`).
 *
 * @example
 * ```ts
 * import { fromArray, toRows } from "@arena/tensor";
 * console.log(toRows(fromArray([1, 2, 3, 4, 5, 6], 2))); // [[1, 2, 3], [4, 5, 6]]
 * ```
 */
export function fromArray(
  values: ArrayLike<number> | readonly (readonly number[])[],
  rows?: number,
  cols?: number,
): Matrix {
  if (rows === undefined) {
    const rowsArr = values as readonly (readonly number[])[];
    const r = rowsArr.length;
    const c = r === 0 ? 0 : rowsArr[0].length;
    const m = matrix(r, c);
    rowsArr.forEach((row, i) => {
      if (row.length !== c)
        throw new RangeError(`fromArray: row ${i} has ${row.length} values, row 0 has ${c}`);
      m.data.set(row, i * c);
    });
    return m;
  }
  const flat = values as ArrayLike<number>;
  checkDim("fromArray", "rows", rows);
  const c = cols ?? (rows === 0 ? 0 : flat.length / rows);
  if (!Number.isInteger(c) || flat.length !== rows * c) {
    throw new RangeError(
      `fromArray: ${flat.length} values cannot fill a matrix of ${rows} rows and ${cols ?? c} columns`,
    );
  }
  const m = matrix(rows, c);
  m.data.set(flat);
  return m;
}

/**
 * A view of `rows`×`cols` elements of `m` starting at (row0, col0); shares m's data, copies nothing.
 *
 * @example
 * ```ts
 * import { fromArray, toRows, view } from "@arena/tensor";
 * const m = fromArray([[1, 2, 3], [4, 5, 6]]);
 * console.log(toRows(view(m, 0, 1, 2, 2))); // [[2, 3], [5, 6]]
 * ```
 */
export function view(m: Matrix, row0: number, col0: number, rows: number, cols: number): Matrix {
  checkDim("view", "row0", row0);
  checkDim("view", "col0", col0);
  checkDim("view", "rows", rows);
  checkDim("view", "cols", cols);
  if (row0 + rows > m.rows || col0 + cols > m.cols) {
    throw new RangeError(
      `view: rows ${row0}..${row0 + rows} x cols ${col0}..${col0 + cols} fall outside a ${m.rows}x${m.cols} matrix`,
    );
  }
  return { rows, cols, data: m.data, offset: m.offset + row0 * m.stride + col0, stride: m.stride };
}

/** Element (i, j). Unchecked, for speed: an index outside the matrix reads a neighbouring element or undefined. */
export function at(m: Matrix, i: number, j: number): number {
  return m.data[m.offset + i * m.stride + j];
}

/** A copy as an array of rows, for tests and printing. */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const s = m.offset + i * m.stride;
    out.push(Array.from(m.data.subarray(s, s + m.cols)));
  }
  return out;
}

/** Options of {@link matmul}; unknown keys are rejected. */
export interface MatmulOptions {
  /** Use Aᵀ in place of A. */
  transA?: boolean;
  /** Use Bᵀ in place of B. */
  transB?: boolean;
  /** Scales the product (default 1). */
  alpha?: number;
  /** Scales the old C (default 0: C is overwritten, NaNs in it do not survive). */
  beta?: number;
}

const MATMUL_KEYS = new Set(["transA", "transB", "alpha", "beta"]);

const shape = (m: Matrix, t: boolean) =>
  t ? `${m.rows}x${m.cols} (transposed: ${m.cols}x${m.rows})` : `${m.rows}x${m.cols}`;

/**
 * C = alpha · op(A) · op(B) + beta · C on Matrix values, with shape checks that name both shapes.
 *
 * @example
 * ```ts
 * import { fromArray, matmul, matrix, toRows } from "@arena/tensor";
 * const a = fromArray([[1, 2], [3, 4]]);
 * const c = matrix(2, 2);
 * matmul(a, a, c, { transB: true }); // c = a · aᵀ
 * console.log(toRows(c)); // [[5, 11], [11, 25]]
 * ```
 */
export function matmul(a: Matrix, b: Matrix, c: Matrix, opts: MatmulOptions = {}): Matrix {
  for (const key of Object.keys(opts)) {
    if (!MATMUL_KEYS.has(key)) {
      throw new TypeError(`matmul: unknown option "${key}" (expected one of ${[...MATMUL_KEYS].join(", ")})`);
    }
  }
  const transA = opts.transA ?? false;
  const transB = opts.transB ?? false;
  const m = transA ? a.cols : a.rows;
  const ka = transA ? a.rows : a.cols;
  const kb = transB ? b.cols : b.rows;
  const n = transB ? b.rows : b.cols;
  if (ka !== kb) {
    throw new RangeError(
      `gemm: A is ${shape(a, transA)} but B is ${shape(b, transB)} (inner dimensions ${ka} and ${kb} differ)`,
    );
  }
  if (c.rows !== m || c.cols !== n) {
    throw new RangeError(`gemm: C is ${c.rows}x${c.cols} but op(A)·op(B) is ${m}x${n}`);
  }
  getKernels().gemm(
    transA,
    transB,
    m,
    n,
    ka,
    opts.alpha ?? 1,
    a.data,
    a.offset,
    a.stride,
    b.data,
    b.offset,
    b.stride,
    opts.beta ?? 0,
    c.data,
    c.offset,
    c.stride,
  );
  return c;
}
