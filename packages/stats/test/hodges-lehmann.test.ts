import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hodgesLehmannShift, mannWhitneyU } from "../src/index.ts";

/** Independent reference: all n1·n2 differences, sorted by hand and their median taken directly. */
function bruteForceMedianOfDifferences(x: number[], y: number[]): number {
  const d: number[] = [];
  for (const a of x) for (const b of y) d.push(a - b);
  d.sort((a, b) => a - b);
  const m = d.length;
  return m % 2 === 1 ? d[(m - 1) / 2] : (d[m / 2 - 1] + d[m / 2]) / 2;
}

/** Every way to choose n1 of the ranks 1 … n1+n2 as x (the rest are y): the null distribution's support. */
function* assignments(n1: number, n2: number): Generator<[number[], number[]]> {
  const n = n1 + n2;
  const chosen: number[] = [];
  function* visit(start: number): Generator<[number[], number[]]> {
    if (chosen.length === n1) {
      const inX = new Set(chosen);
      const y: number[] = [];
      for (let r = 1; r <= n; r++) if (!inX.has(r)) y.push(r);
      yield [chosen.slice(), y];
      return;
    }
    for (let r = start; r <= n - (n1 - chosen.length) + 1; r++) {
      chosen.push(r);
      yield* visit(r + 1);
      chosen.pop();
    }
  }
  yield* visit(1);
}

/**
 * The interval by brute-force test inversion: probe one shift inside every gap between distinct
 * differences (and beyond both ends) with `mannWhitneyU`, keep the shifts the two-sided test does not
 * reject (p ≥ 1 − level), and take their hull, clipped to the range of the differences.
 */
function invertedInterval(
  x: number[],
  y: number[],
  level: number,
  method: "exact" | "normal",
): { lo: number; hi: number } | null {
  const values = [...new Set(x.flatMap((a) => y.map((b) => a - b)))].sort((a, b) => a - b);
  const m = values.length;
  const probes = [values[0] - 1];
  for (let i = 0; i + 1 < m; i++) probes.push((values[i] + values[i + 1]) / 2);
  probes.push(values[m - 1] + 1);
  const accepted: number[] = [];
  probes.forEach((d, i) => {
    const p = mannWhitneyU(
      x.map((a) => a - d),
      y,
      { method },
    ).p;
    if (p >= 1 - level - 1e-12) accepted.push(i);
  });
  if (accepted.length === 0) return null;
  // Probe i lies between values[i − 1] and values[i].
  const first = accepted[0];
  const last = accepted[accepted.length - 1];
  return { lo: values[Math.max(first - 1, 0)], hi: values[Math.min(last, m - 1)] };
}

describe("hodgesLehmannShift: published values", () => {
  it("Hollander & Wolfe (1999) Example 4.1, permeability at term vs 12–26 weeks: Δ = 0.305, 95% CI [−0.15, 0.76]", () => {
    // exactRankTests/tests/reg-tests.R ("Hollander & Wolfe, p. 110, results p. 111 and p. 126") asserts
    // wilcox.exact(y, x, conf.int = TRUE): CI (−0.76, 0.15), estimate −0.305, p = 0.2544; the same file
    // asserts wilcox.exact equals R's wilcox.test on untied data. The data are R's ?wilcox.test example.
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const yx = hodgesLehmannShift(y, x);
    expect(yx.method).toBe("exact");
    expect(yx.shift).toBeCloseTo(-0.305, 12);
    expect(yx.lo).toBeCloseTo(-0.76, 12);
    expect(yx.hi).toBeCloseTo(0.15, 12);
    const xy = hodgesLehmannShift(x, y);
    expect([xy.shift, xy.lo, xy.hi]).toEqual([-yx.shift, -yx.hi, -yx.lo]);
    // qwilcox(0.025, 10, 5) = 11, so k = 11 and the coverage is 1 − 2·P(U ≤ 10) = 1 − 2·60/3003
    // (brute-force count of the 3003 orderings in the coverage test below).
    expect(xy.achievedLevel).toBeCloseTo(1 - 120 / 3003, 14);
    expect(xy.level).toBe(0.95);
    expect([xy.n1, xy.n2]).toEqual([10, 5]);
  });

  it("R's extreme case wilcox.test(1, 2:60, conf.int = TRUE): both limits clipped to the range [−59, −1]", () => {
    // R's source (wilcox.test.R, asymptotic two-sample branch) returns the endpoints min(x) − max(y)
    // and max(x) − min(y) here; n2 ≥ 50 selects the normal approximation.
    const r = hodgesLehmannShift(
      [1],
      Array.from({ length: 59 }, (_, i) => i + 2),
    );
    expect(r.method).toBe("normal");
    expect([r.lo, r.hi, r.shift]).toEqual([-59, -1, -30]);
    // Clipped: the approximation's own coverage of [min D, max D] is below the level asked.
    expect(r.achievedLevel).toBeLessThan(0.95);
  });
});

