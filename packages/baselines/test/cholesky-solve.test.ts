import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { cholesky, solveCholesky } from "../src/index.ts";

/** A random symmetric positive definite matrix BᵀB + I (d × d). */
function spd(rng: Rng, d: number): Float64Array {
  const b = Array.from({ length: d * d }, () => rng.uniform(-1, 1));
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < d; k++) s += b[k * d + i] * b[k * d + j];
      a[i * d + j] = s;
    }
  }
  return a;
}

describe("cholesky", () => {
  it("factors a 2 × 2 matrix by hand: [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]]", () => {
    const a = new Float64Array([4, 2, 2, 3]);
    expect(cholesky(a, 2)).toBe(true);
    expect(a[0]).toBe(2);
    expect(a[1]).toBe(0);
    expect(a[2]).toBe(1);
    expect(a[3]).toBeCloseTo(Math.SQRT2, 15);
  });

  it("L·Lᵀ reproduces a random SPD matrix, and the solve inverts it for several right-hand sides", () => {
    const rng = new Rng("cholesky");
    const d = 12;
    const m = 3;
    const a = spd(rng, d);
    const l = Float64Array.from(a);
    expect(cholesky(l, d)).toBe(true);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += l[i * d + k] * l[j * d + k];
        expect(s).toBeCloseTo(a[i * d + j], 12);
      }
    }
    const x = Array.from({ length: d * m }, () => rng.uniform(-2, 2));
    const b = new Float64Array(d * m);
    for (let i = 0; i < d; i++)
      for (let c = 0; c < m; c++) for (let k = 0; k < d; k++) b[i * m + c] += a[i * d + k] * x[k * m + c];
    solveCholesky(l, d, b, m);
    for (let i = 0; i < d * m; i++) expect(b[i]).toBeCloseTo(x[i], 10);
  });

  it("returns false on singular and indefinite matrices", () => {
    expect(cholesky(new Float64Array([1, 1, 1, 1]), 2)).toBe(false); // rank 1
    expect(cholesky(new Float64Array([1, 2, 2, 1]), 2)).toBe(false); // eigenvalues 3, −1
    expect(cholesky(new Float64Array([0, 0, 0, 1]), 2)).toBe(false); // a zero column (a constant input)
  });

  it("names the bad size", () => {
    expect(() => cholesky(new Float64Array(3), 2)).toThrow(/3 entries, expected d × d = 2 × 2 = 4/);
    expect(() => solveCholesky(new Float64Array(4), 2, new Float64Array(3), 2)).toThrow(/b has 3 entries/);
  });
});
