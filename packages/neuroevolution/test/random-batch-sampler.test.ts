import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RandomBatchSampler } from "../src/index.ts";

/** n samples whose values encode (sample, position): x = 1000·i + k, y = −(1000·i + k). */
function indexed(n: number, xs: number, ys: number) {
  const x = new Float32Array(n * xs);
  const y = new Float32Array(n * ys);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < xs; k++) x[i * xs + k] = 1000 * i + k;
    for (let k = 0; k < ys; k++) y[i * ys + k] = -(1000 * i + k);
  }
  return { n, x, y, xShape: [xs], yShape: [ys] };
}

describe("RandomBatchSampler", () => {
  it("draws distinct samples and copies their whole x and y rows (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, xs, ys, seed, frac) => {
          const data = indexed(n, xs, ys);
          const m = Math.max(1, Math.round(frac * n));
          const s = new RandomBatchSampler(data, m, new Rng(seed));
          for (let draw = 0; draw < 3; draw++) {
            const b = s.draw();
            expect(b.n).toBe(m);
            const seen = new Set<number>();
            for (let j = 0; j < m; j++) {
              const i = b.x[j * xs] / 1000;
              expect(Number.isInteger(i) && i >= 0 && i < n).toBe(true);
              seen.add(i);
              for (let k = 0; k < xs; k++) expect(b.x[j * xs + k]).toBe(1000 * i + k);
              for (let k = 0; k < ys; k++) expect(b.y[j * ys + k]).toBe(-(1000 * i + k));
            }
            expect(seen.size).toBe(m);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keeps the shapes, so sequence batches stay [steps, features]", () => {
    const data = {
      n: 5,
      x: new Float32Array(5 * 3 * 2),
      xShape: [3, 2],
      y: new Float32Array(5),
      yShape: [1],
    };
    const b = new RandomBatchSampler(data, 2, new Rng(1)).draw();
    expect(b.xShape).toEqual([3, 2]);
    expect(b.x.length).toBe(2 * 6);
  });

  it("is uniform: each of 10 samples appears in about 3/10 of 4000 draws of 3", () => {
    const data = indexed(10, 1, 1);
    const s = new RandomBatchSampler(data, 3, new Rng(7));
    const counts = new Array(10).fill(0);
    const draws = 4000;
    for (let d = 0; d < draws; d++) {
      const b = s.draw();
      for (let j = 0; j < 3; j++) counts[b.x[j] / 1000]++;
    }
    // Each count is Binomial(4000, 0.3): mean 1200, sd ≈ 29; 5 sd is a loose, seed-independent margin.
    for (const c of counts) expect(Math.abs(c - 1200)).toBeLessThan(5 * 29);
  });

  it("same seed, same minibatches; rejects sizes outside [1, n]", () => {
    const data = indexed(20, 2, 1);
    const a = new RandomBatchSampler(data, 5, new Rng("s"));
    const b = new RandomBatchSampler(data, 5, new Rng("s"));
    for (let d = 0; d < 4; d++) expect(Array.from(a.draw().x)).toEqual(Array.from(b.draw().x));
    expect(() => new RandomBatchSampler(data, 21, new Rng(1))).toThrow(/integer in \[1, 20\].*got 21/);
    expect(() => new RandomBatchSampler(data, 0, new Rng(1))).toThrow(/got 0/);
  });
});
