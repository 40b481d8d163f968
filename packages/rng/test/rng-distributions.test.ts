import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../src/index.ts";

/** Standard normal CDF via the Abramowitz–Stegun 7.1.26 erf approximation (|error| < 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

describe("Rng distributions", () => {
  it("normal(): mean, variance and Kolmogorov–Smirnov statistic over 1e5 draws", () => {
    const n = 100_000;
    const rng = new Rng(2024);
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = rng.normal(3, 2);
    let sum = 0;
    for (const x of xs) sum += x;
    const mean = sum / n;
    let ss = 0;
    for (const x of xs) ss += (x - mean) ** 2;
    const variance = ss / (n - 1);
    // Standard error of the mean is 2/sqrt(1e5) ≈ 0.0063; of the variance about 4·sqrt(2/1e5) ≈ 0.018.
    expect(Math.abs(mean - 3)).toBeLessThan(5 * 0.0063);
    expect(Math.abs(variance - 4)).toBeLessThan(5 * 0.018);
    xs.sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = normalCdf((xs[i] - 3) / 2);
      d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
    }
    // KS critical value at alpha = 0.01 is 1.628/sqrt(n) ≈ 0.00515.
    expect(d).toBeLessThan(1.628 / Math.sqrt(n));
  });

  it("fillNormal and fillUniform fill in place with the requested moments", () => {
    const rng = new Rng(9);
    const a = rng.fillNormal(new Float32Array(50_000), -1, 0.5);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    expect(Math.abs(mean + 1)).toBeLessThan(0.01);
    const u = rng.fillUniform(new Float64Array(50_000), -2, 6);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...u)).toBeLessThan(6);
    expect(Math.abs(u.reduce((s, v) => s + v, 0) / u.length - 2)).toBeLessThan(0.05);
  });

  it("int(): stays in bounds (property) and is uniform by a chi-square test", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 1, max: 1e7 }),
        fc.integer(),
        (lo, span, seed) => {
          const r = new Rng(seed);
          for (let i = 0; i < 20; i++) {
            const v = r.int(lo, lo + span);
            expect(Number.isInteger(v) && v >= lo && v < lo + span).toBe(true);
          }
        },
      ),
    );
    const k = 10;
    const n = 100_000;
    const counts = new Array(k).fill(0);
    const rng = new Rng(77);
    for (let i = 0; i < n; i++) counts[rng.int(0, k)]++;
    const expected = n / k;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // chi-square with 9 degrees of freedom: the 0.999 quantile is 27.88.
    expect(chi2).toBeLessThan(27.88);
  });

  it("bernoulli(p) hits p within 5 standard errors", () => {
    const rng = new Rng(3);
    let hits = 0;
    for (let i = 0; i < 50_000; i++) if (rng.bernoulli(0.3)) hits++;
    expect(Math.abs(hits / 50_000 - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / 50_000));
  });

  it("shuffle and permutation give permutations; sample gives k distinct indices", () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(300), (seed, n) => {
        const r = new Rng(seed);
        const p = r.permutation(n);
        expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        const arr = Array.from({ length: n }, (_, i) => `x${i}`);
        const shuffled = r.shuffle([...arr]);
        expect([...shuffled].sort()).toEqual([...arr].sort());
        const k = n === 0 ? 0 : r.int(0, n + 1);
        const s = r.sample(n, k);
        expect(s.length).toBe(k);
        expect(new Set(s).size).toBe(k);
        for (const v of s) expect(v >= 0 && v < n).toBe(true);
      }),
    );
  });

  it("shuffle puts each element in each position equally often", () => {
    // 3 elements, 60 000 shuffles: each of the 6 orders expected 10 000 times.
    const rng = new Rng(11);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = rng.shuffle([0, 1, 2]).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(20.52); // chi-square(5) 0.999 quantile
  });
});