describe("hodgesLehmannShift: the estimate", () => {
  it("is the median of all pairwise differences (brute force)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 15 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 15 }),
        (x, y) => {
          const r = hodgesLehmannShift(x, y);
          const ref = bruteForceMedianOfDifferences(x, y);
          expect(Math.abs(r.shift - ref)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref)));
          expect(r.lo).toBeLessThanOrEqual(r.shift);
          expect(r.hi).toBeGreaterThanOrEqual(r.shift);
        },
      ),
    );
  });
});

describe("hodgesLehmannShift: the exact interval", () => {
  const levels = [0.5, 0.8, 0.9, 0.95, 0.99];

  it("covers the true shift with probability achievedLevel: enumeration of every ordering under H₀", () => {
    // Under H₀ (true shift 0, continuous data) every assignment of the ranks to x is equally likely,
    // so the coverage is the fraction of assignments whose interval contains 0. Differences of
    // distinct ranks are never 0, so "contains" needs no tie-breaking.
    for (const [n1, n2] of [
      [1, 1],
      [1, 4],
      [2, 2],
      [3, 3],
      [2, 7],
      [4, 5],
      [6, 6],
      [10, 5],
    ]) {
      for (const level of levels) {
        let covered = 0;
        let total = 0;
        let achieved = Number.NaN;
        for (const [x, y] of assignments(n1, n2)) {
          const r = hodgesLehmannShift(x, y, { level });
          expect(r.method).toBe("exact");
          achieved = r.achievedLevel;
          total++;
          if (r.lo <= 0 && 0 <= r.hi) covered++;
        }
        expect(covered / total).toBeCloseTo(achieved, 12);
      }
    }
  });

  it("uses R's k = qwilcox((1 − level)/2): the largest k with P(U ≤ k − 1) below (1 − level)/2, coverage ≥ level when reachable", () => {
    for (const [n1, n2] of [
      [3, 4],
      [5, 5],
      [4, 9],
      [8, 8],
    ]) {
      // Distinct differences: x = 0 … n1−1, y = j·(n1 + 1) + ½, so each xᵢ − yⱼ is different.
      const x = Array.from({ length: n1 }, (_, i) => i);
      const y = Array.from({ length: n2 }, (_, j) => j * (n1 + 1) + 0.5);
      const diffs = x.flatMap((a) => y.map((b) => a - b)).sort((a, b) => a - b);
      const nn = n1 * n2;
      // Brute-force P(U ≤ q) by enumeration.
      const counts = new Array<number>(nn + 1).fill(0);
      let total = 0;
      for (const [xs, ys] of assignments(n1, n2)) {
        let u = 0;
        for (const a of xs) for (const b of ys) if (a > b) u++;
        counts[u]++;
        total++;
      }
      const cdf = (q: number): number => {
        let s = 0;
        for (let u = 0; u <= q; u++) s += counts[u];
        return s / total;
      };
      for (const level of levels) {
        const r = hodgesLehmannShift(x, y, { level });
        const k = diffs.indexOf(r.lo) + 1;
        expect(r.hi).toBe(diffs[nn - k]);
        const half = (1 - level) / 2;
        expect(r.achievedLevel).toBeCloseTo(1 - 2 * cdf(k - 1), 12);
        if (cdf(0) < half) {
          expect(cdf(k - 1)).toBeLessThan(half);
          expect(cdf(k)).toBeGreaterThanOrEqual(half - 1e-12);
          expect(r.achievedLevel).toBeGreaterThanOrEqual(level);
        } else {
          // Not reachable: the widest interval, and its coverage 1 − 2/C(n1+n2, n1) is reported.
          expect(k).toBe(1);
          expect(r.achievedLevel).toBeLessThanOrEqual(level + 1e-12);
        }
      }
    }
  });

  it("keeps R's wider interval when P(U ≤ k − 1) equals (1 − level)/2 exactly", () => {
    // 3 vs 3: P(U ≤ 1) = 2/20 = (1 − 0.8)/2. qwilcox(0.1, 3, 3) = 1, so R takes k = 1 ([min, max],
    // coverage 0.9); "P(U ≤ k − 1) ≤ 0.1" would give k = 2 with coverage exactly 0.8.
    const r = hodgesLehmannShift([1, 2, 3], [4.5, 5.5, 6.5], { level: 0.8 });
    expect([r.lo, r.hi]).toEqual([-5.5, -1.5]);
    expect(r.achievedLevel).toBeCloseTo(0.9, 14);
  });

  it("reports the unreachable level of tiny samples: 2 vs 2 gives [min D, max D] with coverage 1 − 2/6", () => {
    const r = hodgesLehmannShift([10, 13], [1, 2]);
    expect([r.lo, r.hi, r.shift]).toEqual([8, 12, 10]);
    expect(r.achievedLevel).toBeCloseTo(2 / 3, 14);
    const one = hodgesLehmannShift([5], [3]);
    expect([one.lo, one.hi, one.shift, one.achievedLevel]).toEqual([2, 2, 2, 0]);
  });

  it("equals the hull of the shifts the exact test does not reject (inversion by brute force)", () => {
    const pooled = fc.uniqueArray(fc.integer({ min: -40, max: 40 }), { minLength: 2, maxLength: 14 });
    fc.assert(
      fc.property(
        pooled,
        fc.integer({ min: 1, max: 13 }),
        fc.constantFrom(0.8, 0.9, 0.95),
        (values, cut, level) => {
          const k = Math.min(cut, values.length - 1);
          const x = values.slice(0, k);
          const y = values.slice(k);
          const r = hodgesLehmannShift(x, y, { level });
          expect(r.method).toBe("exact");
          const inv = invertedInterval(x, y, level, "exact");
          // At these levels the exact test never rejects every shift: those near the median stay.
          expect(inv).not.toBeNull();
          expect([r.lo, r.hi]).toEqual([inv?.lo, inv?.hi]);
        },
      ),
    );
  });
});

