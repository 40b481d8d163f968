import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arithmeticCrossover,
  blxAlphaCrossover,
  onePointCrossover,
  sbxCrossover,
  sbxSpreadFactor,
  twoPointCrossover,
  uniformCrossover,
} from "../src/index.ts";

// Parents plus a seed; the Rng is made inside each property so that shrinking replays the same draws.
const parentPair = fc
  .integer({ min: 1, max: 12 })
  .chain((dim) =>
    fc.tuple(
      fc.array(fc.float({ min: -100, max: 100, noNaN: true }), { minLength: dim, maxLength: dim }),
      fc.array(fc.float({ min: -100, max: 100, noNaN: true }), { minLength: dim, maxLength: dim }),
      fc.integer(),
    ),
  )
  .map(([a, b, seed]) => ({ p1: Float32Array.from(a), p2: Float32Array.from(b), seed }));

function cross(
  op: (p1: Float32Array, p2: Float32Array, c1: Float32Array, c2: Float32Array, rng: Rng) => void,
  p1: Float32Array,
  p2: Float32Array,
  rng: Rng,
): [Float32Array, Float32Array] {
  const c1 = new Float32Array(p1.length);
  const c2 = new Float32Array(p1.length);
  op(p1, p2, c1, c2, rng);
  return [c1, c2];
}

/**
 * Which parent each gene of c1 came from (1 or 2, or 0 where the parents agree); the children must be
 * each other's complement.
 */
function origins(p1: Float32Array, p2: Float32Array, c1: Float32Array, c2: Float32Array): number[] {
  return Array.from(c1, (v, d) => {
    if (p1[d] === p2[d] && v === p1[d] && c2[d] === p1[d]) return 0;
    if (v === p1[d] && c2[d] === p2[d]) return 1;
    if (v === p2[d] && c2[d] === p1[d]) return 2;
    throw new Error(`gene ${d} is not an exchange of parent genes`);
  });
}

describe("crossover", () => {
  it("uniform, one- and two-point crossover exchange whole genes", () => {
    fc.assert(
      fc.property(parentPair, ({ p1, p2, seed }) => {
        const rng = new Rng(seed);
        for (const op of [uniformCrossover, onePointCrossover, twoPointCrossover])
          origins(p1, p2, ...cross(op, p1, p2, rng));
      }),
    );
  });

  it("one-point swaps a non-empty tail, two-point one non-empty segment after the first gene", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), (dim, seed) => {
        // Distinct parent genes, so every child gene's origin is unambiguous.
        const p1 = Float32Array.from({ length: dim }, (_, d) => d);
        const p2 = Float32Array.from({ length: dim }, (_, d) => 100 + d);
        const rng = new Rng(seed);
        const one = origins(p1, p2, ...cross(onePointCrossover, p1, p2, rng));
        const two = origins(p1, p2, ...cross(twoPointCrossover, p1, p2, rng));
        const switches = (o: number[]) => o.slice(1).filter((v, i) => v !== o[i]).length;
        if (dim >= 2) {
          expect(one[0]).toBe(1);
          expect(one[dim - 1]).toBe(2);
          expect(switches(one)).toBe(1);
          expect(two[0]).toBe(1);
          expect(two.includes(2)).toBe(true);
          expect(switches(two)).toBeLessThanOrEqual(2);
        } else {
          expect(one).toEqual([1]);
          expect(two).toEqual([1]);
        }
      }),
    );
  });

  it("one-point cuts are uniform over 1..dim−1", () => {
    const dim = 5;
    const p1 = new Float32Array(dim);
    const p2 = new Float32Array(dim).fill(1);
    const counts = new Array(dim).fill(0);
    const rng = new Rng(31);
    for (let k = 0; k < 40_000; k++) {
      const [c1] = cross(onePointCrossover, p1, p2, rng);
      counts[c1.indexOf(1)]++;
    }
    expect(counts[0]).toBe(0);
    for (let c = 1; c < dim; c++) expect(Math.abs(counts[c] / 40_000 - 0.25)).toBeLessThan(0.011);
  });

  it("uniform crossover swaps each gene with the given probability", () => {
    const dim = 20_000;
    const p1 = new Float32Array(dim);
    const p2 = new Float32Array(dim).fill(1);
    for (const q of [0, 0.2, 0.5, 1]) {
      const [c1] = cross((a, b, x, y, r) => uniformCrossover(a, b, x, y, r, q), p1, p2, new Rng(q * 10));
      const swapped = c1.reduce((s, v) => s + v, 0) / dim;
      expect(Math.abs(swapped - q)).toBeLessThan(0.015);
    }
  });
});

