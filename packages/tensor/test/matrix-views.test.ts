/** The Matrix helpers: construction, views without copies, matmul/matvec shape errors, backend routing. */
import { describe, expect, it } from "vitest";
import {
  addRowBias,
  argmaxRows,
  at,
  colSums,
  fromArray,
  getKernels,
  type Kernels,
  matmul,
  matrix,
  matvec,
  setKernels,
  softmaxRows,
  toRows,
  transpose,
  tsKernels,
  view,
} from "../src/index.ts";

describe("Matrix construction and views", () => {
  it("builds matrices from rows, from flat arrays, and over existing data without copying", () => {
    expect(
      toRows(
        fromArray([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    ).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(toRows(fromArray([1, 2, 3, 4, 5, 6], 3))).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(toRows(fromArray([1, 2, 3, 4, 5, 6], 2, 3))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const data = new Float32Array(6);
    const m = matrix(2, 3, data);
    m.data[4] = 7;
    expect(data[4]).toBe(7);
    expect(matrix(2, 2).data).toEqual(new Float32Array(4));
    expect(toRows(fromArray([]))).toEqual([]);
  });

  it("rejects ragged rows, sizes that do not fill the matrix, and too-short data", () => {
    expect(() => fromArray([[1, 2], [3]])).toThrow("fromArray: row 1 has 1 values, row 0 has 2");
    expect(() => fromArray([1, 2, 3], 2)).toThrow(
      "fromArray: 3 values cannot fill a matrix of 2 rows and 1.5 columns",
    );
    expect(() => fromArray([1, 2, 3], 2, 2)).toThrow(
      "fromArray: 3 values cannot fill a matrix of 2 rows and 2 columns",
    );
    expect(() => matrix(2, 3, new Float32Array(5))).toThrow("matrix: data is 2x3");
    expect(() => matrix(-1, 3)).toThrow("matrix: rows must be an integer >= 0, got -1");
  });

  it("views share data and compose; reads and writes go through offset and stride", () => {
    const m = fromArray([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ]);
    const v = view(m, 1, 1, 2, 3);
    expect(v.offset).toBe(5);
    expect(v.stride).toBe(4);
    expect(toRows(v)).toEqual([
      [6, 7, 8],
      [10, 11, 12],
    ]);
    const w = view(v, 1, 1, 1, 2);
    expect(toRows(w)).toEqual([[11, 12]]);
    expect(at(v, 1, 2)).toBe(12);
    w.data[w.offset] = -1;
    expect(at(m, 2, 2)).toBe(-1);
    expect(() => view(m, 2, 0, 2, 1)).toThrow("view: rows 2..4 x cols 0..1 fall outside a 3x4 matrix");
    expect(() => view(m, -1, 0, 1, 1)).toThrow("view: row0 must be an integer >= 0, got -1");
  });
});

describe("matmul and matvec", () => {
  it("multiplies with every transpose combination, on views, with alpha and beta", () => {
    const a = fromArray([
      [1, 2],
      [3, 4],
      [5, 6],
    ]); // 3x2
    const b = fromArray([
      [1, 0, -1],
      [2, 1, 0],
    ]); // 2x3
    expect(toRows(matmul(a, b, matrix(3, 3)))).toEqual([
      [5, 2, -1],
      [11, 4, -3],
      [17, 6, -5],
    ]);
    expect(toRows(matmul(a, a, matrix(2, 2), { transA: true }))).toEqual([
      [35, 44],
      [44, 56],
    ]);
    expect(toRows(matmul(b, b, matrix(2, 2), { transB: true }))).toEqual([
      [2, 2],
      [2, 5],
    ]);
    expect(toRows(matmul(b, a, matrix(3, 3), { transA: true, transB: true }))).toEqual(
      toRows(matmul(a, b, matrix(3, 3))).map((_row, i, rows) => rows.map((row) => row[i])),
    );
    const c = fromArray([
      [1, 1],
      [1, 1],
    ]);
    matmul(view(a, 1, 0, 2, 2), view(b, 0, 1, 2, 2), c, { alpha: 2, beta: -1 });
    expect(toRows(c)).toEqual([
      [2 * 4 - 1, 2 * -3 - 1],
      [2 * 6 - 1, 2 * -5 - 1],
    ]);
  });

  it("names both shapes when they do not fit, and rejects unknown options", () => {
    expect(() => matmul(matrix(3, 4), matrix(5, 2), matrix(3, 2))).toThrow(
      "gemm: A is 3x4 but B is 5x2 (inner dimensions 4 and 5 differ)",
    );
    expect(() => matmul(matrix(3, 4), matrix(5, 2), matrix(4, 2), { transA: true })).toThrow(
      "gemm: A is 3x4 (transposed: 4x3) but B is 5x2 (inner dimensions 3 and 5 differ)",
    );
    expect(() => matmul(matrix(3, 4), matrix(4, 2), matrix(2, 3))).toThrow(
      "gemm: C is 2x3 but op(A)·op(B) is 3x2",
    );
    expect(() => matmul(matrix(1, 1), matrix(1, 1), matrix(1, 1), { transpose: true } as never)).toThrow(
      'matmul: unknown option "transpose" (expected one of transA, transB, alpha, beta)',
    );
    expect(() => matvec(matrix(2, 3), new Float32Array(2), new Float32Array(2))).toThrow(
      "gemv: A is 2x3 but x has 2 entries (needs 3)",
    );
    expect(() => matvec(matrix(2, 3), new Float32Array(2), new Float32Array(2), { transA: true })).toThrow(
      "gemv: A is 2x3 (transposed: 3x2) but y has 2 entries (needs 3)",
    );
    expect(() =>
      matvec(matrix(1, 1), new Float32Array(1), new Float32Array(1), { trans: true } as never),
    ).toThrow('matvec: unknown option "trans"');
  });

  it("matvec computes op(A)·x with alpha and beta", () => {
    const a = fromArray([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(Array.from(matvec(a, Float32Array.of(1, 0, -1), new Float32Array(2)))).toEqual([-2, -2]);
    const y = Float32Array.of(1, 1, 1);
    expect(Array.from(matvec(a, Float32Array.of(1, 1), y, { transA: true, alpha: 2, beta: 1 }))).toEqual([
      11, 15, 19,
    ]);
  });
});

describe("Matrix-level row kernels", () => {
  it("apply to views and check shapes, naming both", () => {
    const m = fromArray([
      [1, 2, 9],
      [3, 4, 9],
    ]);
    const v = view(m, 0, 0, 2, 2);
    expect(toRows(addRowBias(v, Float32Array.of(10, 20)))).toEqual([
      [11, 22],
      [13, 24],
    ]);
    expect(m.data[2]).toBe(9);
    expect(Array.from(colSums(v, new Float32Array(2)))).toEqual([24, 46]);
    expect(Array.from(colSums(v, Float32Array.of(1, 1), 0.5, 1))).toEqual([13, 24]);
    expect(
      Array.from(
        argmaxRows(
          fromArray([
            [1, 3, 3],
            [7, 0, 1],
          ]),
          new Int32Array(2),
        ),
      ),
    ).toEqual([1, 0]);
    expect(toRows(transpose(v, matrix(2, 2)))).toEqual([
      [11, 13],
      [22, 24],
    ]);
    const p = softmaxRows(fromArray([[0, Math.log(3)]]), matrix(1, 2));
    expect(p.data[0]).toBeCloseTo(0.25, 6);
    expect(p.data[1]).toBeCloseTo(0.75, 6);
    expect(() => addRowBias(v, new Float32Array(3))).toThrow(
      "addRowBias: bias has 3 entries but C is 2x2 (needs 2)",
    );
    expect(() => colSums(v, new Float32Array(3))).toThrow(
      "colSums: out has 3 entries but A is 2x2 (needs 2)",
    );
    expect(() => softmaxRows(v, matrix(2, 3))).toThrow(
      "softmaxRows: OUT is 2x3 but X is 2x2 (they must match)",
    );
    expect(() => argmaxRows(v, new Int32Array(3))).toThrow(
      "argmaxRows: out has 3 entries but X is 2x2 (needs 2)",
    );
    expect(() => transpose(m, matrix(2, 3))).toThrow("transpose: OUT is 2x3 but A is 2x3 (OUT must be 3x2)");
  });
});

describe("backend selection", () => {
  it("routes Matrix functions through the active backend and restores the previous one", () => {
    const calls: string[] = [];
    const counting: Kernels = {
      ...tsKernels,
      name: "counting",
      gemm: (...args) => {
        calls.push("gemm");
        tsKernels.gemm(...args);
      },
    };
    const prev = setKernels(counting);
    try {
      expect(getKernels().name).toBe("counting");
      matmul(matrix(2, 2), matrix(2, 2), matrix(2, 2));
      expect(calls).toEqual(["gemm"]);
    } finally {
      setKernels(prev);
    }
    expect(getKernels()).toBe(prev);
  });

  it("rejects a backend that lacks a kernel, naming it", () => {
    const before = getKernels();
    const { softmaxRows: _omitted, ...partial } = tsKernels;
    expect(() => setKernels({ ...partial, name: "partial" } as Kernels)).toThrow(
      'setKernels: backend "partial" has no softmaxRows kernel (got undefined)',
    );
    expect(getKernels()).toBe(before);
  });
});