describe("hodgesLehmannShift: the normal approximation", () => {
  it("with ties, equals the hull of the shifts the tie-corrected normal test does not reject", () => {
    // Small integer ranges force ties, so "auto" takes the normal path, as R does.
    const sample = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 14 });
    fc.assert(
      fc.property(sample, sample, fc.constantFrom(0.8, 0.9, 0.95, 0.99), (x, y, level) => {
        const r = hodgesLehmannShift(x, y, { level });
        const hasTies = new Set([...x, ...y]).size < x.length + y.length;
        expect(r.method).toBe(hasTies || x.length >= 50 || y.length >= 50 ? "normal" : "exact");
        if (r.method !== "normal") return;
        const inv = invertedInterval(x, y, level, "normal");
        if (inv === null) {
          // Every gap is rejected: the sign flips at one difference, which is then the whole interval.
          expect(r.lo).toBe(r.hi);
        } else {
          expect([r.lo, r.hi]).toEqual([inv.lo, inv.hi]);
        }
        if (r.achievedLevel !== level) expect(r.achievedLevel).toBeLessThan(level);
      }),
    );
  });

  it("uses the within-sample tie correction: two constant samples give the single difference", () => {
    const r = hodgesLehmannShift([1, 1, 1, 1, 1], [0, 0, 0, 0, 0]);
    expect(r.method).toBe("normal");
    expect([r.lo, r.hi, r.shift, r.achievedLevel]).toEqual([1, 1, 1, 0.95]);
  });

  it("agrees with the exact interval on untied data of moderate size, as an approximation should", () => {
    // 20 vs 20, y shifted by 3: the two methods' limits are order statistics a few ranks apart at most.
    const x = Array.from({ length: 20 }, (_, i) => (i * 7919) % 101);
    const y = Array.from({ length: 20 }, (_, i) => ((i * 104729) % 103) + 3.5);
    const exact = hodgesLehmannShift(x, y, { method: "exact" });
    const normal = hodgesLehmannShift(x, y, { method: "normal" });
    expect(normal.shift).toBe(exact.shift);
    const diffs = x.flatMap((a) => y.map((b) => a - b)).sort((a, b) => a - b);
    expect(Math.abs(diffs.indexOf(normal.lo) - diffs.indexOf(exact.lo))).toBeLessThanOrEqual(3);
    expect(Math.abs(diffs.lastIndexOf(normal.hi) - diffs.lastIndexOf(exact.hi))).toBeLessThanOrEqual(3);
  });
});

