import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mannWhitneyExactDistribution, mannWhitneyU } from "../src/index.ts";

/** Independent reference: enumerate every choice of n1 of the n1+n2 pooled positions as "x". */
function bruteForceDistribution(n1: number, n2: number): Float64Array {
  const n = n1 + n2;
  const counts = new Float64Array(n1 * n2 + 1);
  let total = 0;
  const chosen: number[] = [];
  const visit = (start: number): void => {
    if (chosen.length === n1) {
      // U = Σ over x of the number of y below it; a y sits at every position not chosen.
      let u = 0;
      for (let k = 0; k < n1; k++) u += chosen[k] - k;
      counts[u]++;
      total++;
      return;
    }
    for (let pos = start; pos <= n - (n1 - chosen.length); pos++) {
      chosen.push(pos);
      visit(pos + 1);
      chosen.pop();
    }
  };
  visit(0);
  return counts.map((c) => c / total);
}

describe("Mann–Whitney U: exact null distribution", () => {
  it("matches brute-force enumeration of all orderings", () => {
    for (const [n1, n2] of [
      [1, 1],
      [1, 5],
      [3, 4],
      [5, 5],
      [4, 9],
      [7, 8],
      [9, 3],
    ]) {
      const dp = mannWhitneyExactDistribution(n1, n2);
      const bf = bruteForceDistribution(n1, n2);
      expect(dp.length).toBe(n1 * n2 + 1);
      for (let k = 0; k < dp.length; k++) expect(dp[k]).toBeCloseTo(bf[k], 15);
    }
  });

  it("is symmetric around n1·n2/2 and sums to 1 for larger sizes", () => {
    const d = mannWhitneyExactDistribution(20, 20);
    let s = 0;
    for (let k = 0; k < d.length; k++) {
      s += d[k];
      expect(d[k]).toBeCloseTo(d[d.length - 1 - k], 15);
    }
    expect(s).toBeCloseTo(1, 12);
    // P(U = 0) = 1 / C(40, 20) = 1 / 137846528820 (hand: only the ordering with all x below all y)
    expect(d[0] * 137846528820).toBeCloseTo(1, 10);
  });

  it("rejects sizes beyond the exact table limit", () => {
    expect(() => mannWhitneyExactDistribution(101, 100)).toThrow(
      "mannWhitneyExactDistribution: n2: expected n1·n2 <= 10000, beyond which the normal approximation is used (got n1·n2 = 10100)",
    );
    expect(() => mannWhitneyExactDistribution(0, 3)).toThrow(
      "mannWhitneyExactDistribution: n1: expected an integer >= 1 (got 0)",
    );
  });
});

describe("Mann–Whitney U: exact p-values against published examples", () => {
  it("R's ?wilcox.test example (Hollander & Wolfe 1973, p. 69): W = 35, one-sided p = 0.1272", () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const greater = mannWhitneyU(x, y, { alternative: "greater" });
    expect(greater.u).toBe(35);
    expect(greater.method).toBe("exact");
    expect(greater.z).toBeNull();
    // R prints p-value = 0.1272; brute force (test/reference/mann_whitney_reference.py) gives 0.1272061272061272
    expect(greater.p).toBeCloseTo(0.1272061272061272, 14);
    expect(mannWhitneyU(x, y).p).toBeCloseTo(0.2544122544122544, 14);
  });

  it("R: wilcox.test(1:5, 6:10) gives W = 0, p = 2/252 = 0.007937", () => {
    const r = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r.u).toBe(0);
    expect(r.u2).toBe(25);
    expect(r.p).toBeCloseTo(2 / 252, 15);
    expect(r.a12).toBe(0);
    expect(r.rankBiserial).toBe(-1);
  });

  it("scipy.stats.mannwhitneyu docs example (males vs females, method='exact'): U = 17, p = 0.1111", () => {
    const r = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12], { method: "exact" });
    expect(r.u).toBe(17);
    expect(r.p).toBeCloseTo(0.1111111111111111, 14);
  });

  it("7 vs 6 sample: brute force gives two-sided 0.034965…, less 0.017483…", () => {
    const a = [0.12, 0.34, 0.05, 0.77, 0.61, 0.29, 0.48];
    const b = [0.55, 0.91, 0.83, 0.38, 0.69, 0.97];
    expect(mannWhitneyU(a, b).u).toBe(6);
    expect(mannWhitneyU(a, b).p).toBeCloseTo(0.03496503496503497, 14);
    expect(mannWhitneyU(a, b, { alternative: "less" }).p).toBeCloseTo(0.017482517482517484, 14);
  });

  it("refuses the exact method with ties, naming the problem", () => {
    expect(() => mannWhitneyU([1, 2, 2], [2, 3], { method: "exact" })).toThrow(
      'mannWhitneyU: method: expected "normal" or "auto": "exact" needs samples without ties, and 1 group(s) of tied values were found (got "exact")',
    );
  });
});

describe("Mann–Whitney U: properties", () => {
  const sample = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 12 });

  it("U1 + U2 = n1·n2 and U counts pairs (ties ½)", () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const r = mannWhitneyU(x, y);
        expect(r.u + r.u2).toBe(x.length * y.length);
        let pairs = 0;
        for (const a of x) for (const b of y) pairs += a > b ? 1 : a === b ? 0.5 : 0;
        expect(r.u).toBe(pairs);
      }),
    );
  });

  it("p is in [0, 1] and the two-sided p does not depend on which sample is first", () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const xy = mannWhitneyU(x, y);
        const yx = mannWhitneyU(y, x);
        expect(xy.p).toBeGreaterThanOrEqual(0);
        expect(xy.p).toBeLessThanOrEqual(1);
        expect(yx.p).toBeCloseTo(xy.p, 12);
        expect(yx.method).toBe(xy.method);
      }),
    );
  });

  it("one-sided p-values of the two directions sum to 1 + P(U = u) (exact)", () => {
    const distinct = fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 16 });
    fc.assert(
      fc.property(distinct, fc.integer({ min: 1, max: 15 }), (pooled, cut) => {
        const k = Math.min(cut, pooled.length - 1);
        const x = pooled.slice(0, k);
        const y = pooled.slice(k);
        const g = mannWhitneyU(x, y, { alternative: "greater" });
        const l = mannWhitneyU(x, y, { alternative: "less" });
        const atU = mannWhitneyExactDistribution(x.length, y.length)[g.u];
        expect(g.p + l.p).toBeCloseTo(1 + atU, 12);
      }),
    );
  });
});