describe("crossover: blending operators", () => {
  it("arithmetic children lie between the parents and keep their sum", () => {
    fc.assert(
      fc.property(parentPair, ({ p1, p2, seed }) => {
        const [c1, c2] = cross(arithmeticCrossover, p1, p2, new Rng(seed));
        for (let d = 0; d < p1.length; d++) {
          const lo = Math.min(p1[d], p2[d]);
          const hi = Math.max(p1[d], p2[d]);
          expect(c1[d]).toBeGreaterThanOrEqual(lo);
          expect(c1[d]).toBeLessThanOrEqual(hi);
          expect(c2[d]).toBeGreaterThanOrEqual(lo);
          expect(c2[d]).toBeLessThanOrEqual(hi);
          expect(Math.abs(c1[d] + c2[d] - p1[d] - p2[d])).toBeLessThanOrEqual(
            1e-4 * (1 + Math.abs(hi) + Math.abs(lo)),
          );
        }
      }),
    );
  });

  it("BLX-α children lie in the widened interval with mean (p1+p2)/2 and variance ((1+2α)I)²/12", () => {
    fc.assert(
      fc.property(parentPair, fc.double({ min: 0, max: 1, noNaN: true }), ({ p1, p2, seed }, alpha) => {
        const [c1, c2] = cross(
          (a, b, x, y, r) => blxAlphaCrossover(a, b, x, y, r, alpha),
          p1,
          p2,
          new Rng(seed),
        );
        for (let d = 0; d < p1.length; d++) {
          const i = Math.abs(p1[d] - p2[d]);
          const lo = Math.min(p1[d], p2[d]) - alpha * i;
          const hi = Math.max(p1[d], p2[d]) + alpha * i;
          const tol = 1e-5 * (1 + Math.abs(lo) + Math.abs(hi));
          for (const c of [c1[d], c2[d]]) {
            expect(c).toBeGreaterThanOrEqual(lo - tol);
            expect(c).toBeLessThanOrEqual(hi + tol);
          }
        }
      }),
    );
    const dim = 50_000;
    const p1 = new Float32Array(dim).fill(2);
    const p2 = new Float32Array(dim).fill(4); // I = 2
    for (const alpha of [0, 0.5]) {
      const [c1] = cross((a, b, x, y, r) => blxAlphaCrossover(a, b, x, y, r, alpha), p1, p2, new Rng(21));
      const mean = c1.reduce((s, v) => s + v, 0) / dim;
      const variance = c1.reduce((s, v) => s + (v - mean) ** 2, 0) / dim;
      const want = ((1 + 2 * alpha) * 2) ** 2 / 12;
      expect(Math.abs(mean - 3)).toBeLessThan(5 * Math.sqrt(want / dim));
      expect(Math.abs(variance / want - 1)).toBeLessThan(0.03);
    }
  });
});

describe("crossover: SBX and in-place children", () => {
  it("SBX keeps the parents' mean and spreads children by β with P(β <= 1) = 1/2 and CDF 0.5 β^(η+1) below 1", () => {
    fc.assert(
      fc.property(parentPair, fc.double({ min: 0, max: 30, noNaN: true }), ({ p1, p2, seed }, eta) => {
        const [c1, c2] = cross((a, b, x, y, r) => sbxCrossover(a, b, x, y, r, eta), p1, p2, new Rng(seed));
        for (let d = 0; d < p1.length; d++) {
          const scale = 1 + Math.abs(c1[d]) + Math.abs(c2[d]);
          expect(Math.abs(c1[d] + c2[d] - p1[d] - p2[d])).toBeLessThanOrEqual(1e-6 * scale);
        }
      }),
    );
    for (const eta of [2, 15]) {
      const dim = 50_000;
      const p1 = new Float32Array(dim).fill(1);
      const p2 = new Float32Array(dim).fill(2);
      const [c1, c2] = cross((a, b, x, y, r) => sbxCrossover(a, b, x, y, r, eta), p1, p2, new Rng(eta));
      const beta = Array.from(c1, (v, d) => Math.abs(c2[d] - v)); // |p1 − p2| = 1
      const below = (b: number) => beta.filter((x) => x <= b).length / dim;
      const se = 5 * Math.sqrt(0.25 / dim);
      expect(Math.abs(below(1) - 0.5)).toBeLessThan(se + 1e-4);
      expect(Math.abs(below(0.9) - 0.5 * 0.9 ** (eta + 1))).toBeLessThan(se + 1e-4);
      // Above 1: P(β > b) = 0.5 / b^(η+1).
      expect(Math.abs(1 - below(1.1) - 0.5 / 1.1 ** (eta + 1))).toBeLessThan(se + 1e-4);
    }
    // The spread factor itself is the inverse CDF.
    expect(sbxSpreadFactor(0.5, 7)).toBe(1);
    expect(sbxSpreadFactor(0, 3)).toBe(0);
    expect(sbxSpreadFactor(0.25, 1)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(sbxSpreadFactor(0.875, 2)).toBeCloseTo(4 ** (1 / 3), 12);
  });

  it("every operator can write its children over its parents", () => {
    const ops = [
      uniformCrossover,
      onePointCrossover,
      twoPointCrossover,
      arithmeticCrossover,
      blxAlphaCrossover,
      sbxCrossover,
    ];
    fc.assert(
      fc.property(parentPair, fc.integer({ min: 0, max: ops.length - 1 }), ({ p1, p2 }, k) => {
        const [c1, c2] = cross(ops[k], p1, p2, new Rng(k));
        const a = p1.slice();
        const b = p2.slice();
        ops[k](a, b, a, b, new Rng(k));
        expect(a).toEqual(c1);
        expect(b).toEqual(c2);
      }),
    );
  });
});