describe("hodgesLehmannShift: equivariance", () => {
  const norm = (v: number): number => v + 0; // −0 → 0, so toEqual compares values
  const anySample = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 12 });

  it("shifting x by c shifts the estimate and both limits by c (normal method, ties allowed)", () => {
    // The method is fixed: a shift can create or remove ties between x and y, which moves "auto".
    fc.assert(
      fc.property(anySample, anySample, fc.integer({ min: -1000, max: 1000 }), (x, y, c) => {
        const r = hodgesLehmannShift(x, y, { method: "normal" });
        const s = hodgesLehmannShift(
          x.map((v) => v + c),
          y,
          { method: "normal" },
        );
        expect([s.shift, s.lo, s.hi].map(norm)).toEqual([r.shift + c, r.lo + c, r.hi + c].map(norm));
        expect(s.achievedLevel).toBe(r.achievedLevel);
      }),
    );
  });

  it("shifting x by c shifts the estimate and both limits by c (exact method)", () => {
    // x even, y odd and c even: no ties before or after the shift.
    const evens = fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(evens, evens, fc.integer({ min: -500, max: 500 }), (a, b, half) => {
        const x = a.map((v) => 2 * v);
        const y = b.map((v) => 2 * v + 1);
        const c = 2 * half;
        const r = hodgesLehmannShift(x, y);
        const s = hodgesLehmannShift(
          x.map((v) => v + c),
          y,
        );
        expect([r.method, s.method]).toEqual(["exact", "exact"]);
        expect([s.shift, s.lo, s.hi].map(norm)).toEqual([r.shift + c, r.lo + c, r.hi + c].map(norm));
        expect(s.achievedLevel).toBe(r.achievedLevel);
      }),
    );
  });

  it("swapping x and y negates the estimate and swaps the limits", () => {
    fc.assert(
      fc.property(anySample, anySample, fc.constantFrom(0.8, 0.95, 0.99), (x, y, level) => {
        const r = hodgesLehmannShift(x, y, { level });
        const s = hodgesLehmannShift(y, x, { level });
        expect(s.method).toBe(r.method);
        expect([s.shift, s.lo, s.hi].map(norm)).toEqual([-r.shift, -r.hi, -r.lo].map(norm));
      }),
    );
  });
});

describe("hodgesLehmannShift: argument checks", () => {
  it("names the bad value and what was expected", () => {
    expect(() => hodgesLehmannShift([], [1])).toThrow(
      "hodgesLehmannShift: x: expected at least one value (got [])",
    );
    expect(() => hodgesLehmannShift([1], [2, Number.NaN])).toThrow(
      "hodgesLehmannShift: y[1]: expected a finite number (got NaN)",
    );
    expect(() => hodgesLehmannShift([Number.POSITIVE_INFINITY], [2])).toThrow(
      "hodgesLehmannShift: x[0]: expected a finite number (got Infinity)",
    );
    expect(() => hodgesLehmannShift([1], [2], { level: 1 })).toThrow(
      "hodgesLehmannShift: level: Too big: expected number to be <1 (got 1)",
    );
    expect(() => hodgesLehmannShift([1], [2], { level: 95 })).toThrow("got 95");
    expect(() => hodgesLehmannShift([1], [2], { method: "bootstrap" as "exact" })).toThrow(
      'hodgesLehmannShift: method: Invalid option: expected one of "auto"|"exact"|"normal" (got "bootstrap")',
    );
    expect(() => hodgesLehmannShift([1], [2], { conf: 0.9 } as object)).toThrow(
      'hodgesLehmannShift: unknown key "conf"; known keys: level, method',
    );
    expect(() => hodgesLehmannShift([1, 2, 2], [3], { method: "exact" })).toThrow(
      'hodgesLehmannShift: method: expected "normal" or "auto": "exact" needs samples without ties, and 1 group(s) of tied values were found (got "exact")',
    );
  });
});
