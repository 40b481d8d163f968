import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { symmetricEigen } from "../src/index.ts";

function decompose(a: number[][]) {
  const n = a.length;
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  const sweeps = symmetricEigen(Float64Array.from(a.flat()), n, values, vectors);
  return { values, vectors, sweeps };
}

/** max |A − V Λ Vᵀ| and max |VᵀV − I|. */
function residuals(a: Float64Array, n: number, values: Float64Array, v: Float64Array) {
  let rec = 0;
  let orth = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let o = 0;
      for (let k = 0; k < n; k++) {
        s += v[i * n + k] * values[k] * v[j * n + k];
        o += v[k * n + i] * v[k * n + j];
      }
      rec = Math.max(rec, Math.abs(a[i * n + j] - s));
      orth = Math.max(orth, Math.abs(o - (i === j ? 1 : 0)));
    }
  }
  return { rec, orth };
}

describe("symmetricEigen (cyclic Jacobi)", () => {
  it("leaves a diagonal matrix as it is, eigenvalues sorted ascending", () => {
    const { values, vectors, sweeps } = decompose([
      [3, 0, 0],
      [0, 1, 0],
      [0, 0, 2],
    ]);
    expect(Array.from(values)).toEqual([1, 2, 3]);
    expect(sweeps).toBe(0);
    // Column 0 is e_1 (eigenvalue 1), column 2 is e_0 (eigenvalue 3).
    expect(Math.abs(vectors[1 * 3 + 0])).toBe(1);
    expect(Math.abs(vectors[0 * 3 + 2])).toBe(1);
  });

  it("[[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, ∓1)/√2", () => {
    const { values, vectors } = decompose([
      [2, 1],
      [1, 2],
    ]);
    expect(values[0]).toBeCloseTo(1, 15);
    expect(values[1]).toBeCloseTo(3, 15);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(vectors[0] * vectors[2]).toBeCloseTo(-0.5, 15);
    expect(vectors[1] * vectors[3]).toBeCloseTo(0.5, 15);
  });

  it("the 1-D Laplacian tridiag(−1, 2, −1) of order 5 has eigenvalues 2 − 2 cos(kπ/6)", () => {
    const n = 5;
    const a = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0)),
    );
    const { values } = decompose(a);
    for (let k = 1; k <= n; k++) expect(values[k - 1]).toBeCloseTo(2 - 2 * Math.cos((k * Math.PI) / 6), 14);
  });

  it("the Hilbert matrix of order 4: known eigenvalues, and A = VΛVᵀ with V orthogonal", () => {
    const n = 4;
    const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 1 / (i + j + 1)));
    const { values, vectors } = decompose(a);
    const known = [9.670230402258689e-5, 6.738273605760748e-3, 0.16914122022145, 1.500214280059243];
    for (let k = 0; k < n; k++) expect(values[k] / known[k]).toBeCloseTo(1, 10);
    const { rec, orth } = residuals(Float64Array.from(a.flat()), n, values, vectors);
    expect(rec).toBeLessThan(1e-14);
    expect(orth).toBeLessThan(1e-14);
  });

  it("random symmetric matrices up to 30 × 30 are reconstructed to 1e-12 relative", () => {
    const rng = new Rng("eigen");
    for (const n of [1, 2, 7, 30]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rng.normal(0, 10);
      const values = new Float64Array(n);
      const vectors = new Float64Array(n * n);
      symmetricEigen(a, n, values, vectors);
      const scale = Math.max(...Array.from(values, Math.abs));
      const { rec, orth } = residuals(a, n, values, vectors);
      expect(rec / scale).toBeLessThan(1e-12);
      expect(orth).toBeLessThan(1e-12);
      for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
    }
  });
});
