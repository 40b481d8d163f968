import { rankOrder, sanitizeFitness } from "@arena/objectives";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  linearRankProbability,
  linearRankSelection,
  rouletteSelection,
  tournamentSelection,
  truncationSelection,
} from "../src/index.ts";

const DRAWS = 100_000;

function frequencies(out: Int32Array, n: number): number[] {
  const c = new Array(n).fill(0);
  for (const i of out) c[i]++;
  return c.map((x) => x / out.length);
}

/** |observed − p| within 5 binomial standard errors, for every category. */
function expectFrequencies(observed: number[], expected: number[]): void {
  expected.forEach((p, i) => {
    const se = Math.sqrt((p * (1 - p)) / DRAWS);
    expect(Math.abs(observed[i] - p)).toBeLessThanOrEqual(5 * se + 1e-12);
  });
}

// Fitness in scrambled order, so selection has to look at the values, not the positions.
const fitness = Float64Array.from([3, -1, 7, 0.5, 2]);
const order = new Int32Array(5);
rankOrder(fitness, order); // [1, 3, 4, 0, 2]
const rankOf = new Array(5);
order.forEach((idx, r) => {
  rankOf[idx] = r;
});

describe("selection", () => {
  it("tournament picks the better more often, exactly as (n−r)^k − (n−r−1)^k over n^k", () => {
    for (const k of [1, 2, 3, 5]) {
      const out = new Int32Array(DRAWS);
      tournamentSelection(fitness, k, new Rng(k), out);
      const freq = frequencies(out, 5);
      const want = Array.from({ length: 5 }, (_, i) => {
        const r = rankOf[i];
        return ((5 - r) ** k - (4 - r) ** k) / 5 ** k;
      });
      expectFrequencies(freq, want);
      if (k > 1) for (let r = 1; r < 5; r++) expect(freq[order[r - 1]]).toBeGreaterThan(freq[order[r]]);
    }
  });

  it("linear rank selection matches Baker's probabilities, which sum to 1", () => {
    for (const s of [1, 1.5, 2]) {
      let sum = 0;
      for (let r = 0; r < 5; r++) sum += linearRankProbability(r, 5, s);
      expect(sum).toBeCloseTo(1, 12);
      expect(linearRankProbability(0, 5, s)).toBeCloseTo(s / 5, 12);
      expect(linearRankProbability(4, 5, s)).toBeCloseTo((2 - s) / 5, 12);
      const out = new Int32Array(DRAWS);
      linearRankSelection(order, s, new Rng(10 + s), out, new Float64Array(5));
      const want = Array.from({ length: 5 }, (_, i) => linearRankProbability(rankOf[i], 5, s));
      expectFrequencies(frequencies(out, 5), want);
    }
  });

  it("roulette weights individuals by f_worst − f and gives non-finite ones nothing", () => {
    const raw = [3, Number.NaN, -1, 7, 0.5, Number.POSITIVE_INFINITY];
    const f = new Float64Array(raw.length);
    sanitizeFitness(raw, f);
    const out = new Int32Array(DRAWS);
    rouletteSelection(f, new Rng(3), out, new Float64Array(f.length));
    const w = [4, 0, 8, 0, 6.5, 0];
    const total = w.reduce((a, b) => a + b, 0);
    expectFrequencies(
      frequencies(out, raw.length),
      w.map((x) => x / total),
    );
  });

  it("roulette falls back to uniform among the best when all weights are zero", () => {
    const f = Float64Array.from([2, Number.POSITIVE_INFINITY, 2, 2]);
    const out = new Int32Array(DRAWS);
    rouletteSelection(f, new Rng(4), out, new Float64Array(4));
    expectFrequencies(frequencies(out, 4), [1 / 3, 0, 1 / 3, 1 / 3]);
    const allBad = new Float64Array(3).fill(Number.POSITIVE_INFINITY);
    const out2 = new Int32Array(DRAWS);
    rouletteSelection(allBad, new Rng(5), out2, new Float64Array(3));
    expectFrequencies(frequencies(out2, 3), [1 / 3, 1 / 3, 1 / 3]);
  });

  it("truncation draws uniformly from the best fraction only", () => {
    const out = new Int32Array(DRAWS);
    truncationSelection(order, 0.4, new Rng(6), out);
    const want = [0, 0, 0, 0, 0];
    want[order[0]] = 0.5;
    want[order[1]] = 0.5;
    expectFrequencies(frequencies(out, 5), want);
    const one = new Int32Array(100);
    truncationSelection(order, 0.01, new Rng(7), one);
    expect(one.every((i) => i === order[0])).toBe(true);
  });

  it("tournament never prefers a NaN-sanitized individual over a finite one", () => {
    const f = new Float64Array(4);
    sanitizeFitness([Number.NaN, 1, Number.NaN, 2], f);
    const out = new Int32Array(DRAWS);
    tournamentSelection(f, 2, new Rng(8), out);
    const freq = frequencies(out, 4);
    // f = 1 wins unless it is missed: 1 − (3/4)²; f = 2 wins when f = 1 is missed but it is not: (3/4)² − (2/4)²;
    // an infinite one wins only when both draws are infinite, (2/4)², split by who was drawn first.
    expectFrequencies(freq, [1 / 8, 7 / 16, 1 / 8, 5 / 16]);
  });
});
