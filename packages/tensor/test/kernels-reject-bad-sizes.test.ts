/** Every kernel checks its sizes up front and throws a RangeError naming the kernel and the bad value. */
import { describe, expect, it } from "vitest";
import { backends } from "./reference.ts";

const f = (n: number) => new Float32Array(n);

for (const k of backends) {
  describe(`argument checks (${k.name} backend)`, () => {
    it("gemm names a bad dimension, offset, leading dimension or short array", () => {
      expect(() => k.gemm(false, false, -1, 2, 2, 1, f(4), 0, 2, f(4), 0, 2, 0, f(4), 0, 2)).toThrow(
        "gemm: m must be an integer >= 0, got -1",
      );
      expect(() => k.gemm(false, false, 2, 2.5, 2, 1, f(4), 0, 2, f(4), 0, 2, 0, f(4), 0, 2)).toThrow(
        "gemm: n must be an integer >= 0, got 2.5",
      );
      expect(() => k.gemm(false, false, 2, 2, 3, 1, f(6), 0, 2, f(6), 0, 2, 0, f(4), 0, 2)).toThrow(
        "gemm: leading dimension of A must be >= its 3 columns, got 2",
      );
      expect(() => k.gemm(false, false, 2, 2, 2, 1, f(4), 1, 2, f(4), 0, 2, 0, f(4), 0, 2)).toThrow(
        "gemm: A is 2x2 (offset 1, leading dimension 2) and needs 5 elements, but its array has 4",
      );
      expect(() => k.gemm(false, true, 2, 3, 2, 1, f(4), 0, 2, f(4), 0, 2, 0, f(6), 0, 3)).toThrow(
        "gemm: B is 3x2 (offset 0, leading dimension 2) and needs 6 elements, but its array has 4",
      );
      expect(() => k.gemm(false, false, 2, 2, 2, 1, f(4), 0, 2, f(4), -1, 2, 0, f(4), 0, 2)).toThrow(
        "gemm: B offset must be an integer >= 0, got -1",
      );
      expect(() => k.gemm(false, false, 2, 2, 2, 1, f(4), 0, 2, f(4), 0, 2, 0, f(3), 0, 2)).toThrow(
        "gemm: C is 2x2 (offset 0, leading dimension 2) and needs 4 elements, but its array has 3",
      );
      expect(() => k.gemm(false, false, 2, 2, 2, 1, f(4), 0, 2, f(4), 0, 2, 0, f(4), 0, 2)).not.toThrow();
    });

    it("gemv names a short x or y", () => {
      expect(() => k.gemv(false, 2, 3, 1, f(6), 0, 3, f(2), 0, 0, f(2), 0)).toThrow(
        "gemv: x needs 3 elements from offset 0, but its array has 2",
      );
      expect(() => k.gemv(true, 2, 3, 1, f(6), 0, 3, f(2), 0, 0, f(2), 0)).toThrow(
        "gemv: y needs 3 elements from offset 0, but its array has 2",
      );
      expect(() => k.gemv(false, 2, -3, 1, f(6), 0, 3, f(3), 0, 0, f(2), 0)).toThrow(
        "gemv: n must be an integer >= 0, got -3",
      );
    });

    it("elementwise kernels and reductions name the short operand and a bad n", () => {
      expect(() => k.add(3, f(3), 0, f(2), 0, f(3), 0)).toThrow(
        "add: b needs 3 elements from offset 0, but its array has 2",
      );
      expect(() => k.sub(3, f(3), 1, f(3), 0, f(3), 0)).toThrow(
        "sub: a needs 3 elements from offset 1, but its array has 3",
      );
      expect(() => k.mul(3, f(3), 0, f(3), 0, f(1), 0)).toThrow(
        "mul: out needs 3 elements from offset 0, but its array has 1",
      );
      expect(() => k.scale(-2, 1, f(3), 0)).toThrow("scale: n must be an integer >= 0, got -2");
      expect(() => k.axpy(4, 1, f(4), 0, f(3), 0)).toThrow(
        "axpy: y needs 4 elements from offset 0, but its array has 3",
      );
      expect(() => k.fill(4, 0, f(3), 0)).toThrow(
        "fill: x needs 4 elements from offset 0, but its array has 3",
      );
      expect(() => k.copy(2, f(2), 1, f(2), 0)).toThrow(
        "copy: src needs 2 elements from offset 1, but its array has 2",
      );
      expect(() => k.clamp(2, 1, 0, f(2), 0, f(2), 0)).toThrow("clamp: lo (1) must be <= hi (0)");
      expect(() => k.clamp(2, 0, Number.NaN, f(2), 0, f(2), 0)).toThrow("clamp: lo (0) must be <= hi (NaN)");
      expect(() => k.map(2, (v) => v, f(2), 0, f(1), 0)).toThrow(
        "map: out needs 2 elements from offset 0, but its array has 1",
      );
      expect(() => k.sum(Number.NaN, f(2), 0)).toThrow("sum: n must be an integer >= 0, got NaN");
      expect(() => k.dot(2, f(2), 0, f(2), 0.5)).toThrow("dot: b offset must be an integer >= 0, got 0.5");
      expect(() => k.norm2(3, f(2), 0)).toThrow(
        "norm2: x needs 3 elements from offset 0, but its array has 2",
      );
      expect(() => k.allFinite(3, f(2), 0)).toThrow(
        "allFinite: x needs 3 elements from offset 0, but its array has 2",
      );
    });

    it("row-wise kernels and transpose name the bad matrix or vector", () => {
      expect(() => k.addRowBias(2, 3, f(2), 0, f(6), 0, 3)).toThrow(
        "addRowBias: bias needs 3 elements from offset 0, but its array has 2",
      );
      expect(() => k.colSums(2, 3, 1, f(6), 0, 2, 0, f(3), 0)).toThrow(
        "colSums: leading dimension of A must be >= its 3 columns, got 2",
      );
      expect(() => k.softmaxRows(2, 3, f(6), 0, 3, f(5), 0, 3)).toThrow(
        "softmaxRows: OUT is 2x3 (offset 0, leading dimension 3) and needs 6 elements, but its array has 5",
      );
      expect(() => k.argmaxRows(2, 0, f(0), 0, 1, new Int32Array(2), 0)).toThrow(
        "argmaxRows: the 2 rows have no columns (n = 0), so no maximum",
      );
      expect(() => k.argmaxRows(2, 3, f(6), 0, 3, new Int32Array(1), 0)).toThrow(
        "argmaxRows: out needs 2 elements from offset 0, but its array has 1",
      );
      expect(() => k.transpose(2, 3, f(6), 0, 3, f(6), 0, 1)).toThrow(
        "transpose: leading dimension of OUT must be >= its 2 columns, got 1",
      );
    });

    it("the recurrent cells name a bad size or a short operand", () => {
      const o = [f(8), 0, f(2), 0, f(8), 0, f(2), 0, f(2), 0, f(2), 0] as const;
      expect(() => k.lstmForward(1, 2, ...o)).not.toThrow();
      expect(() => k.lstmForward(-1, 2, ...o)).toThrow("lstmForward: n must be an integer >= 0, got -1");
      expect(() => k.lstmForward(1, 2, f(7), 0, f(2), 0, f(8), 0, f(2), 0, f(2), 0, f(2), 0)).toThrow(
        "lstmForward: z needs 8 elements from offset 0, but its array has 7",
      );
      expect(() => k.lstmBackward(1, 2, f(8), 0, f(2), 0, f(2), 0, f(2), 0, f(2), 1, f(8), 0)).toThrow(
        "lstmBackward: dc needs 2 elements from offset 1, but its array has 2",
      );
      expect(() =>
        k.gruForward(1, 2.5, f(6), 0, f(6), 0, f(2), 0, f(2), 0, f(6), 0, f(2), 0, f(2), 0),
      ).toThrow("gruForward: hidden must be an integer >= 0, got 2.5");
      expect(() => k.gruForward(1, 2, f(6), 0, f(6), 0, f(1), 0, f(2), 0, f(6), 0, f(2), 0, f(2), 0)).toThrow(
        "gruForward: bhn needs 2 elements from offset 0, but its array has 1",
      );
      expect(() =>
        k.gruBackward(1, 2, f(6), 0, f(2), 0, f(2), 0, f(2), 0, f(6), 0, f(5), 0, f(2), 0),
      ).toThrow("gruBackward: dzRec needs 6 elements from offset 0, but its array has 5");
    });

    it("accepts empty shapes without touching anything", () => {
      const c = Float32Array.of(Number.NaN);
      k.gemm(false, false, 0, 5, 3, 1, f(0), 0, 3, f(15), 0, 5, 0, c, 0, 5);
      k.gemm(false, false, 4, 0, 3, 1, f(12), 0, 3, f(0), 0, 1, 0, c, 0, 1);
      expect(Number.isNaN(c[0])).toBe(true);
      k.softmaxRows(0, 3, f(0), 0, 3, f(0), 0, 3);
      k.argmaxRows(0, 0, f(0), 0, 1, new Int32Array(0), 0);
      k.transpose(3, 0, f(0), 0, 1, f(0), 0, 3);
      expect(k.sum(0, f(0), 0)).toBe(0);
      expect(k.allFinite(0, f(0), 0)).toBe(true);
    });
  });
}
