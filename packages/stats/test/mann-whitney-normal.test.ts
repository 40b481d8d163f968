import { describe, expect, it } from "vitest";
import { mannWhitneyExactDistribution, mannWhitneyU } from "../src/index.ts";
import { mulberry32 } from "./mulberry32.ts";

describe("Mann–Whitney U: normal approximation", () => {
  it("scipy.stats.mannwhitneyu docs example, method='asymptotic': p = 0.11134688653314041", () => {
    const r = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12], { method: "normal" });
    expect(r.method).toBe("normal");
    expect(r.u).toBe(17);
    // z = (17 − 10 − 0.5)/√(20·10/12) = 1.5921683328…; Python reference gives the same z
    expect(r.z).toBeCloseTo(1.5921683328090657, 12);
    expect(r.p).toBeCloseTo(0.11134688653314041, 12);
  });

  // Tied data: values from test/reference/mann_whitney_reference.py (tie-corrected formula with math.erfc).
  const tx = [1, 2, 2, 3, 3, 3, 4, 7];
  const ty = [3, 4, 4, 5, 5, 6, 8];

  it("uses the tie correction automatically when there are ties", () => {
    const r = mannWhitneyU(tx, ty);
    expect(r.ties).toBe(true);
    expect(r.method).toBe("normal");
    expect(r.u).toBe(9.5);
    expect(r.z).toBeCloseTo(-2.1135069824123796, 12);
    expect(r.p).toBeCloseTo(0.03455739801635002, 12);
  });

  it("one-sided and uncorrected variants match the Python reference", () => {
    expect(mannWhitneyU(tx, ty, { alternative: "less" }).p).toBeCloseTo(0.01727869900817501, 12);
    const plain = mannWhitneyU(tx, ty, { continuity: false });
    expect(plain.z).toBeCloseTo(-2.172215509701612, 12);
    expect(plain.p).toBeCloseTo(0.02983941136292886, 12);
  });

  it("7 vs 6 (no ties) forced normal: Python reference p = 0.038318763149413584", () => {
    const a = [0.12, 0.34, 0.05, 0.77, 0.61, 0.29, 0.48];
    const b = [0.55, 0.91, 0.83, 0.38, 0.69, 0.97];
    const r = mannWhitneyU(a, b, { method: "normal" });
    expect(r.z).toBeCloseTo(-2.0714285714285716, 12);
    expect(r.p).toBeCloseTo(0.038318763149413584, 12);
  });

  it("all values tied: no evidence, p = 1", () => {
    const r = mannWhitneyU([2, 2, 2], [2, 2]);
    expect(r).toMatchObject({ u: 3, z: 0, p: 1, method: "normal", a12: 0.5, rankBiserial: 0 });
  });

  it("switches to the normal approximation from 50 values per sample (R's rule)", () => {
    const src = mulberry32(5);
    const x = Array.from({ length: 50 }, () => src.float());
    const y = Array.from({ length: 10 }, () => src.float() + 0.2);
    expect(mannWhitneyU(x, y).method).toBe("normal");
    expect(mannWhitneyU(x.slice(0, 49), y).method).toBe("exact");
  });

  it("agrees with the exact p-value to within 0.005 at n1 = n2 = 20", () => {
    const src = mulberry32(11);
    for (let rep = 0; rep < 20; rep++) {
      const x = Array.from({ length: 20 }, () => src.float());
      const y = Array.from({ length: 20 }, () => src.float() + 0.15);
      const exact = mannWhitneyU(x, y, { method: "exact" });
      const normal = mannWhitneyU(x, y, { method: "normal" });
      expect(Math.abs(exact.p - normal.p)).toBeLessThan(0.005);
    }
    expect(mannWhitneyExactDistribution(20, 20).length).toBe(401);
  });

  it("treats +Infinity (never reached) as the largest value, ties among them", () => {
    const inf = Number.POSITIVE_INFINITY;
    const r = mannWhitneyU([100, 200, inf, inf], [300, inf, inf, inf]);
    // pairs x > y: 100:0, 200:0, inf:1 + 3·½ each → 2·2.5 = 5
    expect(r.u).toBe(5);
    expect(r.method).toBe("normal");
  });

  it("rejects NaN, empty samples and unknown options", () => {
    expect(() => mannWhitneyU([1, Number.NaN], [2])).toThrow(
      "mannWhitneyU: x[1]: expected a number other than NaN (got NaN)",
    );
    expect(() => mannWhitneyU([1], [])).toThrow("mannWhitneyU: y: expected at least one value (got [])");
    // @ts-expect-error: unknown option on purpose
    expect(() => mannWhitneyU([1], [2], { exact: true })).toThrow(
      'mannWhitneyU: unknown key "exact"; known keys: alternative, method, continuity',
    );
    // @ts-expect-error: bad alternative on purpose
    expect(() => mannWhitneyU([1], [2], { alternative: "two.sided" })).toThrow('(got "two.sided")');
  });
});
