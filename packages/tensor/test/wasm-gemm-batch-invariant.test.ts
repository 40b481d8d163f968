/**
 * The WebAssembly gemm rounds every element of C the same way whichever internal path computes it
 * (packed SIMD tiles, edge tiles, the single-row SIMD path, or the small-shape loop), so a row of a
 * batched product is bit-identical to the same row computed alone, and each element of a single row to
 * that element computed alone: model outputs do not depend on the batch size.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWasmKernels } from "../src/index.ts";
import { pseudoRandom } from "./reference.ts";

describe("wasm gemm batch invariance", () => {
  const wasm = createWasmKernels({ memoryMiB: 8 });
  it("each row of C = alpha·op(A)·op(B) + beta·C equals that row computed as a 1-row product", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 40 }),
        fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 250, max: 600 })),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(1, 0.3),
        fc.constantFrom(0, 1, -0.5),
        fc.nat(1000),
        (m, n, k, transA, transB, alpha, beta, seed) => {
          const a = pseudoRandom(m * k, seed + 1);
          const b = pseudoRandom(k * n, seed + 2);
          const c0 = pseudoRandom(m * n, seed + 3);
          const lda = transA ? m : k;
          const ldb = transB ? k : n;
          const batched = c0.slice();
          wasm.gemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, batched, 0, n);
          const row = new Float32Array(n);
          for (let i = 0; i < m; i++) {
            row.set(c0.subarray(i * n, (i + 1) * n));
            // Row i of op(A): with transA it is column i of A (offset i, leading dimension m).
            wasm.gemm(transA, transB, 1, n, k, alpha, a, transA ? i : i * k, lda, b, 0, ldb, beta, row, 0, n);
            expect(row).toEqual(batched.subarray(i * n, (i + 1) * n));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("beta = 0 writes C without reading it: NaN in C is dropped and a zero sum times a negative alpha is +0, as on every path", () => {
    // The packed path's first block overwrites C (it never reads it); the 1-row and 1×1 paths zero C
    // first and add. Rows of A that are zero make every product of their row zero.
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 2, max: 300 }),
        fc.boolean(),
        fc.constantFrom(1, -0.7, -1),
        fc.nat(1000),
        (m, n, k, transA, alpha, seed) => {
          const lda = transA ? m : k;
          const a = pseudoRandom(m * k, seed + 1);
          for (let i = 0; i < m; i += 3) for (let p = 0; p < k; p++) a[transA ? p * m + i : i * k + p] = 0;
          const b = pseudoRandom(k * n, seed + 2);
          const c0 = pseudoRandom(m * n, seed + 3).map((v, i) =>
            i % 5 === 0 ? Number.NaN : i % 5 === 1 ? -0 : v,
          );
          const full = c0.slice();
          wasm.gemm(transA, false, m, n, k, alpha, a, 0, lda, b, 0, n, 0, full, 0, n);
          const one = new Float32Array(1);
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              one[0] = Number.NaN;
              wasm.gemm(transA, false, 1, 1, k, alpha, a, transA ? i : i * k, lda, b, j, n, 0, one, 0, 1);
              expect(
                Object.is(full[i * n + j], one[0]),
                `C[${i}][${j}]: ${full[i * n + j]} vs ${one[0]}`,
              ).toBe(true);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("each element of a 1-row product (the lane-parallel path) equals it computed as a 1×1 product", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 140 }),
        fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 250, max: 600 })),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(1, 0.3),
        fc.constantFrom(0, 1, -0.5),
        fc.nat(1000),
        (n, k, transA, transB, alpha, beta, seed) => {
          const lda = transA ? 3 : k; // with transA, op(A) is column 0 of a k×3 matrix
          const a = pseudoRandom(transA ? 3 * k : k, seed + 1);
          const b = pseudoRandom(k * n, seed + 2);
          const c0 = pseudoRandom(n, seed + 3);
          const ldb = transB ? k : n;
          const row = c0.slice();
          wasm.gemm(transA, transB, 1, n, k, alpha, a, 0, lda, b, 0, ldb, beta, row, 0, n);
          const one = new Float32Array(1);
          for (let j = 0; j < n; j++) {
            one[0] = c0[j];
            wasm.gemm(transA, transB, 1, 1, k, alpha, a, 0, lda, b, transB ? j * k : j, ldb, beta, one, 0, 1);
            expect(row[j]).toBe(one[0]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
