import { describe, expect, it } from "vitest";
import { mannWhitneyLess } from "./mann-whitney.ts";

describe("mannWhitneyLess (test helper)", () => {
  it("gives the exact p of complete separation, 1 / C(m + n, m)", () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const b = a.map((x) => x + 100);
    const r = mannWhitneyLess(a, b);
    expect(r).toMatchObject({ u: 100, exact: true });
    expect(r.p).toBeCloseTo(1 / 184756, 12);
    expect(mannWhitneyLess(b, a).p).toBe(1);
  });

  it("matches enumerated small cases", () => {
    // m = n = 2: U takes 0, 1, 2, 2, 3, 4 over the 6 arrangements.
    expect(mannWhitneyLess([1, 3], [2, 4]).p).toBeCloseTo(2 / 6, 12); // U = 3
    expect(mannWhitneyLess([1, 2], [4, 3]).p).toBeCloseTo(1 / 6, 12); // U = 4
    expect(mannWhitneyLess([1, 4], [2, 3]).p).toBeCloseTo(4 / 6, 12); // U = 2
  });

  it("falls back to the normal approximation with ties, close to the exact p for the same U", () => {
    // The tie (2, 2) lies within a, so U is the same as for the tie-free data next to it.
    const b = [3.5, 5, 6, 7.5, 8, 9, 10, 11];
    const r = mannWhitneyLess([1, 2, 2, 3, 4, 5.5, 6.5, 12], b);
    const exact = mannWhitneyLess([1, 2, 2.01, 3, 4, 5.5, 6.5, 12], b);
    expect(r.exact).toBe(false);
    expect(exact.exact).toBe(true);
    expect(r.u).toBe(exact.u);
    expect(r.p).toBeGreaterThan(exact.p / 1.5);
    expect(r.p).toBeLessThan(exact.p * 1.5);
  });
});
